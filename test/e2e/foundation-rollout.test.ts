// 実践コンテナ開発入門 ch.5 (seed 001): one manifest file edited in place and applied with
// --record, as the book does — revision 1, replicas 3→4 without a new revision, an image change
// as revision 2, and `rollout undo` turning revision 1 into revision 3.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const CH05 = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const sample = (name: string) => readFileSync(CH05 + name, 'utf8');
const CAUSE = 'kctl apply --filename=simple-deployment.yml --record=true';
const DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

function history(...rows: [number, string][]): string {
  return `deployment.apps/echo \nREVISION  CHANGE-CAUSE\n${rows.map(([r, c]) => `${String(r).padEnd(10)}${c}\n`).join('')}\n`;
}

describe('実践 ch.5: Deployment revisions with --record', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const at = (t: string) => ({ env: { KCTL_NOW: t } });
  const kctl = (t: string, ...args: string[]) => sb.run(args, at(t));
  const replicaSets = async (t: string) =>
    (await sb
      .ok(['get', 'rs', '-l', 'app=echo', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}{"\\n"}{end}'], at(t)))
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
  let firstRs = '';
  let secondRs = '';

  it('apply --record creates revision 1 with the command as its change cause', async () => {
    sb.file('simple-deployment.yml', sample('simple-deployment.yaml'));
    const r = await kctl('2025-01-06T10:00:00Z', 'apply', '-f', 'simple-deployment.yml', '--record');
    expect(r).toEqual({ stdout: 'deployment.apps/echo created\n', stderr: DEPRECATED, code: 0 });

    const out = (await kctl('2025-01-06T10:01:00Z', 'get', 'pod,replicaset,deployment', '--selector', 'app=echo')).stdout;
    const [pods, rss, deploys] = out.split('\n\n');
    firstRs = /replicaset\.apps\/(echo-[bcdfghjklmnpqrstvwxz2456789]+) /.exec(rss)![1];
    const podRows = pods.split('\n').slice(1);
    expect(podRows).toHaveLength(3);
    for (const row of podRows) expect(row).toMatch(new RegExp(`^pod/${firstRs}-[bcdfghjklmnpqrstvwxz2456789]{5}   2/2     Running   0          60s$`));
    expect(rss).toBe(`NAME${' '.repeat(firstRs.length + 15)}DESIRED   CURRENT   READY   AGE\nreplicaset.apps/${firstRs}   3         3         3       60s`);
    expect(deploys).toBe('NAME                   READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/echo   3/3     3            3           60s\n');
    expect((await kctl('2025-01-06T10:01:00Z', 'rollout', 'history', 'deployment', 'echo')).stdout).toBe(history([1, CAUSE]));
  });

  it('changing only replicas (3→4) scales the same ReplicaSet and makes no new revision', async () => {
    sb.file('simple-deployment.yml', sample('simple-deployment-4-replicas.yaml'));
    expect((await kctl('2025-01-06T10:07:00Z', 'apply', '-f', 'simple-deployment.yml', '--record')).stdout).toBe('deployment.apps/echo configured\n');
    expect(await replicaSets('2025-01-06T10:07:00Z')).toEqual([[firstRs, '4', '1']]);
    expect((await sb.ok(['get', 'pods', '-l', 'app=echo', '-o', 'name'])).trim().split('\n')).toHaveLength(4);
    expect((await kctl('2025-01-06T10:07:00Z', 'rollout', 'history', 'deployment', 'echo')).stdout).toBe(history([1, CAUSE]));
  });

  it('changing the image makes revision 2 and moves every pod to a new ReplicaSet', async () => {
    sb.file('simple-deployment.yml', sample('simple-deployment-patched.yaml'));
    expect((await kctl('2025-01-06T10:12:00Z', 'apply', '-f', 'simple-deployment.yml', '--record')).stdout).toBe('deployment.apps/echo configured\n');
    const rss = await replicaSets('2025-01-06T10:12:00Z');
    secondRs = rss.find((r) => r[0] !== firstRs)![0];
    expect(rss).toContainEqual([firstRs, '0', '1']);
    expect(rss).toContainEqual([secondRs, '4', '2']);
    const images = (await sb.ok(['get', 'pods', '-l', 'app=echo', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.containers[1].image}{"\\n"}{end}'])).trim().split('\n');
    expect(images).toHaveLength(4);
    for (const l of images) expect(l).toMatch(new RegExp(`^${secondRs}-\\S{5} gihyodocker/echo:patched$`));
    expect((await kctl('2025-01-06T10:12:00Z', 'rollout', 'history', 'deployment', 'echo')).stdout).toBe(history([1, CAUSE], [2, CAUSE]));
  });

  it('shows the pod template of revision 1, unaligned as kubectl prints it', async () => {
    const hash = firstRs.slice('echo-'.length);
    expect((await kctl('2025-01-06T10:13:00Z', 'rollout', 'history', 'deployment', 'echo', '--revision=1')).stdout).toBe(
      [
        'deployment.apps/echo with revision #1',
        'Pod Template:',
        '  Labels:\tapp=echo',
        `\tpod-template-hash=${hash}`,
        `  Annotations:\tkubernetes.io/change-cause: ${CAUSE}`,
        '  Containers:',
        '   nginx:',
        '    Image:\tgihyodocker/nginx-proxy:latest',
        '    Port:\t80/TCP',
        '    Host Port:\t0/TCP',
        '    Environment:',
        '      BACKEND_HOST:\tlocalhost:8080',
        '    Mounts:\t<none>',
        '   echo:',
        '    Image:\tgihyodocker/echo:latest',
        '    Port:\t8080/TCP',
        '    Host Port:\t0/TCP',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('rollout undo brings revision 1 back as revision 3', async () => {
    expect((await kctl('2025-01-06T10:20:00Z', 'rollout', 'undo', 'deployment', 'echo')).stdout).toBe('deployment.apps/echo rolled back\n');
    expect((await kctl('2025-01-06T10:20:00Z', 'rollout', 'history', 'deployment', 'echo')).stdout).toBe(history([2, CAUSE], [3, CAUSE]));
    expect(await replicaSets('2025-01-06T10:20:00Z')).toEqual(expect.arrayContaining([[firstRs, '4', '3'], [secondRs, '0', '2']]));
    const rs = JSON.parse(await sb.ok(['get', 'rs', firstRs, '-o', 'json']));
    expect(rs.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(await sb.ok(['get', 'deploy', 'echo', '-o', 'jsonpath={.spec.template.spec.containers[1].image}'])).toBe('gihyodocker/echo:latest');
  });

  it('undo to the revision in place is skipped; unknown revisions are errors that change nothing', async () => {
    const before = sb.stateText();
    expect((await kctl('2025-01-06T10:21:00Z', 'rollout', 'undo', 'deployment/echo', '--to-revision=3')).stdout).toBe(
      'deployment.apps/echo skipped rollback (current template already matches revision 3)\n',
    );
    expect(await kctl('2025-01-06T10:21:00Z', 'rollout', 'undo', 'deployment', 'echo', '--to-revision=9')).toEqual({
      stdout: '',
      stderr: 'error: unable to find specified revision 9 in history\n',
      code: 1,
    });
    expect(await kctl('2025-01-06T10:21:00Z', 'rollout', 'history', 'deployment', 'echo', '--revision=9')).toEqual({
      stdout: '',
      stderr: 'error: unable to find the specified revision\n',
      code: 1,
    });
    expect(sb.stateText()).toBe(before);
  });

  it('rollout status reports a finished rollout', async () => {
    expect(await sb.ok(['rollout', 'status', 'deployment/echo'])).toBe('deployment "echo" successfully rolled out\n');
  });

  it('the same pod template always gets the same ReplicaSet name, whatever the seed', async () => {
    const other = new Sandbox('987');
    try {
      other.file('d.yaml', sample('simple-deployment.yaml'));
      await other.ok(['apply', '-f', 'd.yaml']);
      expect(await other.ok(['get', 'rs', '-o', 'name'])).toBe(`replicaset.apps/${firstRs}\n`);
    } finally {
      other.cleanup();
    }
  });

  it('delete -f removes the Deployment with its ReplicaSets and pods', async () => {
    expect(await kctl('2025-01-06T10:30:00Z', 'delete', '-f', 'simple-deployment.yml')).toEqual({ stdout: 'deployment.apps "echo" deleted\n', stderr: '', code: 0 });
    expect(await sb.run(['get', 'pod,rs', '-l', 'app=echo'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });
});

describe('rolling updates step by step', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('a RollingUpdate of 4 replicas surges by one and drains by one, as the deployment controller does', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx:1.24', '--replicas=4']);
    sb.file('patch.yaml', (await sb.ok(['get', 'deploy', 'web', '-o', 'yaml'])).replace('nginx:1.24', 'nginx:1.25'));
    await sb.ok(['apply', '-f', 'patch.yaml']);
    const events = (await sb
      .ok(['get', 'events', '--field-selector', 'involvedObject.kind=Deployment', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']))
      .trim()
      .split('\n');
    const [oldRs, newRs] = [/replica set (\S+) from 0 to 4/.exec(events[0])![1], /replica set (\S+) from 0 to 1/.exec(events[1])![1]];
    expect(events).toEqual([
      `Scaled up replica set ${oldRs} from 0 to 4`,
      `Scaled up replica set ${newRs} from 0 to 1`,
      `Scaled down replica set ${oldRs} from 4 to 3`,
      `Scaled up replica set ${newRs} from 1 to 2`,
      `Scaled down replica set ${oldRs} from 3 to 2`,
      `Scaled up replica set ${newRs} from 2 to 3`,
      `Scaled down replica set ${oldRs} from 2 to 1`,
      `Scaled up replica set ${newRs} from 3 to 4`,
      `Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
  });

  it('keeps old ReplicaSets at zero up to revisionHistoryLimit', async () => {
    await sb.ok(['create', 'deployment', 'hist', '--image=busybox:1']);
    const manifest = async (n: number) => (await sb.ok(['get', 'deploy', 'hist', '-o', 'yaml'])).replace(/busybox:\d+/g, `busybox:${n}`).replace('revisionHistoryLimit: 10', 'revisionHistoryLimit: 2');
    for (let n = 2; n <= 5; n++) {
      sb.file('hist.yaml', await manifest(n));
      await sb.ok(['apply', '-f', 'hist.yaml']);
    }
    const rss = (await sb.ok(['get', 'rs', '-l', 'app=hist', '-o', 'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}={.spec.replicas} {end}'])).trim().split(' ').sort();
    expect(rss).toEqual(['3=0', '4=0', '5=1']);
  });

  it('pause, resume and restart answer as kubectl does', async () => {
    await sb.ok(['create', 'deployment', 'pr', '--image=nginx']);
    expect(await sb.ok(['rollout', 'pause', 'deployment/pr'])).toBe('deployment.apps/pr paused\n');
    expect(await sb.ok(['rollout', 'pause', 'deployment/pr'])).toBe('deployment.apps/pr already paused\n');
    expect(await sb.ok(['rollout', 'resume', 'deployment', 'pr'])).toBe('deployment.apps/pr resumed\n');
    expect(await sb.ok(['rollout', 'resume', 'deployment', 'pr'])).toBe('deployment.apps/pr already resumed\n');
    const before = await sb.ok(['get', 'rs', '-l', 'app=pr', '-o', 'name']);
    expect(await sb.ok(['rollout', 'restart', 'deployment/pr'])).toBe('deployment.apps/pr restarted\n');
    const after = (await sb.ok(['get', 'rs', '-l', 'app=pr', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}'])).trim().split(' ');
    expect(after).toHaveLength(2);
    expect(after).toContain(`${before.trim().replace('replicaset.apps/', '')}=0`);
    expect(await sb.run(['rollout', 'pause', 'daemonset/kube-proxy', '-n', 'kube-system'])).toEqual({ stdout: '', stderr: 'error: daemonsets.apps "kube-proxy" pausing is not supported\n', code: 1 });
    expect(await sb.run(['rollout', 'history', 'pod/x'])).toEqual({ stdout: '', stderr: 'error: no history viewer has been implemented for "Pod"\n', code: 1 });
  });

  it('Recreate empties the old ReplicaSet before the new one grows', async () => {
    sb.file(
      'recreate.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: rec
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector: {matchLabels: {app: rec}}
  template:
    metadata: {labels: {app: rec}}
    spec: {containers: [{name: c, image: "IMAGE"}]}
`.replace('IMAGE', 'nginx:1'),
    );
    await sb.ok(['apply', '-f', 'recreate.yaml']);
    sb.file('recreate.yaml', readFileSync(`${sb.dir}/recreate.yaml`, 'utf8').replace('nginx:1', 'nginx:2'));
    await sb.ok(['apply', '-f', 'recreate.yaml']);
    const messages = (await sb.ok(['get', 'events', '--field-selector', 'involvedObject.name=rec', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}'])).trim().split('\n');
    expect(messages.map((m) => m.replace(/rec-\w+/, 'RS'))).toEqual(['Scaled up replica set RS from 0 to 2', 'Scaled down replica set RS from 2 to 0', 'Scaled up replica set RS from 0 to 2']);
  });
});
