// The state file: where it lives, how it starts, how it survives concurrent and killed writers,
// how damaged or foreign files are refused, and that a failing command leaves it byte for byte.

import { spawn } from 'node:child_process';
import { closeSync, constants, copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

describe('where the state file lives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-where-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], env: Record<string, string>) => {
    const e: NodeJS.ProcessEnv = { ...process.env, KCTL_SEED: '1', ...env };
    for (const k of ['KCTL_STATE', 'XDG_STATE_HOME']) if (!(k in env)) delete e[k];
    return await runProcess(process.execPath, [KCTL, ...args], { env: e, cwd: dir });
  };

  it('--state wins over $KCTL_STATE, which wins over $XDG_STATE_HOME, which wins over ~/.local/state', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    await run(['create', 'namespace', 'by-home'], { HOME: home });
    expect(existsSync(join(home, '.local/state/kctl/state.json'))).toBe(true);
    await run(['create', 'namespace', 'by-xdg'], { HOME: home, XDG_STATE_HOME: join(dir, 'xdg') });
    expect(existsSync(join(dir, 'xdg/kctl/state.json'))).toBe(true);
    await run(['create', 'namespace', 'by-env'], { HOME: home, XDG_STATE_HOME: join(dir, 'xdg'), KCTL_STATE: join(dir, 'env.json') });
    await run(['create', 'namespace', 'by-flag', '--state', join(dir, 'flag.json')], { HOME: home, XDG_STATE_HOME: join(dir, 'xdg'), KCTL_STATE: join(dir, 'env.json') });
    const names = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8')).objects.namespaces).filter((n) => n.startsWith('by-'));
    expect(names(join(home, '.local/state/kctl/state.json'))).toEqual(['by-home']);
    expect(names(join(dir, 'xdg/kctl/state.json'))).toEqual(['by-xdg']);
    expect(names(join(dir, 'env.json'))).toEqual(['by-env']);
    expect(names(join(dir, 'flag.json'))).toEqual(['by-flag']);
  });

  it('a read creates the file with the default cluster and a schema version', async () => {
    const file = join(dir, 'fresh', 'state.json');
    expect((await run(['get', 'namespaces', '--state', file], {})).stdout.split('\n')[0]).toMatch(/^NAME +STATUS +AGE$/);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data).toMatchObject({ kind: 'KctlState', version: 1 });
    expect(Object.keys(data.objects.nodes)).toEqual(['kctl-control-plane', 'kctl-worker', 'kctl-worker2', 'kctl-worker3']);
  });
});

