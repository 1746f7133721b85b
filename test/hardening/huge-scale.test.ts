// A huge scale is worked off a budget per command (controllers/budget.ts): every command returns
// after a bounded number of pods, the rest is queued in the state for the next command, and the
// cluster's pod cap refuses creation as an exhausted quota would.

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

/** What one command may create or delete: the cluster's writesPerCommand, lowered from 5,000 to keep the file quick. */
const BUDGET = 600;

describe('a huge scale', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  const count = async (args: string[]) => (await sb.ok([...args, '-o', 'name'])).split('\n').filter(Boolean).length;
  const jsonpath = (args: string[], path: string) => sb.ok([...args, '-o', `jsonpath=${path}`]);
  /** The state file parses, and says which controllers still have work. */
  const queued = (): string[] | undefined => (JSON.parse(sb.stateText()) as { queued?: string[] }).queued;

  /** A fresh cluster whose controllers write BUDGET objects per command. */
  const reset = (workers = 3) => sb.ok(['cluster', 'reset', '--config', sb.file('budget.yaml', `workers: ${workers}\nwritesPerCommand: ${BUDGET}\n`)]);

  it('scale --replicas=2147483647 returns after one budget of pods, reports the progress, and each command that writes adds one more', async () => {
    await reset();
    await sb.ok(['create', 'deployment', 'big', '--image=nginx']);
    expect(await sb.run(['scale', 'deployment', 'big', '--replicas=2147483647'])).toEqual({ stdout: 'deployment.apps/big scaled\n', stderr: '', code: 0 });
    expect(await count(['get', 'pods', '-l', 'app=big'])).toBe(1 + BUDGET);
    expect(queued()).toEqual(['replicaset']);
    // The columns of a cluster mid-scale: all pods up to date, those on a node ready.
    const running = await count(['get', 'pods', '-l', 'app=big', '--field-selector', 'status.phase=Running']);
    expect(running).toBeGreaterThan(0);
    expect(running).toBeLessThan(1 + BUDGET);
    expect(await jsonpath(['get', 'deployment', 'big'], '{.status.replicas} {.status.updatedReplicas} {.status.readyReplicas} {.status.availableReplicas}')).toBe(
      `${1 + BUDGET} ${1 + BUDGET} ${running} ${running}`,
    );
    expect((await sb.ok(['get', 'deployment', 'big', '--no-headers'])).split(/\s+/).slice(0, 4)).toEqual(['big', `${running}/2147483647`, `${1 + BUDGET}`, `${running}`]);
    expect((await sb.ok(['get', 'rs', '-l', 'app=big', '--no-headers'])).split(/\s+/).slice(1, 4)).toEqual(['2147483647', `${1 + BUDGET}`, `${running}`]);
    expect(await sb.ok(['rollout', 'status', 'deployment/big', '--watch=false'])).toBe(
      `Waiting for deployment "big" rollout to finish: ${1 + BUDGET} out of 2147483647 new replicas have been updated...\n`,
    );

    // The same command again, then one that has nothing to do with the Deployment: each carries on.
    await sb.ok(['scale', 'deployment', 'big', '--replicas=2147483647']);
    expect(await count(['get', 'pods', '-l', 'app=big'])).toBe(1 + 2 * BUDGET);
    await sb.ok(['create', 'configmap', 'unrelated']);
    expect(await count(['get', 'pods', '-l', 'app=big'])).toBe(1 + 3 * BUDGET);
    expect(queued()).toEqual(['replicaset']);
  });

  it('a writer started during a huge scale waits for one command, not for the scale, and carries it on by one budget', async () => {
    await reset();
    await sb.ok(['create', 'deployment', 'big', '--image=nginx']);
    const scale = sb.start(['scale', 'deployment', 'big', '--replicas=2147483647']);
    let scaleDone = false;
    void scale.exited.then(() => (scaleDone = true));
    // Once the scale holds the lock, the writer starts.
    while (!existsSync(`${sb.state}.lock`) && !scaleDone) await new Promise((r) => setImmediate(r));
    const [scaled, written] = await Promise.all([scale.exited, sb.run(['create', 'configmap', 'during'])]);
    expect(scaled).toEqual({ stdout: 'deployment.apps/big scaled\n', stderr: '', code: 0 });
    expect(written).toEqual({ stdout: 'configmap/during created\n', stderr: '', code: 0 });
    expect(await sb.ok(['get', 'configmap', 'during', '-o', 'name'])).toBe('configmap/during\n');
    expect(await count(['get', 'pods', '-l', 'app=big'])).toBe(1 + 2 * BUDGET);
    expect(queued()).toEqual(['replicaset']);
  });

  it('rollout status lets the controllers carry on until the rollout is done; a scale-down goes a budget per command', async () => {
    // 10 workers hold 1,100 pods, some of them the system's.
    await reset(10);
    await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    await sb.ok(['scale', 'deployment', 'web', '--replicas=700']);
    expect(await count(['get', 'pods', '-l', 'app=web'])).toBe(1 + BUDGET);
    expect(await sb.ok(['rollout', 'status', 'deployment/web'])).toBe(
      [`Waiting for deployment "web" rollout to finish: ${1 + BUDGET} out of 700 new replicas have been updated...`, 'deployment "web" successfully rolled out', ''].join('\n'),
    );
    expect(await count(['get', 'pods', '-l', 'app=web', '--field-selector', 'status.phase=Running'])).toBe(700);
    expect(queued()).toBeUndefined();

    await sb.ok(['scale', 'deployment', 'web', '--replicas=0']);
    expect(await count(['get', 'pods', '-l', 'app=web'])).toBe(700 - BUDGET);
    expect((await sb.ok(['get', 'rs', '-l', 'app=web', '--no-headers'])).split(/\s+/).slice(1, 3)).toEqual(['0', `${700 - BUDGET}`]);
    expect(queued()).toEqual(['replicaset']);
    await sb.ok(['scale', 'deployment', 'web', '--replicas=0']);
    expect(await count(['get', 'pods', '-l', 'app=web'])).toBe(0);
    expect(queued()).toBeUndefined();
  });

  it('StatefulSets and Jobs create a budget per command; the garbage collector deletes a budget per command', async () => {
    await reset();
    sb.file(
      'sts.yaml',
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2147483647
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: nginx}]}
`,
    );
    await sb.ok(['apply', '-f', 'sts.yaml']);
    expect(await count(['get', 'pods', '-l', 'app=db'])).toBe(BUDGET);
    expect(await jsonpath(['get', 'pod', `db-${BUDGET - 1}`], '{.metadata.name}')).toBe(`db-${BUDGET - 1}`);
    await sb.ok(['apply', '-f', 'sts.yaml']);
    expect(await count(['get', 'pods', '-l', 'app=db'])).toBe(2 * BUDGET);

    // Deleting the StatefulSet leaves its pods to the garbage collector, a budget at a time.
    await sb.ok(['delete', 'statefulset', 'db']);
    expect(await count(['get', 'pods', '-l', 'app=db'])).toBe(BUDGET);
    expect(queued()).toEqual(['garbagecollector']);
    await sb.ok(['create', 'configmap', 'next']);
    expect(await count(['get', 'pods', '-l', 'app=db'])).toBe(0);
    expect(queued()).toBeUndefined();

    sb.file(
      'job.yaml',
      `apiVersion: batch/v1
kind: Job
metadata: {name: wide}
spec:
  parallelism: 1000000
  completions: 1000000
  template:
    spec:
      restartPolicy: Never
      containers: [{name: web, image: nginx}]
`,
    );
    await sb.ok(['apply', '-f', 'job.yaml']);
    expect(await count(['get', 'pods', '-l', 'job-name=wide'])).toBe(BUDGET);
    expect(queued()).toEqual(['job']);
  });

  it('past the cluster pod cap, creation is refused as an exhausted quota refuses it', async () => {
    sb.file('cluster.yaml', 'maxPods: 100\n');
    await sb.ok(['cluster', 'reset', '--config', 'cluster.yaml']);
    const system = await count(['get', 'pods', '-A']);
    await sb.ok(['create', 'deployment', 'capped', '--image=nginx', '--replicas=200']);
    expect(await count(['get', 'pods', '-A'])).toBe(100);
    expect(await count(['get', 'pods', '-l', 'app=capped'])).toBe(100 - system);
    const refusal = /^pods "capped-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: kctl-max-pods, requested: pods=1, used: pods=100, limited: pods=100$/;
    const events = (await jsonpath(['get', 'events', '--field-selector', 'reason=FailedCreate'], '{range .items[*]}{.type} {.source.component} {.message}{"\\n"}{end}')).trim().split('\n');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const [type, component, ...message] = e.split(' ');
      expect([type, component]).toEqual(['Warning', 'replicaset-controller']);
      expect(message.join(' ').replace(/^Error creating: /, '')).toMatch(refusal);
    }
    expect(await jsonpath(['get', 'rs', '-l', 'app=capped'], '{.items[0].status.conditions[0].type} {.items[0].status.conditions[0].status} {.items[0].status.conditions[0].reason}')).toBe('ReplicaFailure True FailedCreate');
    expect(await jsonpath(['get', 'rs', '-l', 'app=capped'], '{.items[0].status.conditions[0].message}')).toMatch(refusal);
    expect(await jsonpath(['get', 'deployment', 'capped'], '{.status.conditions[*].type}')).toBe('Available Progressing ReplicaFailure');
    expect(await sb.ok(['describe', 'deployment', 'capped'])).toMatch(/\n {2}ReplicaFailure +True +FailedCreate\n/);
    // The Deployment itself, however large, is accepted; a pod past the cap is not.
    expect(queued()).toBeUndefined();

    const before = sb.stateText();
    expect(await sb.run(['run', 'extra', '--image=nginx'])).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods "extra" is forbidden: exceeded quota: kctl-max-pods, requested: pods=1, used: pods=100, limited: pods=100\n',
      code: 1,
    });
    sb.file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n');
    expect(await sb.run(['apply', '-f', 'pod.yaml'])).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): error when creating "pod.yaml": pods "p" is forbidden: exceeded quota: kctl-max-pods, requested: pods=1, used: pods=100, limited: pods=100\n',
      code: 1,
    });
    expect(sb.stateText()).toBe(before);

    // Below the cap again, the condition goes and pods can be made.
    await sb.ok(['scale', 'deployment', 'capped', '--replicas=10']);
    expect(await jsonpath(['get', 'rs', '-l', 'app=capped'], '{.items[0].status.conditions}')).toBe('');
    expect(await jsonpath(['get', 'deployment', 'capped'], '{.status.conditions[*].type}')).toBe('Available Progressing');
    expect(await sb.ok(['apply', '-f', 'pod.yaml'])).toBe('pod/p created\n');
  });
});
