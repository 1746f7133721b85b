// rollout status waits for an unfinished rollout, printing kubectl's progress lines as other kctl
// commands move it, and gives up with kubectl's error at --timeout.

import { afterAll, describe, expect, it } from 'vitest';
import { Follower } from '../helpers/follow.js';
import { Sandbox } from '../helpers/kctl.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
`;

describe('rollout status', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('a paused rollout: --timeout ends with kubectl\'s error, --watch=false prints once', async () => {
    sb.file('web.yaml', deployment('nginx:1.26'));
    await sb.ok(['apply', '-f', 'web.yaml']);
    expect(await sb.ok(['rollout', 'status', 'deploy/web'])).toBe('deployment "web" successfully rolled out\n');
    // -w is a boolean: the resource after it is not its value.
    expect(await sb.ok(['rollout', 'status', '-w', 'deploy/web'])).toBe('deployment "web" successfully rolled out\n');
    await sb.ok(['rollout', 'pause', 'deploy/web']);
    sb.file('web.yaml', deployment('nginx:1.27'));
    await sb.ok(['apply', '-f', 'web.yaml']);
    const before = sb.stateText();
    const waiting = 'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...\n';
    expect(await sb.run(['rollout', 'status', 'deploy/web', '--timeout=1s'])).toEqual({ stdout: waiting, stderr: 'error: timed out waiting for the condition\n', code: 1 });
    expect(await sb.run(['rollout', 'status', 'deploy/web', '--watch=false'])).toEqual({ stdout: waiting, stderr: '', code: 0 });
    expect(await sb.run(['rollout', 'status', 'deploy/web', '-w=false', '--revision=1'])).toEqual({ stdout: waiting, stderr: '', code: 0 });
    expect(await sb.run(['rollout', 'status', 'deploy/web', '--revision=2'])).toEqual({ stdout: '', stderr: 'error: desired revision (2) is different from the running revision (1)\n', code: 1 });
    expect(await sb.run(['rollout', 'status', 'deploy/web', '--timeout=5'])).toEqual({
      stdout: '',
      stderr: 'error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kctl rollout status --help\' for usage.\n',
      code: 1,
    });
    expect(sb.stateText()).toBe(before);
  });

  it('waits without holding the lock and ends when another command finishes the rollout', async () => {
    const status = new Follower(sb, ['rollout', 'status', 'deployment/web']);
    await status.waitFor('0 out of 3 new replicas have been updated...\n');
    // Commands that write still run while it waits.
    expect(await sb.ok(['label', 'deploy/web', 'watched=yes'])).toBe('deployment.apps/web labeled\n');
    expect(await sb.ok(['rollout', 'resume', 'deploy/web'])).toBe('deployment.apps/web resumed\n');
    const end = await status.ended;
    expect(end).toMatchObject({ code: 0, stderr: '' });
    const lines = end.stdout.split('\n').filter(Boolean);
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(lines.slice(0, -1).every((l) => l.startsWith('Waiting for deployment "web" rollout to finish: '))).toBe(true);
    expect(await sb.ok(['rollout', 'history', 'deploy/web'])).toContain('\n2         <none>\n');
  }, 600_000);

  it('replicas that never become available keep it waiting', async () => {
    await sb.ok(['create', 'deployment', 'crash', '--image=busybox', '--replicas=2', '--', 'false']);
    expect(await sb.run(['rollout', 'status', 'deploy/crash', '--timeout=1s'])).toEqual({
      stdout: 'Waiting for deployment "crash" rollout to finish: 0 of 2 updated replicas are available...\n',
      stderr: 'error: timed out waiting for the condition\n',
      code: 1,
    });
    const status = new Follower(sb, ['rollout', 'status', 'deploy/crash']);
    await status.waitFor('0 of 2 updated replicas are available...\n');
    await sb.ok(['delete', 'deploy/crash']);
    expect(await status.ended).toMatchObject({ code: 1, stderr: 'error: object has been deleted\n' });
  }, 600_000);

  it('DaemonSets and StatefulSets as kubectl words them', async () => {
    expect(await sb.ok(['rollout', 'status', 'ds/kube-proxy', '-n', 'kube-system'])).toBe('daemon set "kube-proxy" successfully rolled out\n');
    await sb.ok(['apply', '-f', new URL('../../samples/perfect-guide/ch06/sample-statefulset-headless.yaml', import.meta.url).pathname]);
    expect(await sb.ok(['rollout', 'status', 'statefulset/sample-statefulset-headless'])).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
  });
});
