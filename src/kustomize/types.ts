// A resource as kustomize carries it through a build: the object, the name it was first known
// by (references use it), and whether a generator's content hash is still to be appended.

export type Obj = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

export interface Resource {
  obj: Obj;
  origName: string;
  /** The namespace it had when first loaded or generated. */
  origNamespace?: string;
  /** A generated ConfigMap or Secret whose name takes its content hash at the end. */
  hash: boolean;
}

export class KustomizeError extends Error {}

export function nameOf(r: Resource): string {
  return String(r.obj.metadata?.name ?? '');
}

export function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

export function versionOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(v.indexOf('/') + 1) : v;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
