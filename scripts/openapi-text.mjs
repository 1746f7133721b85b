// The descriptions of the Kubernetes v1.32 OpenAPI definitions, read from three published
// renderings of the v1.32.0 spec (and an older one), since no package ships the spec itself:
//  - cdk8s-plus-32 (lib/imports/k8s.d.ts, generated from the v1.32.0 spec): every description of
//    the types an object's spec uses, paragraph breaks intact, tagged `@schema <definition>#<property>`;
//  - @kubernetes/client-node 1.1.2 (dist/gen/models, generated from the v1.32.0 spec): every type
//    and every property whose schema is not a $ref, each on one line (newlines became spaces),
//    and which properties are required;
//  - kubernetes-types (the devDependency, generated from the v1.30 spec): the rest, and the
//    paragraph breaks of a client-node text when they are the same text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CDK8S = 'cdk8s-plus-32@2.5.92';
export const CLIENT_NODE = '@kubernetes/client-node@1.1.2';

/** Unpacks the named files of an npm package into a temporary directory (npm pack, then tar). */
function unpack(spec, paths) {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-openapi-'));
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir, ...paths.map((p) => `package/${p}`)]);
  return dir;
}

/** The text of a JSDoc block: ` * ` prefixes gone, lines joined with newlines, outer blank lines dropped. */
function docText(block) {
  const lines = block.split('\n').map((l, i) => (/^\s*\*/.test(l) ? l.replace(/^\s*\*( |$)?/, '') : i === 0 ? l.replace(/^ /, '') : l).replace(/\s+$/, ''));
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines.join('\n');
}

