// The state file under writers: concurrent ones never lose an update, a killed one leaves the
// previous state, and a failing command leaves it byte for byte.

import { spawn } from 'node:child_process';
import { closeSync, constants, copyFileSync, createReadStream, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

describe('concurrent writers', () => {
  const sb = new Sandbox();
  beforeAll(() => sb.ok(['cluster', 'reset']));
  afterAll(() => sb.cleanup());

  it('20 kctl processes started at once all land their changes', async () => {
    const files = Array.from({ length: 20 }, (_, i) =>
      sb.file(
        `app${i}.yaml`,
        `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app${i}
spec:
  selector: {matchLabels: {app: app${i}}}
  template:
    metadata: {labels: {app: app${i}}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm${i}
data: {i: "${i}"}
`,
      ),
    );
    const results = await Promise.all(files.map((f) => sb.run(['apply', '-f', f])));
    for (const [i, r] of results.entries()) {
      expect(r).toEqual({ stdout: `deployment.apps/app${i} created\nconfigmap/cm${i} created\n`, stderr: '', code: 0 });
    }
    expect((await sb.ok(['get', 'deployments', '-o', 'name'])).trim().split('\n')).toHaveLength(20);
    expect((await sb.ok(['get', 'configmaps', '-o', 'name'])).trim().split('\n').filter((n) => /^configmap\/cm\d+$/.test(n))).toHaveLength(20);
    const ready = (await sb.ok(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.phase} {.status.podIP}{"\\n"}{end}'])).trim().split('\n');
    expect(ready).toHaveLength(20);
    expect(new Set(ready).size).toBe(20);
    for (const r of ready) expect(r).toMatch(/^Running 10\.244\.[1-3]\.\d+$/);
  });

  it('readers never see a half-written file while writers run', async () => {
    const writers = Array.from({ length: 8 }, (_, i) => sb.run(['create', 'configmap', `r${i}`, '--from-literal=k=v']));
    const readers = Array.from({ length: 8 }, () => sb.run(['get', 'configmaps', '-o', 'name']));
    for (const r of await Promise.all([...writers, ...readers])) expect(r.code, r.stderr).toBe(0);
  });
});

describe('a process killed while writing', () => {
  const sb = new Sandbox();
  let base = '';
  let after = '';
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    sb.file('many.yaml', Array.from({ length: 60 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k${i}\ndata:\n  v: "${'x'.repeat(6000)}"\n`).join('---\n'));
    base = sb.stateText();
    await sb.ok(['apply', '-f', 'many.yaml']);
    after = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  it('leaves the previous state byte for byte when killed halfway through writing the new one', async () => {
    // The new state is written to .<name>.<pid>.tmp next to the state file (a temp file of the
    // writer's own) and renamed over it once complete. A FIFO in the temporary file's place
    // holds kctl inside that write until the test has read the first part of it, so kill -9
    // lands mid-write on a fast machine or a busy one. The new state is larger than a pipe
    // holds, so kctl cannot get past the write. kctl is stopped from its first moment until
    // the FIFO, named after its pid, is in place.
    expect(after.length).toBeGreaterThan(4 * 65536);
    const file = join(sb.dir, 'halfway.json');
    writeFileSync(file, base);
    const p = spawn(process.execPath, [KCTL, 'apply', '-f', 'many.yaml', '--state', file], { cwd: sb.dir, env: { ...process.env, KCTL_SEED: '1' }, stdio: 'ignore' });
    p.kill('SIGSTOP');
    const closed = new Promise<[number | null, string | null]>((done) => p.on('close', (code, signal) => done([code, signal])));
    const tmp = join(sb.dir, `.halfway.json.${p.pid}.tmp`);
    expect((await runProcess('mkfifo', [tmp])).code).toBe(0);
    p.kill('SIGCONT');
    // Opening the FIFO for reading completes once kctl opens it to write the new state.
    const reader = createReadStream(tmp);
    let opened = false;
    reader.on('open', () => (opened = true));
    try {
      const first = await new Promise<string>((done, fail) => {
        reader.once('data', (chunk) => done(String(chunk)));
        reader.once('error', fail);
        void closed.then(([code]) => fail(new Error(`kctl exited ${code} without writing ${tmp}`)));
      });
      expect(first.startsWith('{\n"kind":"KctlState",')).toBe(true);
      p.kill('SIGKILL');
      expect(await closed).toEqual([null, 'SIGKILL']);
    } finally {
      // A reader still waiting for a writer would hold a thread of this process forever.
      if (!opened) closeSync(openSync(tmp, constants.O_WRONLY | constants.O_NONBLOCK));
      reader.destroy();
    }
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(base);
    expect(() => JSON.parse(text)).not.toThrow();
    // The next writer takes over the dead writer's lock and removes its temp file (the FIFO).
    expect(readdirSync(sb.dir).filter((f) => f.includes('halfway.json.')).sort()).toEqual([`.halfway.json.${p.pid}.tmp`, 'halfway.json.lock']);
    expect(await sb.ok(['create', 'configmap', 'next', '--from-literal=a=b', '--state', file])).toBe('configmap/next created\n');
    expect(readdirSync(sb.dir).filter((f) => f.includes('halfway.json'))).toEqual(['halfway.json']);
  });

  it('a copy of a good state keeps working after a stale lock is gone', async () => {
    const file = join(sb.dir, 'copy.json');
    copyFileSync(sb.state, file);
    expect(await sb.ok(['get', 'configmap', 'k59', '-o', 'name', '--state', file])).toBe('configmap/k59\n');
  });
});

describe('a failing command leaves the state file byte for byte', () => {
  const sb = new Sandbox();
  let before = '';
  beforeAll(async () => {
    sb.file('echo.yaml', readFileSync(new URL('../../samples/jissen/ch05/simple-deployment.yaml', import.meta.url), 'utf8'));
    await sb.ok(['apply', '-f', 'echo.yaml']);
    await sb.ok(['label', 'deployment', 'echo', 'tier=web']);
    before = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  a: b\n';
  const cases: [string, string[], Record<string, string>][] = [
    ['malformed YAML', ['apply', '-f', 'f.yaml'], { 'f.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec: {}\n' }],
    ['an unknown kind', ['apply', '-f', 'f.yaml'], { 'f.yaml': 'apiVersion: v1\nkind: Podd\nmetadata:\n  name: p\n' }],
    ['an unknown field', ['create', '-f', 'f.yaml'], { 'f.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    imagee: x\n' }],
    ['an invalid name', ['apply', '-f', 'f.yaml'], { 'f.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n' }],
    ['an immutable selector', ['apply', '-f', 'f.yaml'], { 'f.yaml': readFileSync(new URL('../../samples/jissen/ch05/simple-deployment.yaml', import.meta.url), 'utf8').replace(/app: echo/g, 'app: other') }],
    ['one bad object among good ones', ['apply', '-f', 'f.yaml'], { 'f.yaml': `${good}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: UPPER\n` }],
    ['an existing name', ['create', '-f', 'echo.yaml'], {}],
    ['a missing object', ['delete', 'pod', 'nope'], {}],
    ['scale of a missing object', ['scale', 'deployment', 'nope', '--replicas=2'], {}],
    ['a label without --overwrite', ['label', 'deployment', 'echo', 'tier=db'], {}],
    ['an unknown revision', ['rollout', 'undo', 'deployment', 'echo', '--to-revision=7'], {}],
    ['a missing namespace', ['create', 'configmap', 'c', '-n', 'nowhere'], {}],
    ['a bad flag', ['apply', '-f', 'echo.yaml', '--bogus'], {}],
  ];
  for (const [what, args, files] of cases) {
    it(`${what}: exit 1, a message, the state untouched`, async () => {
      for (const [name, text] of Object.entries(files)) sb.file(name, text);
      const r = await sb.run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(sb.stateText()).toBe(before);
    });
  }
});
