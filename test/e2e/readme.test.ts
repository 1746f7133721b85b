// The README's shell examples run as written, in order, on one fresh cluster: every line of
// every ```sh block, from the repository root, with `kctl` (or `npx kctl`) as this checkout's
// bin/kctl. A line fails the test with a non-zero exit, unless its comment says `# fails`.
//
// Left out: the lines that install or run the whole suite (npm install, npm ci, npm test,
// npm run …). Installing is what a fresh clone does before this test can run at all, and the
// suite includes this test, so running it from here would recurse.

import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SKIPPED = /^npm (install|ci|test|run)\b/;

interface Line {
  text: string;
  /** 1-based line number in README.md. */
  at: number;
}

/** The command lines of the ```sh blocks, in order; backslash continuations joined. */
function shellLines(markdown: string): Line[] {
  const lines = markdown.split('\n');
  const out: Line[] = [];
  let inSh = false;
  let inOther = false;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```(\S*)\s*$/.exec(lines[i]);
    if (fence) {
      if (inSh || inOther) inSh = inOther = false;
      else if (fence[1] === 'sh') inSh = true;
      else inOther = true;
      continue;
    }
    if (!inSh) continue;
    let text = lines[i].trim();
    const at = i + 1;
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i].trim();
    if (text && !text.startsWith('#')) out.push({ text, at });
  }
  return out;
}

/** What some lines' comments promise, checked in their output as well. */
const CLAIMS: [RegExp, RegExp][] = [
  [/^kctl get nodes -o wide\b/, /^kctl-control-plane +Ready +control-plane .*\nkctl-worker +Ready/m],
  [/^kctl run .* curl -s http:\/\/sample-clusterip:8080/, /^Host=sample-clusterip {2}Path=\/ {2}From=sample-deployment-/],
  [/\| kctl run -i --rm debug .* bash -il/, /^Hello Docker!!pod "debug" deleted\n$/],
  [/^kctl logs -l release=summer -c echo\b/, /received request/],
  [/^kctl host -- curl -s http:\/\/10\.240\.0\.7:30080/, /From=sample-deployment-/],
  [/^kctl get ingress\b/, /^sample-ingress +\S+ +sample\.example\.com +10\.240\.1\.254 +80, 443 /m],
  [/^kctl host -- curl -sk? https?:\/\/10\.240\.1\.254\/path1\//, /From=sample-ingress-apps-1/],
];

describe('README.md', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  // `kctl` for the lines before the README's alias; npx is left out of the way (see above).
  const bin = sb.file('bin/kctl', `#!/bin/sh\nexec "${process.execPath}" "${KCTL}" "$@"\n`);
  chmodSync(bin, 0o755);
  const lines = shellLines(README);

  it('has shell examples, starting with install + demo and the test suite', () => {
    expect(lines.length).toBeGreaterThan(20);
    expect(lines[0].text).toMatch(/^npm install && npm run demo\b/);
    expect(lines[1].text).toMatch(/^npm test\b/);
  });

  it('runs every command of its ```sh blocks, in order, on one cluster', async () => {
    const aliases: string[] = [];
    const claimed = new Set<number>();
    let ran = 0;
    for (const { text, at } of lines) {
      const line = text.replace(/^npx kctl\b/, 'kctl').replace(/\| npx kctl\b/g, '| kctl');
      if (SKIPPED.test(line)) continue;
      if (/^alias \w+=/.test(line)) aliases.push(line);
      // Aliases of earlier lines apply, as in the reader's shell.
      const script = [...aliases, `set -o pipefail; ${line}`].join('\n');
      const r = await runProcess('bash', ['-O', 'expand_aliases', '-c', script], {
        cwd: ROOT,
        env: { ...sb.env(), PATH: `${join(sb.dir, 'bin')}:${process.env.PATH}` },
      });
      const where = `README.md:${at}: ${text}\n${r.stdout}${r.stderr}`;
      if (/#\s*fails\b/.test(line)) expect(r.code, where).not.toBe(0);
      else expect(r.code, where).toBe(0);
      for (const [i, [command, output]] of CLAIMS.entries()) {
        if (!command.test(line)) continue;
        expect(r.stdout, where).toMatch(output);
        claimed.add(i);
      }
      ran++;
    }
    expect(ran).toBe(lines.filter((l) => !SKIPPED.test(l.text)).length);
    // Every claim met its line: a README edit that drops one shows here.
    expect([...claimed].sort()).toEqual(CLAIMS.map((_, i) => i));
  });
});

// The blocks are read as a reader would copy them; make sure the parser sees what it should.
describe('reading the README blocks', () => {
  it('takes ```sh blocks only, joins continued lines and leaves comments out', () => {
    const md = ['```sh', 'kctl a \\', '  --flag', '# note', '', 'kctl b  # c', '```', '  ```yaml', '  x: 1', '  ```', '```sh', 'npm test', '```'].join('\n');
    expect(shellLines(md)).toEqual([
      { text: 'kctl a --flag', at: 2 },
      { text: 'kctl b  # c', at: 6 },
      { text: 'npm test', at: 12 },
    ]);
  });
});
