// ObjectMeta as kubectl's generators fill it, in Go's field order.

import type { KObject } from '../../../../api/types.js';

/** Name, the namespace only when -n was given, labels, annotations (each only when there are some). */
export function generatedMeta(name: string, namespace: string | undefined, labels?: Record<string, string>, annotations?: Record<string, string>): KObject['metadata'] {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    creationTimestamp: null as unknown as string,
    ...(labels && Object.keys(labels).length ? { labels } : {}),
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** A Go map printed by encoding/json: keys sorted. */
export function goMap<T>(m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}
