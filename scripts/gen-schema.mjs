// Writes src/api/strict/schema.json: the Go shape of every object kctl's API server decodes,
// so that decoding can fail exactly where a v1.32 API server's strict JSON decoder fails.
//
// Two sources, walked side by side from each served kind:
//  - kubernetes-types (TypeScript declarations, read with the compiler API): field names and shapes;
//  - the Go type descriptors inside a kubectl v1.32 binary (it links k8s.io/api v0.32): what the
//    declarations cannot tell and the decoder's messages need: int32 or int64, named Go types
//    (`v1.ServiceType`), []byte, fields added after kubernetes-types 1.30, and the v1beta1 Ingress
//    types, which kubernetes-types no longer carries.
// A field both have must have the same shape in both, or the run fails.
//
// Usage: node scripts/gen-schema.mjs [path/to/kubectl]   (default: kubectl on PATH; or $KUBECTL)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readGoTypes } from './gotypes.mjs';
import { KINDS } from './served-kinds.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const typesDir = require.resolve('kubernetes-types/package.json').replace(/package\.json$/, '');
const typesVersion = JSON.parse(readFileSync(typesDir + 'package.json', 'utf8')).version;

/** Types whose UnmarshalJSON replaces the struct decoding; the value is the schema's name for it. */
const SPECIAL = {
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'intstr',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'microtime',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'raw',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'raw',
};

// ---- kubernetes-types declarations ----

