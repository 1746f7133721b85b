// configMapGenerator and secretGenerator: literals, files and env files, the options, and the
// content hash kustomize appends to a generated name.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { goJson } from '../util/goformat.js';
import { KustomizeError, isMap, type Obj, type Resource } from './types.js';

export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: GeneratorOptions;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

function readFile(dir: string, path: string): string {
  try {
    return readFileSync(resolve(dir, path), 'utf8');
  } catch {
    throw new KustomizeError(`evalsymlink failure on '${resolve(dir, path)}' : lstat ${resolve(dir, path)}: no such file or directory`);
  }
}

/** KEY=VALUE pairs of the generator's sources, in kustomize's order: literals, files, env files. */
function pairs(dir: string, g: GeneratorArgs): [string, string][] {
  const out: [string, string][] = [];
  for (const l of g.literals ?? []) {
    const eq = l.indexOf('=');
    if (eq < 0) throw new KustomizeError(`invalid literal source ${l}, expected key=value`);
    let v = l.slice(eq + 1);
    if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) v = v.slice(1, -1);
    out.push([l.slice(0, eq), v]);
  }
  for (const f of g.files ?? []) {
    const eq = f.indexOf('=');
    const [key, path] = eq < 0 ? [basename(f), f] : [f.slice(0, eq), f.slice(eq + 1)];
    out.push([key, readFile(dir, path)]);
  }
  for (const e of [...(g.env ? [g.env] : []), ...(g.envs ?? [])]) {
    for (const raw of readFile(dir, e).split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) out.push([line, process.env[line] ?? '']);
      else out.push([line.slice(0, eq), line.slice(eq + 1)]);
    }
  }
  return out;
}

function merged(base: Record<string, string> | undefined, extra: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!base && !extra) return undefined;
  return { ...base, ...extra };
}

export function generate(kind: 'ConfigMap' | 'Secret', dir: string, g: GeneratorArgs, global: GeneratorOptions | undefined): Resource {
  if (!g.name) throw new KustomizeError(`a ${kind.toLowerCase()} generator has no name`);
  const data: Record<string, string> = {};
  for (const [k, v] of pairs(dir, g)) data[k] = kind === 'Secret' ? Buffer.from(v, 'utf8').toString('base64') : v;
  const opts = { ...global, ...g.options };
  const metadata: Obj['metadata'] = { name: g.name };
  if (g.namespace) metadata.namespace = g.namespace;
  const labels = merged(global?.labels, g.options?.labels);
  const annotations = merged(global?.annotations, g.options?.annotations);
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  const obj: Obj = { apiVersion: 'v1', kind, metadata };
  if (Object.keys(data).length) obj.data = data;
  if (kind === 'Secret') obj.type = g.type ?? 'Opaque';
  if (opts.immutable) obj.immutable = true;
  return { obj, origName: g.name, origNamespace: g.namespace, hash: !opts.disableNameSuffixHash };
}

/** A generator with behavior merge or replace, applied to the resource of the same name from a base. */
export function mergeInto(existing: Resource, generated: Resource, behavior: string): void {
  const data = behavior === 'replace' ? generated.obj.data : { ...(isMap(existing.obj.data) ? existing.obj.data : {}), ...(isMap(generated.obj.data) ? generated.obj.data : {}) };
  existing.obj.data = data;
  const meta = existing.obj.metadata!;
  const gm = generated.obj.metadata!;
  if (gm.labels) meta.labels = { ...meta.labels, ...gm.labels };
  if (gm.annotations) meta.annotations = { ...meta.annotations, ...gm.annotations };
  existing.hash = existing.hash && generated.hash;
}

const ENCODE: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** kustomize's hash of a ConfigMap's or Secret's content (the name is left out of it). */
export function contentHash(obj: Obj): string {
  const m: Record<string, unknown> = { kind: obj.kind, name: '', data: obj.data ?? '' };
  if (obj.kind === 'ConfigMap' && isMap(obj.binaryData)) m.binaryData = obj.binaryData;
  if (obj.kind === 'Secret') {
    m.type = obj.type ?? '';
    if (isMap(obj.stringData)) m.stringData = obj.stringData;
  }
  if (obj.immutable !== undefined) m.immutable = obj.immutable;
  const hex = createHash('sha256').update(goJson(m)).digest('hex');
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ENCODE[c]);
}
