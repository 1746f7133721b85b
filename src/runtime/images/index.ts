// Finding the catalogue entry of an image reference: the user's entries first, then the
// built-in ones, then a plain Linux container.

import { BASES, type BaseSpec } from './bases.js';
import { BUILTIN_IMAGES, UNKNOWN_IMAGE } from './catalog.js';
import type { ImageSpec } from './types.js';
import { loadUserImages } from './user.js';

export type { BaseName, ImageSpec, ServerSpec } from './types.js';
export { ImageCatalogError } from './user.js';

/** `nginx` → nginx:latest, `docker.io/library/nginx:1.27@sha256:…` → nginx:1.27. */
export function parseReference(ref: string): { repo: string; tag: string } {
  let name = ref.trim().replace(/@.*$/, '');
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  const m = /^(.*?)(?::([^/:]+))?$/.exec(name)!;
  return { repo: m[1], tag: m[2] ?? 'latest' };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function matches(pattern: string, repo: string, tag: string): boolean {
  if (pattern === '*') return true;
  const { repo: prepo, tag: ptag } = parseReference(pattern);
  if (!globToRegExp(prepo).test(repo)) return false;
  const hasTag = pattern.indexOf(':', pattern.lastIndexOf('/') + 1) >= 0;
  return !hasTag || globToRegExp(ptag).test(tag);
}

export interface Image {
  spec: ImageSpec;
  base: BaseSpec;
  repo: string;
  tag: string;
}

export class ImageCatalog {
  private readonly entries: ImageSpec[];
  private readonly cache = new Map<string, Image>();

  constructor(user: ImageSpec[] = []) {
    this.entries = [...user, ...BUILTIN_IMAGES];
  }

  /** The catalogue entry for an image reference as a pod spec names it. */
  resolve(ref: string): Image {
    let image = this.cache.get(ref);
    if (!image) {
      const { repo, tag } = parseReference(ref);
      const spec = this.entries.find((e) => e.match.some((p) => matches(p, repo, tag))) ?? UNKNOWN_IMAGE;
      image = { spec, base: BASES[spec.base], repo, tag };
      this.cache.set(ref, image);
    }
    return image;
  }
}

/** The catalogue for this command: built-in images plus those of $KCTL_IMAGES. */
export function loadCatalog(env: NodeJS.ProcessEnv): ImageCatalog {
  return new ImageCatalog(loadUserImages(env.KCTL_IMAGES));
}
