// The layers of kctl point one way: each folder of src/ may use the ones below it, never one
// above, directly or through others. A new import that breaks a rule fails here with the path
// of imports that leads there.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Lowest first. A folder may reach only folders listed before it (and itself). */
const LAYERS = ['util', 'api', 'store', 'cluster', 'kinds', 'apiserver', 'networking', 'runtime', 'controllers', 'kubelet', 'printers', 'kustomize', 'serve', 'cli'];

/** Files that belong to a layer other than their folder's, by path prefix (the longest wins). */
const PLACED: [RegExp, string][] = [
  // Pure address and port bookkeeping, used by the Service registry as well as by networking.
  [/^networking\/allocators\//, 'cluster'],
  // The default cluster is built through the API server and settled by the kubelet.
  [/^cluster\/bootstrap\.ts$/, 'kubelet'],
  // State access (transactions that settle) for every front door: the CLI and the HTTP API.
  [/^cluster\/access\.ts$/, 'kubelet'],
  // describe is kubectl's, client-side; the rest of a kind is the server's.
  [/^kinds\/(.*[./])?describe\.ts$/, 'printers'],
];

/** The API (types and machinery, and the server) never depends on kubectl's side. */
const FORBIDDEN: [string, string][] = [
  ['api', 'printers'],
  ['api', 'cli'],
  ['apiserver', 'printers'],
  ['apiserver', 'cli'],
  ['serve', 'cli'],
  // kustomize is kubectl's, client-side: the server never builds kustomizations.
  ['api', 'kustomize'],
  ['apiserver', 'kustomize'],
  ['serve', 'kustomize'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Relative imports of every source file (static, re-exports and dynamic), as paths under src/. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]).replace(/\.js$/, '.ts');
      if (!spec.endsWith('.ts')) continue;
      deps.push(relative(SRC, resolve(dirname(f), spec)));
    }
    g.set(relative(SRC, f), deps);
  }
  return g;
}

function layerOf(file: string): string {
  const placed = PLACED.find(([re]) => re.test(file));
  if (placed) return placed[1];
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : 'main';
}

const rank = (layer: string) => (layer === 'main' ? LAYERS.length : LAYERS.indexOf(layer));

/** Every import that reaches above its file's layer, as `a.ts -> b.ts`. */
function upwardImports(g: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, deps] of g) {
    for (const d of deps) if (rank(layerOf(d)) > rank(layerOf(file))) out.push(`${file} (${layerOf(file)}) -> ${d} (${layerOf(d)})`);
  }
  return out;
}

/** The chain of imports by which `from`'s files reach a file of layer `to`, if they do. */
function reach(g: Map<string, string[]>, from: string, to: string): string[] | undefined {
  const seen = new Map<string, string[]>();
  const queue = [...g.keys()].filter((f) => layerOf(f) === from).map((f) => [f]);
  for (const p of queue) seen.set(p[0], p);
  while (queue.length) {
    const path = queue.shift()!;
    const last = path[path.length - 1];
    if (layerOf(last) === to) return path;
    for (const d of g.get(last) ?? []) {
      if (seen.has(d)) continue;
      const next = [...path, d];
      seen.set(d, next);
      queue.push(next);
    }
  }
  return undefined;
}

describe('layers', () => {
  const g = graph();

  it('knows every folder of src/', () => {
    const unknown = [...new Set([...g.keys()].map(layerOf))].filter((l) => rank(l) < 0);
    expect(unknown).toEqual([]);
  });

  it('no file imports from a layer above its own', () => {
    expect(upwardImports(g)).toEqual([]);
  });

  for (const [from, to] of FORBIDDEN) {
    it(`nothing ${from}/ imports reaches ${to}/, even through other layers`, () => {
      expect(reach(g, from, to)?.join(' -> ')).toBeUndefined();
    });
  }

  it('finds imports that break a rule (the check itself works)', () => {
    const bad = new Map([
      ['apiserver/x.ts', ['kinds/y.ts']],
      ['kinds/y.ts', ['kinds/y.describe.ts']],
      ['kinds/y.describe.ts', ['printers/z.ts']],
      ['printers/z.ts', []],
      ['util/u.ts', ['cli/c.ts']],
      ['cli/c.ts', []],
    ]);
    expect(upwardImports(bad)).toEqual(['kinds/y.ts (kinds) -> kinds/y.describe.ts (printers)', 'util/u.ts (util) -> cli/c.ts (cli)']);
    expect(reach(bad, 'apiserver', 'printers')).toEqual(['apiserver/x.ts', 'kinds/y.ts', 'kinds/y.describe.ts']);
  });
});
