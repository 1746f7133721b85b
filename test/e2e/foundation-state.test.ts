// The state file: where it lives, how it starts, how damaged or foreign files are refused,
// how cluster reset shapes it, and that a seed makes it reproducible.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('a directory in the state file\'s place is refused with kctl\'s message', async () => {
    const r = await sb.run(['get', 'pods', '--state', sb.dir]);
    expect(r).toEqual({ stdout: '', stderr: `error: the state file ${sb.dir} is a directory; --state and KCTL_STATE take the path of a regular file\n`, code: 1 });
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

  it('leaves nothing for the next command to start: one that fails after a reset writes nothing', async () => {
    await sb.ok(['cluster', 'reset']);
    const before = sb.stateText();
    expect(await sb.run(['delete', 'pods', ''])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "" not found\n', code: 1 });
    expect(sb.stateText()).toBe(before);
  });

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
    expect(await sb.run(['cluster', 'reset', '--config', 'bad.yaml'])).toEqual({ stdout: '', stderr: 'error: cluster config bad.yaml: unknown field "wrokers" (known: workers, ingressNginx, serviceCIDR, nodePortRange, loadBalancerPool, maxPods, writesPerCommand)\n', code: 1 });
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
