// Name references: once names took their prefix, suffix and hash, the fields that name a
// ConfigMap, Secret, Service, ServiceAccount, PersistentVolumeClaim, Role or scale target follow.

import { podSpecs } from './transformers.js';
import { isMap, type Resource } from './types.js';

type Rename = (kind: string, name: unknown, namespace: string | undefined) => string | undefined;

function renamer(resources: Resource[]): Rename {
  return (kind, name, namespace) => {
    if (typeof name !== 'string') return undefined;
    const candidates = resources.filter((r) => r.obj.kind === kind && r.origName === name);
    const same = candidates.find((r) => (r.obj.metadata?.namespace ?? undefined) === namespace) ?? candidates[0];
    return same ? String(same.obj.metadata?.name) : undefined;
  };
}

function fix(holder: unknown, key: string, kind: string, rename: Rename, ns: string | undefined): void {
  if (!isMap(holder)) return;
  const n = rename(kind, holder[key], ns);
  if (n !== undefined) holder[key] = n;
}

const each = (v: unknown, f: (x: Record<string, unknown>) => void) => {
  if (Array.isArray(v)) for (const x of v) if (isMap(x)) f(x);
};

function fixPodSpec(spec: Record<string, unknown>, rename: Rename, ns: string | undefined): void {
  fix(spec, 'serviceAccountName', 'ServiceAccount', rename, ns);
  fix(spec, 'serviceAccount', 'ServiceAccount', rename, ns);
  each(spec.imagePullSecrets, (s) => fix(s, 'name', 'Secret', rename, ns));
  each(spec.volumes, (v) => {
    fix(v.configMap, 'name', 'ConfigMap', rename, ns);
    fix(v.secret, 'secretName', 'Secret', rename, ns);
    fix(v.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim', rename, ns);
    if (isMap(v.projected)) {
      each(v.projected.sources, (s) => {
        fix(s.configMap, 'name', 'ConfigMap', rename, ns);
        fix(s.secret, 'name', 'Secret', rename, ns);
      });
    }
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    each(spec[list], (c) => {
      each(c.env, (e) => {
        if (!isMap(e.valueFrom)) return;
        fix(e.valueFrom.configMapKeyRef, 'name', 'ConfigMap', rename, ns);
        fix(e.valueFrom.secretKeyRef, 'name', 'Secret', rename, ns);
      });
      each(c.envFrom, (e) => {
        fix(e.configMapRef, 'name', 'ConfigMap', rename, ns);
        fix(e.secretRef, 'name', 'Secret', rename, ns);
      });
    });
  }
}

export function fixNameReferences(resources: Resource[]): void {
  const rename = renamer(resources);
  for (const r of resources) {
    const o = r.obj;
    const ns = o.metadata?.namespace;
    for (const spec of podSpecs(o)) fixPodSpec(spec, rename, ns);
    const spec = isMap(o.spec) ? o.spec : undefined;
    if (!spec) {
      if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') fixBinding(r, rename);
      continue;
    }
    if (o.kind === 'Ingress') {
      const backend = (b: unknown) => isMap(b) && fix(b.service, 'name', 'Service', rename, ns);
      backend(spec.defaultBackend);
      each(spec.rules, (rule) => isMap(rule.http) && each(rule.http.paths, (p) => backend(p.backend)));
      each(spec.tls, (t) => fix(t, 'secretName', 'Secret', rename, ns));
    }
    if (o.kind === 'StatefulSet') fix(spec, 'serviceName', 'Service', rename, ns);
    if (o.kind === 'HorizontalPodAutoscaler' && isMap(spec.scaleTargetRef)) fix(spec.scaleTargetRef, 'name', String(spec.scaleTargetRef.kind), rename, ns);
  }
}

function fixBinding(r: Resource, rename: Rename): void {
  const o = r.obj;
  if (isMap(o.roleRef)) fix(o.roleRef, 'name', String(o.roleRef.kind), rename, o.metadata?.namespace);
  each(o.subjects, (s) => s.kind === 'ServiceAccount' && fix(s, 'name', 'ServiceAccount', rename, typeof s.namespace === 'string' ? s.namespace : undefined));
}
