// The kubectl.kubernetes.io/last-applied-configuration annotation: the manifest as it was last
// applied, which client-side apply diffs against (kubectl's GetModifiedConfiguration).

import { clone } from '../util/objects.js';
import type { KObject } from './types.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The annotation's value: the manifest as given, namespace filled in, keys sorted. apply
 * annotates the object first, so the value has an `annotations` map even when empty;
 * set-last-applied (`annotate` false) keeps the manifest's metadata as it is.
 */
export function lastAppliedConfiguration(m: KObject, annotate = true): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  const copy = clone(m);
  if (annotate || copy.metadata.annotations) {
    copy.metadata.annotations = { ...copy.metadata.annotations };
    delete copy.metadata.annotations[LAST_APPLIED];
  }
  return JSON.stringify(sort(copy)) + '\n';
}
