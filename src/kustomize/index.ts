// kustomize build: a kustomization directory, its resources and bases, generators, patches and
// transformers, in kustomize's order, then the content hashes, the name references and the
// legacy kind order kubectl kustomize prints in.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadYaml } from '../util/yaml.js';
import { contentHash, generate, mergeInto, type GeneratorArgs, type GeneratorOptions } from './generators.js';
import { fixNameReferences } from './namerefs.js';
import { applyPatch, type Target } from './patches.js';
import { addAnnotations, addLabels, addPrefixSuffix, setImages, setNamespace, setReplicas, type Image } from './transformers.js';
import { groupOf, isMap, KustomizeError, versionOf, type Obj, type Resource } from './types.js';

export { KustomizeError } from './types.js';
export type { Obj } from './types.js';

interface Kustomization {
  resources?: string[];
  bases?: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  labels?: { pairs?: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  commonAnnotations?: Record<string, string>;
  images?: Image[];
  replicas?: { name: string; count: number }[];
  patches?: { path?: string; patch?: string; target?: Target }[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: { path?: string; patch?: string; target?: Target }[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
}

const FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const KNOWN = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas',
  'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'generatorOptions',
]);
/** Fields kustomize knows that kctl does not build: refused rather than silently left out. */
const UNSUPPORTED = new Set([
  'components', 'replacements', 'vars', 'helmCharts', 'helmGlobals', 'generators', 'transformers', 'validators', 'crds', 'openapi', 'configurations', 'imageTags',
  'buildMetadata', 'sortOptions', 'patchesJson6902Inline', 'helmChartInflationGenerator', 'inventory',
]);

const deprecated = (field: string, instead: string) =>
  `# Warning: '${field}' is deprecated. Please use '${instead}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.`;

type Yaml = Awaited<ReturnType<typeof loadYaml>>;

function parseDocs(yaml: Yaml, text: string, source: string): unknown[] {
  const docs = yaml.parseAllDocuments(text, { version: '1.1' });
  const out: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) throw new KustomizeError(`map[string]interface {}(nil): yaml: ${d.errors[0].message.split('\n')[0]} in ${source}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function missing(path: string, given = path): KustomizeError {
  return new KustomizeError(`evalsymlink failure on '${given}' : lstat ${resolve(path)}: no such file or directory`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw missing(path);
  }
}

function toResources(docs: unknown[], source: string): Resource[] {
  const out: Resource[] = [];
  for (const d of docs) {
    if (!isMap(d)) throw new KustomizeError(`missing Resource metadata in ${source}`);
    if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) {
      out.push(...toResources(d.items, source));
      continue;
    }
    const obj = d as Obj;
    if (!obj.kind) throw new KustomizeError(`missing kind in object ${JSON.stringify(d)} from ${source}`);
    out.push({ obj, origName: String(obj.metadata?.name ?? ''), origNamespace: obj.metadata?.namespace, hash: false });
  }
  return out;
}

export interface BuildOptions {
  /** LoadRestrictionsRootOnly (the default): files must be in or below their kustomization. */
  loadRestrictor?: string;
}

/** kustomize's root-only loader: the error for a file outside the kustomization directory, if any. */
function outsideRoot(o: BuildOptions, dir: string, path: string): string | undefined {
  if (o.loadRestrictor === 'LoadRestrictionsNone') return undefined;
  const rel = relative(dir, path);
  return rel.startsWith('..') || isAbsolute(rel) ? `security; file '${path}' is not in or below '${dir}'` : undefined;
}

async function accumulate(dir: string, warn: (w: string) => void, depth: number, o: BuildOptions = {}): Promise<Resource[]> {
  if (depth > 30) throw new KustomizeError(`cycle detected: ${dir}`);
  const yaml = await loadYaml();
  const file = FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const k = (parseDocs(yaml, readText(file), file)[0] ?? {}) as Kustomization;
  for (const field of Object.keys(k)) {
    if (UNSUPPORTED.has(field)) throw new KustomizeError(`kctl does not build the kustomization field "${field}" (in ${file})`);
    if (!KNOWN.has(field)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${field}"`);
  }
  if (k.bases) warn(deprecated('bases', 'resources'));
  if (k.commonLabels) warn(deprecated('commonLabels', 'labels'));
  if (k.patchesJson6902) warn(deprecated('patchesJson6902', 'patches'));
  if (k.patchesStrategicMerge) warn(deprecated('patchesStrategicMerge', 'patches'));

  const resources: Resource[] = [];
  for (const entry of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    if (/^(https?:\/\/|git@|github\.com\/|gitlab\.com\/)|\?ref=|\/\/.*\/\//.test(entry)) {
      throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': kctl builds kustomizations from local files only and does not fetch remote resources'`);
    }
    const path = resolve(dir, entry);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      const e = missing(path).message;
      throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${e}': must build at directory: not a valid directory: ${e}`);
    }
    if (isDir) {
      try {
        resources.push(...(await accumulate(path, warn, depth + 1, o)));
      } catch (e) {
        if (!(e instanceof KustomizeError) || e.message.startsWith('accumulating resources')) throw e;
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': '${path}' must resolve to a file': recursed accumulation of path '${path}': ${e.message}`);
      }
    }
    else {
      const denied = outsideRoot(o, dir, path);
      if (denied) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${denied}': must build at directory: '${path}': file is not directory`);
      resources.push(...toResources(parseDocs(yaml, readText(path), path), path));
    }
  }

  for (const [kind, gens] of [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]] as const) {
    for (const g of gens ?? []) {
      for (const [what, list] of [['file sources', g.files], ['env source files', [...(g.env ? [g.env] : []), ...(g.envs ?? [])]]] as const) {
        for (const f of list ?? []) {
          const denied = outsideRoot(o, dir, resolve(dir, f.includes('=') ? f.slice(f.indexOf('=') + 1) : f));
          if (denied) throw new KustomizeError(`loading KV pairs: ${what}: [${(list ?? []).join(' ')}]: ${denied}`);
        }
      }
      const made = generate(kind, dir, g, k.generatorOptions);
      const behavior = g.behavior ?? 'create';
      const existing = resources.find((r) => r.obj.kind === kind && r.origName === made.origName && (g.namespace === undefined || r.origNamespace === g.namespace));
      if (behavior === 'merge' || behavior === 'replace') {
        if (!existing) throw new KustomizeError(`id ${JSON.stringify(`${kind}.v1.[noGrp]/${made.origName}.[noNs]`)} does not exist; cannot merge or replace`);
        mergeInto(existing, made, behavior);
      } else {
        if (existing) throw new KustomizeError(`id ${JSON.stringify(`${kind}.v1.[noGrp]/${made.origName}.[noNs]`)} already exists; use merge or replace behavior`);
        resources.push(made);
      }
    }
  }

  const patchDocs = (p: { path?: string; patch?: string }, transformer = 'PatchTransformer'): unknown[] => {
    if (!p.path) return parseDocs(yaml, p.patch ?? '', 'patch');
    const denied = outsideRoot(o, dir, resolve(dir, p.path));
    if (denied) throw new KustomizeError(`trouble configuring builtin ${transformer} with config: \`\npath: ${p.path}\n\`: failed to get the patch file from path(${p.path}): ${denied}`);
    return parseDocs(yaml, readText(resolve(dir, p.path)), p.path);
  };
  for (const entry of k.patchesStrategicMerge ?? []) {
    const inline = entry.includes('\n') || /^\s*(apiVersion|kind):/.test(entry);
    for (const doc of inline ? parseDocs(yaml, entry, 'patch') : parseDocs(yaml, readText(resolve(dir, entry)), entry)) applyPatch(resources, doc, undefined, entry);
  }
  for (const p of k.patches ?? []) for (const doc of patchDocs(p)) applyPatch(resources, doc, p.target, p.path ?? 'patch');
  if (k.namespace) setNamespace(resources, k.namespace);
  if (k.namePrefix || k.nameSuffix) addPrefixSuffix(resources, k.namePrefix ?? '', k.nameSuffix ?? '');
  if (k.commonLabels) addLabels(resources, k.commonLabels, true, true);
  for (const l of k.labels ?? []) if (l.pairs) addLabels(resources, l.pairs, !!l.includeSelectors, !!l.includeTemplates);
  if (k.commonAnnotations) addAnnotations(resources, k.commonAnnotations);
  for (const p of k.patchesJson6902 ?? []) {
    const docs = patchDocs(p, 'PatchJson6902Transformer');
    applyPatch(resources, docs.length === 1 ? docs[0] : docs, p.target ?? {}, p.path ?? 'patch');
  }
  if (k.replicas) setReplicas(resources, k.replicas);
  if (k.images) setImages(resources, k.images);
  return resources;
}

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrder(kind: string): number {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return f - ORDER_FIRST.length;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? 1 + l : 0;
}

function gvkString(o: Obj): string {
  return `${groupOf(o.apiVersion) || '~G'}_${versionOf(o.apiVersion) || '~V'}_${o.kind || '~K'}`;
}

function legacyLess(a: Obj, b: Obj): number {
  const ta = typeOrder(String(a.kind));
  const tb = typeOrder(String(b.kind));
  if (ta !== tb) return ta - tb;
  const ka = `${gvkString(a)}|${a.metadata?.namespace ?? ''}|${a.metadata?.name ?? ''}`;
  const kb = `${gvkString(b)}|${b.metadata?.namespace ?? ''}|${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Builds the kustomization in `dir` as kubectl kustomize does; `warn` hears kustomize's deprecation warnings as it reads. */
export async function build(dir: string, warn: (w: string) => void, o: BuildOptions = {}): Promise<Obj[]> {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new KustomizeError(`must build at directory: not a valid directory: ${missing(root, dir).message}`);
  const resources = await accumulate(root, warn, 0, o);
  for (const r of resources) if (r.hash) r.obj.metadata = { ...r.obj.metadata, name: `${r.obj.metadata?.name}-${contentHash(r.obj)}` };
  fixNameReferences(resources);
  return resources.map((r) => r.obj).sort(legacyLess);
}