describe('damaged, foreign and future state files are refused, never replaced', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const cases: [string, string, string][] = [
    ['corrupt JSON', '{"kind": "KctlState", ', `the state file ${sb.state} is corrupt (`],
    ['an empty file', '', `the state file ${sb.state} is corrupt (`],
    ['something else', '{"apiVersion": "v1", "kind": "List", "items": []}', `the state file ${sb.state} is not a kctl state file`],
    ['a newer kctl', '{"kind": "KctlState", "version": 99, "objects": {}}', `the state file ${sb.state} was written by a newer kctl (state version 99; this kctl reads version 1); upgrade kctl`],
    ['an older kctl', '{"kind": "KctlState", "version": 0, "objects": {}}', `the state file ${sb.state} was written by an older kctl (state version 0; this kctl reads version 1) and cannot be migrated`],
    ['a damaged layout', '{"kind": "KctlState", "version": 1}', `the state file ${sb.state} is damaged`],
  ];
  for (const [what, text, message] of cases) {
    it(`${what}: a clear error naming the file and how to start over, exit 1, file untouched`, async () => {
      writeFileSync(sb.state, text);
      for (const args of [['get', 'pods'], ['create', 'namespace', 'x']]) {
        const r = await sb.run(args);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr.startsWith(`error: ${message}`)).toBe(true);
        expect(r.stderr).toContain(`run "kctl cluster reset --state ${sb.state}" to start over`);
        expect(r.stderr.split('\n')).toHaveLength(2);
        expect(readFileSync(sb.state, 'utf8')).toBe(text);
      }
    });
  }

  it('a directory in the state file\'s place is reported with the system error', async () => {
    const r = await sb.run(['get', 'pods', '--state', sb.dir]);
    expect(r).toEqual({ stdout: '', stderr: `error: cannot read the state file ${sb.dir}: EISDIR: illegal operation on a directory, read\n`, code: 1 });
  });

  it('a damaged line of the sectioned layout is reported by every command that reads it, and by every write', async () => {
    await sb.ok(['cluster', 'reset']);
    const text = readFileSync(sb.state, 'utf8');
    expect(text.split('\n').some((l) => l.startsWith('"pods":{'))).toBe(true);
    const damaged = text.replace(/^"pods":\{/m, '"pods":{oops');
    writeFileSync(sb.state, damaged);
    for (const args of [['get', 'pods', '-A'], ['create', 'namespace', 'x']]) {
      const r = await sb.run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error: the state file ${sb.state} is corrupt \\(.*\\); run "kctl cluster reset --state ${sb.state}" to start over`));
      expect(readFileSync(sb.state, 'utf8')).toBe(damaged);
    }
    // A command that reads only other sections does not parse the pods.
    expect(await sb.ok(['get', 'ns', 'default', '-o', 'name'])).toBe('namespace/default\n');
  });

  it('cluster reset starts over even from a corrupt file', async () => {
    writeFileSync(sb.state, 'garbage');
    expect(await sb.ok(['cluster', 'reset'])).toBe(`cluster "kctl" reset: 1 control-plane node and 3 worker nodes (state file ${sb.state})\n`);
    expect(await sb.ok(['get', 'ns', '-o', 'name'])).toMatch(/^namespace\/default\n(.*\n)*namespace\/kube-node-lease\nnamespace\/kube-public\nnamespace\/kube-system\n$/);
  });
});

describe('cluster reset shapes the cluster', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('--nodes N gives N workers with consecutive addresses and pod CIDRs', async () => {
    expect(await sb.ok(['cluster', 'reset', '--nodes', '5'])).toBe(`cluster "kctl" reset: 1 control-plane node and 5 worker nodes (state file ${sb.state})\n`);
    const nodes = await sb.ok(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.addresses[0].address} {.spec.podCIDR}{"\\n"}{end}']);
    expect(nodes).toBe(
      [
        'kctl-control-plane 10.240.0.6 10.244.0.0/24',
        'kctl-worker 10.240.0.7 10.244.1.0/24',
        'kctl-worker2 10.240.0.8 10.244.2.0/24',
        'kctl-worker3 10.240.0.9 10.244.3.0/24',
        'kctl-worker4 10.240.0.10 10.244.4.0/24',
        'kctl-worker5 10.240.0.11 10.244.5.0/24',
        '',
      ].join('\n'),
    );
    await sb.ok(['create', 'deployment', 'spread', '--image=nginx', '--replicas=10']);
    const perNode = (await sb.ok(['get', 'pods', '-l', 'app=spread', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ');
    expect(new Set(perNode)).toEqual(new Set(['kctl-worker', 'kctl-worker2', 'kctl-worker3', 'kctl-worker4', 'kctl-worker5']));
  });

  it('a config file sets the same shape; unknown fields and bad sizes are refused', async () => {
    sb.file('cluster.yaml', 'workers: 1\ningressNginx: false\n');
    expect(await sb.ok(['cluster', 'reset', '--config', 'cluster.yaml'])).toContain('1 control-plane node and 1 worker node (');
    expect(await sb.ok(['get', 'nodes', '-o', 'name'])).toBe('node/kctl-control-plane\nnode/kctl-worker\n');
    sb.file('bad.yaml', 'wrokers: 2\n');
    const before = sb.stateText();
    expect(await sb.run(['cluster', 'reset', '--config', 'bad.yaml'])).toEqual({ stdout: '', stderr: 'error: cluster config bad.yaml: unknown field "wrokers" (known: workers, ingressNginx, serviceCIDR, nodePortRange, loadBalancerPool)\n', code: 1 });
    for (const n of ['0', '201', 'two']) {
      expect(await sb.run(['cluster', 'reset', '--nodes', n])).toEqual({ stdout: '', stderr: 'error: --nodes must be a whole number of worker nodes from 1 to 200\n', code: 1 });
    }
    expect(sb.stateText()).toBe(before);
  });
});

describe('KCTL_SEED makes every random choice reproducible', () => {
  const script = [
    ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'],
    ['create', 'deployment', 'api', '--image=busybox', '--replicas=2'],
    ['scale', 'deployment', 'web', '--replicas=5'],
  ];
  const replay = async (seed: string) => {
    const sb = new Sandbox(seed);
    try {
      for (const args of script) await sb.ok(args, { env: { KCTL_NOW: '2025-01-06T10:00:00Z' } });
      return await sb.ok(['get', 'pods', '-o', 'wide'], { env: { KCTL_NOW: '2025-01-06T10:05:00Z' } }) + await sb.ok(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.uid}']);
    } finally {
      sb.cleanup();
    }
  };

  it('the same seed and commands give the same names, IPs, nodes and uids; another seed does not', async () => {
    const a = await replay('42');
    expect(await replay('42')).toBe(a);
    expect(await replay('43')).not.toBe(a);
    expect(a).toMatch(/web-\w+-[bcdfghjklmnpqrstvwxz2456789]{5} +1\/1 +Running +0 +5m +10\.244\.\d\.\d+ +kctl-worker\d? /);
  });
});

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
    // The new state is written to .<name>.tmp next to the state file and renamed over it once
    // complete. A FIFO in the temporary file's place holds kctl inside that write until the
    // test has read the first part of it, so kill -9 lands mid-write on a fast machine or a
    // busy one. The new state is larger than a pipe holds, so kctl cannot get past the write.
    expect(after.length).toBeGreaterThan(4 * 65536);
    const file = join(sb.dir, 'halfway.json');
    const tmp = join(sb.dir, '.halfway.json.tmp');
    writeFileSync(file, base);
    expect((await runProcess('mkfifo', [tmp])).code).toBe(0);
    const p = spawn(process.execPath, [KCTL, 'apply', '-f', 'many.yaml', '--state', file], { cwd: sb.dir, env: { ...process.env, KCTL_SEED: '1' }, stdio: 'ignore' });
    const closed = new Promise<[number | null, string | null]>((done) => p.on('close', (code, signal) => done([code, signal])));
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
