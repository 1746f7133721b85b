// Bundles src/ into one CommonJS file, dist/kctl.cjs, so that bin/kctl starts without
// compiling TypeScript or resolving modules. bin/kctl loads it through V8's code cache
// (dist/kctl.cjs.cache, and kctl.cjs.read.cache for get and describe), which Node 20 offers for
// scripts but not for ES modules; modules reached through `await import()` stay uninitialised
// until a verb needs them.
// The new bundle is built beside the old one and swapped in, so a kctl running meanwhile never
// sees a half-built dist/.

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const next = `${root}dist.next-${process.pid}`;
const old = `${root}dist.old-${process.pid}`;

// commander needs child_process only to run external sub-command executables, which kctl has
// none of; loading it costs every start a few milliseconds, so it is required on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'lazy' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [`${root}src/main.ts`],
  outfile: `${next}/kctl.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The shell parser is 1.5 MB of generated code: required from node_modules only when a shell runs.
  // node-forge (300 kB) makes kctl serve's certificates: required only when it starts.
  // spdy-transport (kctl serve's SPDY streams) stays in node_modules, where Node keeps quiet
  // about the Buffer() calls of its dependencies.
  external: ['mvdan-sh', 'node-forge', 'spdy-transport'],
  define: { 'import.meta.url': '__kctlUrl' },
  // The sources are ES modules, strict throughout; the directive must come first to keep the bundle so.
  banner: { js: "'use strict';const __kctlUrl=require('url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
// bin/kctl reads the bundle as latin1, which is exact only for ASCII, and runs it as a vm.Script,
// which cannot import() (esbuild leaves import() of Node's own modules as it is).
const bytes = readFileSync(`${next}/kctl.cjs`);
const refuse = (why) => {
  rmSync(next, { recursive: true, force: true });
  throw new Error(`dist/kctl.cjs ${why}`);
};
const dynamicImport = /\bimport\("[^"]+"\)/.exec(bytes.toString('latin1'));
if (dynamicImport) refuse(`has ${dynamicImport[0]}, which fails under bin/kctl; require the module instead`);
const wide = bytes.findIndex((b) => b > 0x7f);
if (wide >= 0) refuse(`is not ASCII at byte ${wide}: ${bytes.subarray(Math.max(0, wide - 40), wide + 10).toString('utf8')}`);
if (existsSync(`${root}dist`)) renameSync(`${root}dist`, old);
renameSync(next, `${root}dist`);
rmSync(old, { recursive: true, force: true });

// Warm both code caches on a throw-away cluster; each run adds what it compiled. A cache holding
// more than the everyday commands costs every start more to load than the others gain, so only a
// few commands run, after the cluster was made and the caches it left (with bootstrap code) removed.
const dir = mkdtempSync(join(tmpdir(), 'kctl-build-'));
const env = { ...process.env, KCTL_STATE: join(dir, 'state.json'), KCTL_REFRESH_CODE_CACHE: '1' };
const samples = `${root}samples/perfect-guide/ch06/`;
spawnSync(process.execPath, [`${root}bin/kctl`, 'apply', '-f', `${samples}sample-deployment.yaml`], { env, stdio: 'ignore' });
for (const cache of ['kctl.cjs.cache', 'kctl.cjs.read.cache']) rmSync(`${root}dist/${cache}`, { force: true });
for (const args of [
  ['apply', '-f', `${samples}sample-clusterip.yaml`],
  ['apply', '-f', `${samples}sample-deployment.yaml`],
  ['get', 'pods'],
  ['get', 'svc', '-o', 'wide'],
  ['describe', 'svc', 'sample-clusterip'],
  // YAML printing costs get 0.7 ms to load and saves -o yaml 5 ms of compiling.
  ['get', 'svc', 'sample-clusterip', '-o', 'yaml'],
]) {
  spawnSync(process.execPath, [`${root}bin/kctl`, ...args], { env, stdio: 'ignore' });
}
rmSync(dir, { recursive: true, force: true });