function readDeclarations() {
  const modules = [...new Set(KINDS.filter((k) => k[3] !== false).map((k) => k[2]))];
  const files = modules.map((m) => `${typesDir}${m}.d.ts`);
  const program = ts.createProgram(files, { noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const resolve = (node) => {
    let sym = checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    return sym?.declarations?.[0];
  };
  /** A declared type reduced to the shapes the Go side is compared with. */
  const shape = (node) => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
      case ts.SyntaxKind.LiteralType:
        return { k: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { k: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { k: 'boolean' };
      case ts.SyntaxKind.UnionType:
        return { k: node.types.map((t) => shape(t).k).sort().join('|') };
      case ts.SyntaxKind.ArrayType:
        return { k: 'array', elem: shape(node.elementType) };
      case ts.SyntaxKind.TypeLiteral: {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        if (!index) throw new Error(`unexpected type literal: ${node.getText()}`);
        return { k: 'map', elem: shape(index.type) };
      }
      case ts.SyntaxKind.TypeReference: {
        if (node.typeName.getText() === 'Array') return { k: 'array', elem: shape(node.typeArguments[0]) };
        const decl = resolve(node.typeName);
        if (ts.isTypeAliasDeclaration(decl)) return { ...shape(decl.type), alias: decl.name.text };
        if (ts.isInterfaceDeclaration(decl)) return { k: 'interface', decl };
        throw new Error(`unexpected reference: ${node.getText()}`);
      }
      default:
        throw new Error(`unexpected type: ${node.getText()}`);
    }
  };
  const interfaces = new Map();
  for (const f of files) {
    ts.forEachChild(program.getSourceFile(f), (n) => {
      if (ts.isInterfaceDeclaration(n)) interfaces.set(`${f.slice(typesDir.length, -5)}.${n.name.text}`, n);
    });
  }
  const fieldsOf = (decl) =>
    new Map(decl.members.filter(ts.isPropertySignature).map((p) => [p.name.getText().replace(/^"|"$/g, ''), shape(p.type)]));
  return { interfaces, fieldsOf };
}

// ---- the walk ----

const kubectl = realpathSync(process.argv[2] ?? process.env.KUBECTL ?? execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
const kubectlVersion = JSON.parse(execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).clientVersion.gitVersion;
if (!/^v1\.32\./.test(kubectlVersion)) throw new Error(`${kubectl} is ${kubectlVersion}; the schema must come from v1.32`);
const go = readGoTypes(kubectl);
const decls = readDeclarations();

const structs = {}; // schema key -> { t: Go type string, f: { json name: type expression } }
const keyOf = new Map(); // Go qualified name -> schema key
const named = {}; // named non-struct Go type -> its underlying type expression
const added = []; // fields in Go v1.32 that kubernetes-types lacks
const removed = []; // fields kubernetes-types declares that v1.32 no longer has
const unchecked = new Set(); // structs with no declaration to compare with

/** Exported fields as encoding/json sees them: embedded structs without a name are flattened, shallower names win. */
function jsonFields(addr) {
  const out = new Map();
  const visit = (a, depth) => {
    for (const f of go.typeAt(a).fields) {
      const [tagName, ...options] = /(?:^|\s)json:"([^"]*)"/.exec(f.tag)?.[1].split(',') ?? [];
      if (options.includes('string')) throw new Error(`${go.typeAt(addr).str}.${f.name}: the ,string option is not modelled`);
      if (tagName === '-') continue;
      if (f.embedded && !tagName) {
        let e = f.type;
        if (go.typeAt(e).kind === 'ptr') e = go.typeAt(e).elem;
        if (go.typeAt(e).kind === 'struct') {
          visit(e, depth + 1);
          continue;
        }
      }
      if (!f.exported) continue;
      const name = tagName || f.name;
      const prev = out.get(name);
      if (prev && prev.depth === depth) throw new Error(`ambiguous field ${name} in ${go.typeAt(addr).str}`);
      if (!prev || prev.depth > depth) out.set(name, { type: f.type, depth });
    }
  };
  visit(addr, 0);
  return out;
}

const qualified = (t) => `${t.pkg}.${t.str.slice(t.str.indexOf('.') + 1)}`;

/** The schema's type expression for a Go type; `decl` is the matching declared shape, if any. */
function typeExpr(addr, decl, where) {
  const t = go.typeAt(addr);
  if (t.kind === 'ptr') return typeExpr(t.elem, decl, where);
  const mismatch = (want) => {
    if (decl && !want.includes(decl.k)) throw new Error(`${where}: Go ${t.str} but declared ${decl.k}`);
  };
  if (t.named && t.kind === 'struct') {
    const q = qualified(t);
    const special = SPECIAL[q];
    if (special) {
      mismatch({ quantity: ['string', 'number|string'], intstr: ['number|string'], time: ['string'], microtime: ['string'], raw: ['interface'] }[special]);
      return special;
    }
    if (go.methodsOf(addr).includes('UnmarshalJSON')) throw new Error(`${where}: ${q} has its own UnmarshalJSON; add it to SPECIAL`);
    mismatch(['interface']);
    return structRef(addr, decl?.decl, where);
  }
  let expr;
  if (t.kind === 'slice' && go.typeAt(t.elem).kind === 'uint8') {
    mismatch(['string']);
    expr = 'bytes';
  } else if ((t.kind === 'slice' || t.kind === 'map') && go.typeAt(t.elem).kind === 'ptr') {
    throw new Error(`${where}: ${t.str} holds pointers, which type names would have to show`);
  } else if (t.kind === 'slice') {
    mismatch(['array']);
    expr = `[]${typeExpr(t.elem, decl?.elem, `${where}[]`)}`;
  } else if (t.kind === 'map') {
    if (go.typeAt(t.key).kind !== 'string') throw new Error(`${where}: map key ${go.typeAt(t.key).str}`);
    mismatch(['map']);
    expr = `{${go.typeAt(t.key).str}}${typeExpr(t.elem, decl?.elem, `${where}{}`)}`;
  } else if (t.kind === 'string') {
    mismatch(['string']);
    expr = 'string';
  } else if (t.kind === 'int32' || t.kind === 'int64') {
    mismatch(['number']);
    expr = t.kind;
  } else if (t.kind === 'bool') {
    mismatch(['boolean']);
    expr = 'bool';
  } else {
    throw new Error(`${where}: unsupported Go type ${t.str}`);
  }
  if (!t.named || !t.pkg) return expr;
  named[t.str] ??= expr;
  if (named[t.str] !== expr) throw new Error(`two Go types print as ${t.str}`);
  return t.str;
}

function structRef(addr, decl, where) {
  const t = go.typeAt(addr);
  const q = qualified(t);
  const known = keyOf.get(q);
  if (known) return known;
  const simple = t.str.slice(t.str.indexOf('.') + 1);
  // Unique names stay short; a clash gets the package's last two path elements.
  const key = Object.hasOwn(structs, simple) ? `${simple}@${t.pkg.split('/').slice(-2).join('/')}` : simple;
  keyOf.set(q, key);
  const entry = { t: t.str, f: {} };
  structs[key] = entry;
  const declared = decl ? decls.fieldsOf(decl) : undefined;
  if (!decl) unchecked.add(q);
  const fields = jsonFields(addr);
  for (const [name, f] of [...fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const d = declared?.get(name);
    if (declared && !d) added.push(`${t.str}.${name}`);
    entry.f[name] = typeExpr(f.type, d, `${where}.${name}`);
  }
  for (const name of declared?.keys() ?? []) {
    if (!fields.has(name)) removed.push(`${t.str}.${name}`);
  }
  return key;
}

const kinds = {};
for (const [apiVersion, kind, pkg, declared = true] of KINDS) {
  const decl = declared ? decls.interfaces.get(`${pkg}.${kind}`) : undefined;
  if (declared && !decl) throw new Error(`kubernetes-types has no ${pkg} ${kind}`);
  kinds[`${apiVersion}/${kind}`] = structRef(go.lookup(`k8s.io/api/${pkg}.${kind}`), decl, kind);
}

const schema = {
  generator: 'scripts/gen-schema.mjs',
  source: `kubernetes-types ${typesVersion}, Go types of k8s.io/api from kubectl ${kubectlVersion}`,
  kinds,
  named: Object.fromEntries(Object.entries(named).sort()),
  structs,
};
const out = `${root}src/api/strict/schema.json`;
writeFileSync(out, JSON.stringify(schema) + '\n');
console.log(`wrote ${out}: ${Object.keys(structs).length} structs, ${JSON.stringify(schema).length} bytes`);
console.log(`fields newer than kubernetes-types ${typesVersion}:\n  ${added.join('\n  ')}`);
console.log(`fields of kubernetes-types ${typesVersion} that are gone:\n  ${removed.join('\n  ')}`);
console.log(`structs with no declaration to check against:\n  ${[...unchecked].join('\n  ')}`);
