// The image names and IDs a container status reports, as containerd normalises and digests them.

import { fnv1a32 } from '../util/hash.js';

/** `nginx` → `docker.io/library/nginx:latest`, the name container statuses report. */
export function normalizeImage(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  if (slash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  return ref;
}

function digest(text: string): string {
  let h = '';
  for (let i = 0; h.length < 64; i++) h += fnv1a32(`${i}:${text}`).toString(16).padStart(8, '0');
  return h.slice(0, 64);
}

const imageIDs = new Map<string, string>();

export function imageID(image: string): string {
  let id = imageIDs.get(image);
  if (id === undefined) {
    const ref = normalizeImage(image);
    imageIDs.set(image, (id = `${ref.replace(/:[^/:]+$/, '')}@sha256:${digest(ref)}`));
  }
  return id;
}
