// Bundles src/ into dist/ so that bin/kctl starts without compiling anything.
// Verbs that need heavy modules (the shell parser, DNS, YAML) load them lazily as separate chunks.
// The new bundle is built beside the old one and swapped in, so a kctl running meanwhile never
// sees a half-built dist/.

import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const next = `${root}dist.next-${process.pid}`;
const old = `${root}dist.old-${process.pid}`;

await build({
  entryPoints: { kctl: `${root}src/main.ts` },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; give ESM chunks one.
  // Created on first use: most chunks never call it, and createRequire is not free.
  banner: { js: "import{createRequire as __kctlCreateRequire}from'node:module';let __kctlRequire;const require=(id)=>(__kctlRequire??=__kctlCreateRequire(import.meta.url))(id);" },
});
if (existsSync(`${root}dist`)) renameSync(`${root}dist`, old);
renameSync(next, `${root}dist`);
rmSync(old, { recursive: true, force: true });