function readCdk8s() {
  const dir = unpack(CDK8S, ['lib/imports/k8s.d.ts']);
  const text = readFileSync(join(dir, 'package/lib/imports/k8s.d.ts'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const out = new Map();
  for (const [, block] of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const schema = /^\s*\*\s*@schema (\S+)\s*$/m.exec(block)?.[1];
    if (!schema) continue;
    // The description ends where cdk8s's own tags (@default, @schema) begin.
    const body = block.split(/\n\s*\*\s*@/)[0];
    const doc = docText(body).replace(/\*\\\//g, '*/');
    if (doc) out.set(schema, doc);
  }
  return out;
}

/** client-node: class name → { doc, props: Map(name → doc | undefined), required: Set }. */
function readClientNode() {
  const dir = unpack(CLIENT_NODE, ['dist/gen/models']);
  const models = join(dir, 'package/dist/gen/models');
  const unescape = (s) => s.replace(/\\(.)/g, '$1');
  const out = new Map();
  for (const f of readdirSync(models).filter((n) => n.endsWith('.d.ts'))) {
    const text = readFileSync(join(models, f), 'utf8');
    const cls = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export declare class (\w+) \{([\s\S]*)\n\}/.exec(text);
    if (!cls) continue;
    const props = new Map();
    const required = new Set();
    for (const [, block, name, optional] of cls[3].matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\?)?:/g)) {
      props.set(name, block ? unescape(docText(block)) : undefined);
      if (!optional) required.add(name);
    }
    out.set(cls[2], { doc: cls[1] ? unescape(docText(cls[1])) : undefined, props, required });
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/** kubernetes-types: `group/version` module → type name → { doc, props: Map(name → doc) }. */
function readKubernetesTypes() {
  const dir = createRequire(import.meta.url).resolve('kubernetes-types/package.json').replace(/package\.json$/, '');
  const version = JSON.parse(readFileSync(dir + 'package.json', 'utf8')).version;
  const modules = new Map();
  const walk = (sub) => {
    for (const e of readdirSync(dir + sub, { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.d.ts')) modules.set(rel.replace(/\.d\.ts$/, ''), readFileSync(dir + rel, 'utf8'));
    }
  };
  walk('');
  const out = new Map();
  for (const [module, text] of modules) {
    const types = new Map();
    for (const [, block, name, body] of text.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export (?:interface|type) (\w+)\s*(?:\{([\s\S]*?)\n\}|=)/g)) {
      const props = new Map();
      for (const [, pblock, pname] of (body ?? '').matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?(?:readonly\s+)?(\w+)\??:/g)) if (pblock) props.set(pname, docText(pblock));
      types.set(name, { doc: block ? docText(block) : undefined, props });
    }
    out.set(module, types);
  }
  return { types: out, version };
}

/**
 * client-node's one-line text with the line breaks of another rendering of the same text put
 * back: a space of the one-line text stands for each newline, and indentation the other lost
 * after a newline is kept. Undefined when the two are not the same text.
 */
export function restoreBreaks(flat, withBreaks) {
  let out = '';
  let i = 0;
  let j = 0;
  while (i < flat.length) {
    if (j < withBreaks.length && flat[i] === withBreaks[j]) (out += flat[i]), i++, j++;
    else if (withBreaks[j] === '\n' && flat[i] === ' ') (out += '\n'), i++, j++;
    else if (flat[i] === ' ' && out.endsWith('\n') || (flat[i] === ' ' && /\n *$/.test(out))) (out += ' '), i++;
    else return undefined;
  }
  return j === withBreaks.length ? out : undefined;
}

/**
 * The description finder: `describe(definition, goPackage, typeName, jsonNames, property?)`. The
 * definition is the OpenAPI name (io.k8s.api.core.v1.Container); goPackage its Go package
 * (k8s.io/api/core/v1).
 */
export function readDescriptions() {
  const cdk8s = readCdk8s();
  const clientNode = readClientNode();
  const kt = readKubernetesTypes();
  // client-node gives a property whose schema is one of these types the type's own description.
  const isTypeDoc = (d) => /^(Time is a wrapper|MicroTime is version|IntOrString is a type|Quantity is a fixed-point)/.test(d);
  // The types with a JSON form of their own have no class; their text is found on properties.
  const typeDocs = {};
  for (const c of clientNode.values()) for (const d of c.props.values()) if (d && isTypeDoc(d)) typeDocs[d.split(' ')[0]] ??= d;
  const classCache = new Map();

  /** The client-node class of a Go struct: V1Container, or with the group (CoreV1EndpointPort) when names clash. */
  function clientClass(goPackage, typeName, jsonNames) {
    const key = `${goPackage}.${typeName}`;
    if (classCache.has(key)) return classCache.get(key);
    const parts = goPackage.split('/');
    const version = parts.at(-1);
    const group = parts.at(-2) === 'meta' ? 'Meta' : parts.at(-2);
    const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    const candidates = [`${cap(version)}${typeName}`, `${cap(group)}${cap(version)}${typeName}`, typeName];
    const found = candidates.map((c) => clientNode.get(c)).find((c) => c && [...c.props.keys()].sort().join() === [...jsonNames].sort().join());
    classCache.set(key, found);
    return found;
  }

  function ktType(goPackage, typeName) {
    const module = goPackage.replace(/^k8s\.io\/(api|apimachinery\/pkg\/apis)\//, '').replace(/^k8s\.io\/apimachinery\/pkg\/(api\/resource)$/, 'api/resource');
    return kt.types.get(module)?.get(typeName) ?? (goPackage.endsWith('/runtime') ? kt.types.get('runtime')?.get(typeName) : undefined);
  }

  const stats = { clientNode: 0, cdk8s: 0, kubernetesTypes: 0, none: 0, lineBreaks: 0 };

  function describe(definition, goPackage, typeName, jsonNames, property) {
    const fromCdk8s = cdk8s.get(property === undefined ? definition : `${definition}#${property}`);
    const cn = clientClass(goPackage, typeName, jsonNames);
    let fromClient = property === undefined ? cn?.doc : cn?.props.get(property);
    if (fromClient && isTypeDoc(fromClient)) fromClient = undefined;
    const k = ktType(goPackage, typeName);
    const fromKt = property === undefined ? k?.doc : k?.props.get(property);
    if (fromClient) {
      stats.clientNode++;
      for (const withBreaks of [fromCdk8s, fromKt]) {
        const restored = withBreaks && restoreBreaks(fromClient, withBreaks);
        if (restored) {
          if (restored !== fromClient) stats.lineBreaks++;
          return restored;
        }
      }
      return fromClient;
    }
    if (fromCdk8s) return stats.cdk8s++, fromCdk8s;
    if (fromKt) return stats.kubernetesTypes++, fromKt;
    if (property === undefined && typeDocs[typeName]) return stats.clientNode++, typeDocs[typeName];
    stats.none++;
    return undefined;
  }

  /** Required properties, as client-node declares them (undefined when the class is unknown). */
  function required(goPackage, typeName, jsonNames) {
    return clientClass(goPackage, typeName, jsonNames)?.required;
  }

  return { describe, required, stats, kubernetesTypesVersion: kt.version };
}
