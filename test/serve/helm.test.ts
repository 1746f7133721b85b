// The upstream Helm v3.17.2 against kctl serve: a chart from `helm create` installed, listed,
// upgraded, rolled back, tested and uninstalled, with releases kept in Secrets as on a cluster.
// (`helm test` watches its hook pod through kctl serve's watch; --wait is not tested.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { helm, kubectl, startServe, type Served } from '../helpers/serve.js';

describe('Helm v3.17 against kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  const h = (...args: string[]) => helm(sb, served, args);
  const kctl = (...args: string[]) => sb.run(args);
  const releases = async () => (await kctl('get', 'secrets', '-l', 'owner=helm', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.status}{"\\n"}{end}')).stdout;

  beforeAll(async () => {
    served = await startServe(sb);
    expect((await h('create', 'chart')).code).toBe(0);
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it('install creates the chart\'s objects through the API server and records the release in a Secret', async () => {
    const r = await h('install', 'demo', './chart');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME: demo\nLAST DEPLOYED: .+\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\n/);
    expect((await kctl('get', 'deploy,svc,sa', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name')).stdout).toBe('deployment.apps/demo-chart\nservice/demo-chart\nserviceaccount/demo-chart\n');
    expect((await kctl('get', 'deploy', 'demo-chart', '-o', 'jsonpath={.status.readyReplicas} {.metadata.labels.app\\.kubernetes\\.io/managed-by}')).stdout).toBe('1 Helm');
    expect(await releases()).toBe('sh.helm.release.v1.demo.v1 deployed\n');
    const list = await h('list');
    expect(list.stdout).toMatch(/^NAME\tNAMESPACE\tREVISION\tUPDATED +\tSTATUS +\tCHART +\tAPP VERSION\ndemo\tdefault  \t1 +\t.+\tdeployed\tchart-0\.1\.0\t1\.16\.0 +\n$/);
  });

  it('upgrade --set replicaCount=2 patches the Deployment; rollback returns to revision 1', async () => {
    const up = await h('upgrade', 'demo', './chart', '--set', 'replicaCount=2');
    expect(up.stdout).toMatch(/^Release "demo" has been upgraded\. Happy Helming!\nNAME: demo\n[^]*REVISION: 2\n/);
    expect((await kctl('get', 'deploy', 'demo-chart', '-o', 'jsonpath={.spec.replicas}/{.status.readyReplicas}')).stdout).toBe('2/2');
    expect((await kctl('get', 'pods', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name')).stdout.trim().split('\n')).toHaveLength(2);
    expect((await h('rollback', 'demo', '1')).stdout).toBe('Rollback was a success! Happy Helming!\n');
    expect((await kctl('get', 'deploy', 'demo-chart', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('1');
    expect(await releases()).toBe('sh.helm.release.v1.demo.v1 superseded\nsh.helm.release.v1.demo.v2 superseded\nsh.helm.release.v1.demo.v3 deployed\n');
    const history = (await h('history', 'demo')).stdout;
    expect(history).toMatch(/\n3 +\t.+\tdeployed +\tchart-0\.1\.0\t1\.16\.0 +\tRollback to 1 +\n$/);
    expect((await h('get', 'values', 'demo')).stdout).toBe('USER-SUPPLIED VALUES:\nnull\n');
  });

  it('test runs the chart\'s test pod to completion', async () => {
    const r = await h('test', 'demo');
    expect(r.stdout).toMatch(/TEST SUITE: +demo-chart-test-connection\n.*\n.*\nPhase: +Succeeded\n/);
    expect((await kubectl(sb, served, ['logs', 'demo-chart-test-connection'])).stdout).toMatch(/^Connecting to demo-chart \(10\.\d+\.\d+\.\d+:80\)\n/);
  });

  it('uninstall deletes the objects and the release Secrets (typed clients send protobuf DeleteOptions in v1)', async () => {
    const r = await h('uninstall', 'demo');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('release "demo" uninstalled\n');
    expect((await kctl('get', 'deploy,svc,sa', '-l', 'app.kubernetes.io/instance=demo', '-o', 'name')).stdout).toBe('');
    expect(await releases()).toBe('');
    expect((await h('list')).stdout).toBe('NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n');
  });
});
