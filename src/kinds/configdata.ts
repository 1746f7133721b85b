// What the keys of a ConfigMap or a Secret hold as text, as containers see them in env vars and
// mounted files (a Secret's values decoded from base64).

import type { Store } from '../store/store.js';

export function configData(store: Store, resource: 'configmaps' | 'secrets', ns: string | undefined, name: string | undefined): Record<string, string> | undefined {
  const o = name ? store.get(resource, ns, name) : undefined;
  if (!o) return undefined;
  const data = o.data ?? {};
  if (resource === 'configmaps') return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}
