// The builtin transformers: namespace, namePrefix/nameSuffix, labels and commonLabels (with the
// selectors kustomize's default field specs name), commonAnnotations, images and replicas.

import { groupOf, isMap, type Obj, type Resource } from './types.js';

/** A field spec: a path (`[]` steps into each list item), the kinds it applies to, whether it is created. */
interface FieldSpec {
  path: string;
  kinds?: string[];
  group?: string;
  create: boolean;
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

const LABEL_SELECTORS: FieldSpec[] = [
  { path: 'spec/selector', kinds: ['ReplicationController', 'Service'], create: true },
  { path: 'spec/selector/matchLabels', kinds: WORKLOADS, create: true },
  { path: 'spec/selector/matchLabels', kinds: ['Job'], create: false },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', kinds: ['CronJob'], create: false },
  { path: 'spec/selector/matchLabels', kinds: ['PodDisruptionBudget'], create: false },
  { path: 'spec/podSelector/matchLabels', kinds: ['NetworkPolicy'], create: false },
  { path: 'spec/ingress/from/podSelector/matchLabels', kinds: ['NetworkPolicy'], create: false },
  { path: 'spec/egress/to/podSelector/matchLabels', kinds: ['NetworkPolicy'], create: false },
];

const TEMPLATE_LABELS: FieldSpec[] = [
  { path: 'spec/template/metadata/labels', kinds: ['ReplicationController', ...WORKLOADS, 'Job'], create: true },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', kinds: ['StatefulSet'], create: true },
  { path: 'spec/jobTemplate/metadata/labels', kinds: ['CronJob'], create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', kinds: ['CronJob'], create: true },
];

const TEMPLATE_ANNOTATIONS: FieldSpec[] = [
  { path: 'spec/template/metadata/annotations', kinds: ['ReplicationController', ...WORKLOADS, 'Job'], create: true },
  { path: 'spec/jobTemplate/metadata/annotations', kinds: ['CronJob'], create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', kinds: ['CronJob'], create: true },
];

function applies(spec: FieldSpec, obj: Obj): boolean {
  return (!spec.kinds || spec.kinds.includes(String(obj.kind))) && (spec.group === undefined || groupOf(obj.apiVersion) === spec.group);
}

/** Merges `values` into the map at the path, creating it (and what leads to it) when the spec says so. */
function setMap(node: unknown, steps: string[], values: Record<string, string>, create: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) setMap(item, steps, values, create);
    return;
  }
  if (!isMap(node)) return;
  const [step, ...rest] = steps;
  const key = step.replace(/\[\]$/, '');
  if (!rest.length) {
    if (node[key] === undefined || node[key] === null) {
      if (!create) return;
      node[key] = {};
    }
    if (isMap(node[key])) Object.assign(node[key] as object, values);
    return;
  }
  if (node[key] === undefined || node[key] === null) {
    if (!create) return;
    node[key] = step.endsWith('[]') ? [] : {};
  }
  setMap(node[key], rest, values, create);
}

function applySpecs(resources: Resource[], specs: FieldSpec[], values: Record<string, string>): void {
  for (const r of resources) for (const s of specs) if (applies(s, r.obj)) setMap(r.obj, s.path.split('/'), values, s.create);
}

export function addLabels(resources: Resource[], labels: Record<string, string>, selectors: boolean, templates: boolean): void {
  const specs: FieldSpec[] = [{ path: 'metadata/labels', create: true }, ...(selectors || templates ? TEMPLATE_LABELS : []), ...(selectors ? LABEL_SELECTORS : [])];
  applySpecs(resources, specs, labels);
}

export function addAnnotations(resources: Resource[], annotations: Record<string, string>): void {
  applySpecs(resources, [{ path: 'metadata/annotations', create: true }, ...TEMPLATE_ANNOTATIONS], annotations);
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'IngressClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'CSIDriver', 'CSINode', 'RuntimeClass', 'PodSecurityPolicy', 'VolumeAttachment',
]);

export function setNamespace(resources: Resource[], namespace: string): void {
  for (const r of resources) {
    const kind = String(r.obj.kind);
    if (CLUSTER_SCOPED.has(kind)) continue;
    r.obj.metadata = { ...r.obj.metadata, namespace };
    // Subjects that are service accounts follow into the namespace, as kustomize's default config has it.
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(r.obj.subjects)) {
      for (const s of r.obj.subjects) if (isMap(s) && s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === 'default')) s.namespace = namespace;
    }
  }
}

export function addPrefixSuffix(resources: Resource[], prefix: string, suffix: string): void {
  for (const r of resources) {
    const kind = String(r.obj.kind);
    // kustomize leaves names that other things rely on as they are.
    if (kind === 'CustomResourceDefinition' || kind === 'Namespace') continue;
    r.obj.metadata = { ...r.obj.metadata, name: `${prefix}${r.obj.metadata?.name ?? ''}${suffix}` };
  }
}

export interface Image {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** registry/name[:tag][@digest]: the name, and the tag or digest part as written. */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: '', digest };
}

function newImage(image: string, rules: Image[]): string {
  const parts = splitImage(image);
  const rule = rules.find((i) => i.name === parts.name);
  if (!rule) return image;
  const name = rule.newName ?? parts.name;
  if (rule.digest) return `${name}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${name}:${rule.newTag}`;
  return `${name}${parts.tag ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
}

/** Every pod spec an object holds: a Pod's, a template's, a CronJob's job template's. */
export function podSpecs(obj: Obj): Record<string, unknown>[] {
  const spec = obj.spec;
  if (!isMap(spec)) return [];
  const out: Record<string, unknown>[] = [];
  if (obj.kind === 'Pod') out.push(spec);
  const tmpl = spec.template;
  if (isMap(tmpl) && isMap(tmpl.spec)) out.push(tmpl.spec);
  const job = spec.jobTemplate;
  if (isMap(job) && isMap(job.spec) && isMap(job.spec.template) && isMap(job.spec.template.spec)) out.push(job.spec.template.spec);
  return out;
}

export function setImages(resources: Resource[], rules: Image[]): void {
  for (const r of resources) {
    for (const spec of podSpecs(r.obj)) {
      for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
        const cs = spec[list];
        if (!Array.isArray(cs)) continue;
        for (const c of cs) if (isMap(c) && typeof c.image === 'string') c.image = newImage(c.image, rules);
      }
    }
  }
}

export function setReplicas(resources: Resource[], rules: { name: string; count: number }[]): void {
  for (const rule of rules) {
    for (const r of resources) {
      if (r.origName !== rule.name && r.obj.metadata?.name !== rule.name) continue;
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(String(r.obj.kind))) continue;
      r.obj.spec = { ...(isMap(r.obj.spec) ? r.obj.spec : {}), replicas: rule.count };
    }
  }
}
