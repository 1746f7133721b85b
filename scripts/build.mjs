// Bundles src/ into dist/ so that bin/kctl starts without compiling anything.
// Verbs that need heavy modules (the shell parser, DNS) load them lazily as separate chunks.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { kctl: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; give ESM chunks one.
  banner: { js: "import{createRequire as __kctlRequire}from'node:module';const require=__kctlRequire(import.meta.url);" },
});
