// Watches through kctl serve with the upstream kubectl v1.32: get -w (Tables, --output-watch-events,
// -o wide, -o yaml, one object), rollout status, wait and delete, each seeing changes that other
// kctl processes make to the state file. Nothing here waits on the clock: each watcher is read
// until it prints what the change must make it print, then stopped.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { kubectl, startKubectl, startServe, type Served } from '../helpers/serve.js';

describe('watches through kctl serve, with kubectl v1.32', () => {
  const sb = new Sandbox();
  let served: Served;
  const k = (...args: string[]) => kubectl(sb, served, args);
  const watch = (...args: string[]) => startKubectl(sb, served, args);

  beforeAll(async () => {
    served = await startServe(sb);
    await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
  }, 60_000);

  afterAll(async () => {
    if (served) await served.stop();
    sb.cleanup();
  });

  it('get -w: a scale from 1 to 5 made by kctl shows each step of the rollout, to 5/5', async () => {
    const w = await watch('get', 'deployments', '-w');
    await w.output(/^web +1\/1 +1 +1 +\S+\n/m);
    await sb.ok(['scale', 'deployment', 'web', '--replicas=5']);
    const out = await w.output(/^web +5\/5 +5 +5 /m);
    w.kill();
    const rows = out.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
    // The header once, then the list's row, then one row per version the Deployment went through.
    expect(rows.filter((r) => r.startsWith('NAME'))).toHaveLength(1);
    const ready = rows.slice(2).map((r) => r.split(/ +/)[1]);
    expect(ready[0]).toBe('1/5');
    expect(ready.at(-1)).toBe('5/5');
    expect(ready.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('kctl get -w prints what kubectl get -w prints through kctl serve, row for row', async () => {
    await sb.ok(['create', 'deployment', 'twin', '--image=nginx']);
    const theirs = await watch('get', 'deployment', 'twin', '-w');
    const ours = sb.start(['get', 'deployment', 'twin', '-w']);
    await Promise.all([theirs.output(/^twin +1\/1 /m), ours.output(/^twin +1\/1 /m)]);
    await sb.ok(['scale', 'deployment', 'twin', '--replicas=3']);
    const [a, b] = await Promise.all([theirs.output(/^twin +3\/3 /m), ours.output(/^twin +3\/3 /m)]);
    theirs.kill();
    ours.kill();
    const rows = (text: string) => text.trim().split('\n').map((r) => r.replace(/ +\S+$/, ''));
    expect(rows(b)).toEqual(rows(a));
    expect(rows(a).length).toBeGreaterThan(3);
  }, 60_000);

  it('get pods -w --output-watch-events: ADDED, MODIFIED and DELETED as they happen', async () => {
    const w = await watch('get', 'pods', '-l', 'run=solo', '-w', '--output-watch-events', '-v=6');
    await w.errorOutput(/GET https:\S+\/pods\?\S*watch=true/);
    await sb.ok(['run', 'solo', '--image=nginx']);
    await w.output(/^ADDED +solo +/m);
    await w.output(/^MODIFIED +solo +1\/1 +Running /m);
    await sb.ok(['delete', 'pod', 'solo', '--wait=false']);
    const out = await w.output(/^DELETED +solo /m);
    w.kill();
    expect(out.split('\n')[0]).toMatch(/^EVENT +NAME +READY +STATUS +RESTARTS +AGE$/);
  }, 60_000);

  it('get -o wide -w shows the wide columns, and get NAME -w only that object', async () => {
    await sb.ok(['run', 'one', '--image=nginx']);
    const w = await watch('get', 'pod', 'one', '-o', 'wide', '-w', '--output-watch-events');
    await w.output(/^ADDED +one +1\/1 +Running .*10\.244\./m);
    await sb.ok(['run', 'other', '--image=nginx']);
    await sb.ok(['label', 'pod', 'one', 'seen=yes']);
    const out = await w.output(/^MODIFIED +one /m);
    w.kill();
    expect(out.split('\n')[0]).toMatch(/^EVENT +NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/);
    expect(out).not.toContain('other');
  }, 60_000);

  it('get -w -o yaml prints each new version of the object', async () => {
    await sb.ok(['create', 'configmap', 'settings', '--from-literal=mode=a']);
    const w = await watch('get', 'configmap', 'settings', '-o', 'yaml', '-w');
    await w.output(/mode: a/);
    await sb.ok(['label', 'configmap', 'settings', 'mode=b']);
    const out = await w.output(/^    mode: b$/m);
    w.kill();
    expect(out.match(/^kind: ConfigMap$/gm)).toHaveLength(2);
  }, 60_000);

  it('rollout status waits for a rollout another process unblocks, and --timeout fails as kubectl does', async () => {
    // No node has the label yet: the pod stays Pending.
    const manifest = sb.file(
      'stuck.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: stuck}
spec:
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec:
      nodeSelector: {disk: ssd}
      containers: [{name: nginx, image: nginx}]
`,
    );
    await sb.ok(['apply', '-f', manifest]);
    const timedOut = await k('rollout', 'status', 'deployment/stuck', '--timeout=1s');
    expect(timedOut.code).toBe(1);
    expect(timedOut.stdout).toBe('Waiting for deployment "stuck" rollout to finish: 0 of 1 updated replicas are available...\n');
    expect(timedOut.stderr).toBe('error: timed out waiting for the condition\n');

    const w = await watch('rollout', 'status', 'deployment/stuck', '--timeout=60s');
    await w.output(/Waiting for deployment "stuck" rollout to finish/);
    await sb.ok(['label', 'node', 'kctl-worker', 'disk=ssd']);
    const r = await w.exited;
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/deployment "stuck" successfully rolled out\n$/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('wait: --for=condition, --for=jsonpath and --for=delete', async () => {
    await sb.ok(['create', 'deployment', 'waited', '--image=nginx']);
    const available = await k('wait', '--for=condition=Available', 'deployment/waited', '--timeout=30s');
    expect(available.stdout).toBe('deployment.apps/waited condition met\n');
    const jsonpath = await k('wait', '--for=jsonpath={.status.readyReplicas}=1', 'deployment/waited', '--timeout=30s');
    expect(jsonpath.stdout).toBe('deployment.apps/waited condition met\n');
    const ready = await k('wait', '--for=condition=Ready', 'pod', '-l', 'app=waited', '--timeout=30s');
    expect(ready.stdout).toMatch(/^pod\/waited-\S+ condition met\n$/);

    await sb.ok(['run', 'doomed', '--image=nginx']);
    const w = await watch('wait', '--for=delete', 'pod/doomed', '--timeout=60s', '-v=6');
    // Once kubectl watches, the deletion comes from another process.
    await w.errorOutput(/GET https:\S+\/pods\?\S*watch=true/);
    await sb.ok(['delete', 'pod', 'doomed', '--wait=false']);
    const r = await w.exited;
    expect(r).toMatchObject({ code: 0, stdout: 'pod/doomed condition met\n' });

    const missing = await k('wait', '--for=jsonpath={.status.phase}=Running', 'pod/ghost', '--timeout=1s');
    expect(missing).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "ghost" not found\n' });
  }, 60_000);

  it('kctl wait answers as kubectl wait does, case by case', async () => {
    await sb.ok(['create', 'deployment', 'pair', '--image=nginx', '--replicas=2']);
    const cases = [
      ['--for=delete', 'pod/ghost', '--timeout=1s'],
      ['--for=condition=Ready', 'pod/ghost', '--timeout=1s'],
      ['--for=condition=Ready', 'pods', '-l', 'app=pair', '--timeout=1s'],
      ['--for=condition=Ready', 'pods', '-l', 'app=none', '--timeout=1s'],
      ['--for=condition=Nope', 'deploy/pair', '--timeout=1s'],
      ['--for=condition=Available=false', 'deploy/pair', '--timeout=1s'],
      ['--for=condition=available', 'deployment', 'pair', '--timeout=1s'],
      ['--for=jsonpath={.status.replicas}=3', 'deploy/pair', '--timeout=1s'],
      ['--for=jsonpath={.status.replicas}=2', 'deploy/pair', '--timeout=1s'],
      ['--for=jsonpath={.status.replicas}', 'deploy/pair', '--timeout=1s'],
      ['--for=jsonpath={.status.nope}', 'deploy/pair', '--timeout=1s'],
      ['--for=create', 'deploy/pair', '--timeout=1s'],
      ['--for=bogus', 'deploy/pair'],
      ['deploy/pair'],
      ['--for=condition=Ready', 'pod'],
    ];
    for (const c of cases) {
      const [theirs, ours] = await Promise.all([k('wait', ...c), sb.run(['wait', ...c])]);
      expect({ case: c, ...ours }).toEqual({ case: c, ...theirs });
    }
  }, 120_000);

  it('kctl wait --for=condition and --for=jsonpath see another process\'s change', async () => {
    // Each condition is false until the other process acts, so the order in which they start does not matter.
    await sb.ok(['create', 'configmap', 'flag', '--from-literal=k=1']);
    const labelled = sb.start(['wait', '--for=jsonpath={.metadata.labels.ready}=yes', 'configmap/flag', '--timeout=60s']);
    await sb.ok(['label', 'configmap', 'flag', 'ready=yes']);
    expect(await labelled.exited).toEqual({ stdout: 'configmap/flag condition met\n', stderr: '', code: 0 });
    const manifest = sb.file(
      'pinned.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: pinned}
spec:
  selector: {matchLabels: {app: pinned}}
  template:
    metadata: {labels: {app: pinned}}
    spec:
      nodeSelector: {zone: blue}
      containers: [{name: nginx, image: nginx}]
`,
    );
    await sb.ok(['apply', '-f', manifest]);
    const available = sb.start(['wait', '--for=condition=Available', 'deployment/pinned', '--timeout=60s']);
    await sb.ok(['label', 'node', 'kctl-worker2', 'zone=blue']);
    expect(await available.exited).toEqual({ stdout: 'deployment.apps/pinned condition met\n', stderr: '', code: 0 });
    await sb.ok(['apply', '-f', sb.file('nowhere.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: nowhere}\nspec:\n  nodeSelector: {zone: none}\n  containers: [{name: c, image: nginx}]\n')]);
    const timedOut = await sb.run(['wait', '--for=condition=Ready', 'pod/nowhere', '--timeout=0']);
    expect(timedOut).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/nowhere\n', code: 1 });
  }, 60_000);

  it('delete waits for the object to go (its default --wait), and says so once', async () => {
    await sb.ok(['run', 'gone', '--image=nginx']);
    const r = await k('delete', 'pod', 'gone');
    expect(r).toMatchObject({ code: 0, stdout: 'pod "gone" deleted\n', stderr: '' });
    expect((await sb.run(['get', 'pod', 'gone'])).code).toBe(1);
  }, 60_000);
});
