// Reading manifests for -f: files, directories, stdin and (well-known) URLs; YAML streams,
// JSON and Lists; kubectl's client-side errors for what cannot be decoded.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchKind, type ResourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { CliError } from '../errors.js';
import { decodeStream } from './decode.js';
import type { Session } from '../session.js';

export interface Manifest {
  obj: KObject;
  info: ResourceInfo;
  /** The file (or `STDIN`, or the URL) it came from, for error messages. */
  source: string;
}

/** kctl refuses files larger than this instead of reading them into memory. */
const MAX_FILE = 32 * 1024 * 1024;

function listFiles(path: string, recursive: boolean): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`the path "${path}" does not exist`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      if (recursive) out.push(...listFiles(p, true));
    } else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

function readText(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_FILE) {
    throw new CliError(`the file ${path} is too large (${(size / 1048576).toFixed(1)} MiB); kctl reads manifests of at most ${MAX_FILE / 1048576} MiB`);
  }
  return readFileSync(path, 'utf8');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns one decoded document into API objects (a List expands into its items). */
function toObjects(doc: unknown, source: string): Manifest[] {
  if (!isObject(doc)) {
    const type = Array.isArray(doc) ? 'array' : typeof doc === 'boolean' ? 'bool' : typeof doc;
    throw new CliError(`unable to decode "${source}": json: cannot unmarshal ${type} into Go value of type unstructured.detector`);
  }
  const compact = () => JSON.stringify(doc).slice(0, 1000);
  if (typeof doc.kind !== 'string' || !doc.kind) throw new CliError(`unable to decode "${source}": Object 'Kind' is missing in '${compact()}'`);
  if (typeof doc.apiVersion !== 'string' || !doc.apiVersion) throw new CliError(`unable to decode "${source}": Object 'apiVersion' is missing in '${compact()}'`);
  if (doc.kind === 'List' || doc.kind.endsWith('List')) {
    if (!Array.isArray(doc.items)) return [];
    return doc.items.flatMap((i) => toObjects(i, source));
  }
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const match = matchKind(doc.apiVersion, doc.kind);
  if (!match.ok) {
    throw new CliError(
      `resource mapping not found for name: "${typeof meta.name === 'string' ? meta.name : ''}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${source}": ${match.error}\nensure CRDs are installed first`,
    );
  }
  return [{ obj: { ...doc, metadata: meta } as unknown as KObject, info: match.info, source }];
}

async function fetchUrl(url: string): Promise<string> {
  const { findAddon } = await import('../../cluster/addons.js');
  const manifest = findAddon(url);
  if (manifest !== undefined) return manifest;
  const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
  throw new CliError(
    `unable to read URL "${url}", server reported Get "${url}": dial tcp: lookup ${host}: no such host (kctl works offline and knows only its built-in add-on manifests)`,
  );
}

export interface ManifestFile {
  /** The file, `STDIN` or the URL. */
  source: string;
  manifests: Manifest[];
  /** Why the file could not be read or decoded; its other documents are not used either. */
  error?: unknown;
}

/**
 * Reads every -f argument file by file: a file that cannot be decoded is reported on its own and
 * the others are still read, as kubectl's builder continues on error. A path that does not exist
 * fails the whole command.
 */
export async function readManifestFiles(session: Session, filenames: string[], recursive: boolean): Promise<ManifestFile[]> {
  const sources: { source: string; text: () => Promise<string> }[] = [];
  for (const f of filenames) {
    if (f === '-') sources.push({ source: 'STDIN', text: () => session.io.readStdin() });
    else if (/^https?:\/\//.test(f)) sources.push({ source: f, text: () => fetchUrl(f) });
    else for (const file of listFiles(f, recursive)) sources.push({ source: file, text: async () => readText(file) });
  }
  const out: ManifestFile[] = [];
  for (const { source, text } of sources) {
    try {
      const manifests: Manifest[] = [];
      for (const d of await decodeStream(await text(), source)) manifests.push(...toObjects(d, source));
      out.push({ source, manifests });
    } catch (e) {
      out.push({ source, manifests: [], error: e });
    }
  }
  return out;
}

/** Reads every -f argument into manifests; an error anywhere fails the whole command. */
export async function readManifests(session: Session, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const files = await readManifestFiles(session, filenames, recursive);
  const failed = files.find((f) => f.error !== undefined);
  if (failed) throw failed.error;
  return files.flatMap((f) => f.manifests);
}
