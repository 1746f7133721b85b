// The object model: plain JSON objects shaped like the Kubernetes API.

import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

export type { ObjectMeta, OwnerReference };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Mutable<ObjectMeta> & { name: string };
  [field: string]: unknown;
}

export function namespaceOf(o: KObject): string {
  return o.metadata.namespace ?? '';
}

export function labelsOf(o: { metadata?: ObjectMeta }): Record<string, string> {
  return o.metadata?.labels ?? {};
}

export function controllerOf(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}
