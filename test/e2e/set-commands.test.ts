// kctl set image|env|resources|selector|serviceaccount|subject: kubectl's messages (compared with
// kubectl v1.32 through kctl serve when written), the rollout set image starts, and --local
// output byte for byte against kubectl's.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess, Sandbox } from '../helpers/kctl.js';
import { kubectlBinary } from '../helpers/kubectl.js';

describe('set', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };
  const run = (...args: string[]) => sb.run(args, { env });
  const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
  const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

  it('set image rolls a Deployment out to a new ReplicaSet; an unchanged image prints nothing', async () => {
    await run('create', 'deployment', 'web', '--image=nginx:1.25', '--image=busybox');
    expect(await run('set', 'image', 'deploy/web', 'nginx=nginx:1.26')).toEqual(ok('deployment.apps/web image updated\n'));
    expect(await run('set', 'image', 'deploy/web', 'nginx=nginx:1.26')).toEqual(ok(''));
    expect(await run('set', 'image', 'deployment', 'web', '*=nginx:1.27', '--dry-run=client')).toEqual(ok('deployment.apps/web image updated (dry run)\n'));
    expect((await run('rollout', 'history', 'deploy/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image}')).stdout).toBe('nginx:1.26 busybox');
  });

  it('set env sets, lists, imports and removes variables', async () => {
    await run('create', 'configmap', 'cfg', '--from-literal=A=1', '--from-literal=b.c=2');
    await run('create', 'secret', 'generic', 'sec', '--from-literal=PASS=x');
    expect(await run('set', 'env', 'deploy/web', 'A=1', 'B=2')).toEqual(ok('deployment.apps/web env updated\n'));
    expect(await run('set', 'env', 'deploy/web', 'A=1')).toEqual(ok(''));
    expect(await run('set', 'env', 'deploy/web', 'A=3', '--overwrite=false')).toEqual(fail("error: deployments/web 'A' already has a value (1), and --overwrite is false\n"));
    expect(await run('set', 'env', 'deploy/web', '-c', 'busybox', '--from=configmap/cfg', '--prefix=P_')).toEqual({ stdout: 'deployment.apps/web env updated\n', stderr: 'Warning: key b.c transferred to B_C\n', code: 0 });
    expect(await run('set', 'env', 'deploy/web', 'A-', 'Z-')).toEqual(ok('deployment.apps/web env updated\n'));
    expect(await run('set', 'env', 'deploy/web', '--from=secret/sec', '--keys=PASS', '-c', 'nginx')).toEqual(ok('deployment.apps/web env updated\n'));
    expect(await run('set', 'env', 'deploy/web', '--list')).toEqual(
      ok('# Deployment web, container nginx\nB=2\n# PASS from secret sec, key PASS\n# Deployment web, container busybox\nB=2\n# P_A from configmap cfg, key A\n# P_B_C from configmap cfg, key b.c\n'),
    );
    expect((await run('set', 'env', 'deploy/web', '--list', '--resolve', '-c', 'nginx')).stdout).toBe('# Deployment web, container nginx\nB=2\nPASS=x\n');
  });

  it('set resources, serviceaccount and selector', async () => {
    expect(await run('set', 'resources', 'deploy/web', '-c', 'nginx', '--limits=cpu=200m,memory=512Mi', '--requests=cpu=0.1')).toEqual(ok('deployment.apps/web resource requirements updated\n'));
    expect((await run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].resources}')).stdout).toBe('{"limits":{"cpu":"200m","memory":"512Mi"},"requests":{"cpu":"100m"}}');
    expect(await run('set', 'serviceaccount', 'deploy', 'web', 'robot')).toEqual(ok('deployment.apps/web serviceaccount updated\n'));
    await run('create', 'service', 'clusterip', 's1', '--tcp=80');
    expect(await run('set', 'selector', 'svc/s1', 'app=y', '-o', 'jsonpath={.spec.selector}')).toEqual(ok('{"app":"y"}'));
  });

  it('refuses bad input with kubectl\'s messages and leaves the state alone', async () => {
    const before = sb.stateText();
    expect(await run('set', 'image', 'deploy/web', 'nope=x')).toEqual(fail('error: unable to find container named "nope"\n'));
    expect(await run('set', 'image', 'deploy/web')).toEqual(fail('error: at least one image update is required\n'));
    expect(await run('set', 'image', 'deploy', 'busybox=busybox:4')).toEqual(fail('error: resource(s) were provided, but no name was specified\n'));
    expect(await run('set', 'image', 'deploy/web', 'busybox=b', '--local')).toEqual(fail("error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"));
    expect(await run('set', 'resources', 'deploy/web')).toEqual(fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'));
    expect(await run('set', 'resources', 'deploy/web', '-c', 'nope', '--limits=cpu=1')).toEqual(fail('error: unable to find container named nope\n'));
    expect(await run('set', 'selector', 'svc/s1', 'app=x,tier in (a)')).toEqual(fail('error: match expression [{tier In [a]}] not supported on this object\n'));
    expect(await run('set', 'selector', 'deploy/web', 'app=x')).toEqual(fail('error: setting a selector is only supported for Services\n'));
    expect(await run('set', 'sa', 'deploy/web')).toEqual(
      fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"),
    );
    expect(sb.stateText()).toBe(before);
  });

  it('names what has no pod template, and words the server\'s refusals as each subcommand does', async () => {
    await run('run', 'p', '--image=nginx');
    expect(await run('set', 'image', 'svc/s1', 'a=b')).toEqual(fail('error: services/s1 the object is not a pod or does not have a pod template: *v1.Service\n'));
    const forbidden = 'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';
    expect(await run('set', 'env', 'pod/p', 'A=1')).toEqual(fail(`error: failed to patch env update to pod template: ${forbidden}`));
    expect(await run('set', 'resources', 'pod/p', '--limits=cpu=1')).toEqual(fail(`error: failed to patch resources update to pod template ${forbidden}`));
    expect(await run('set', 'sa', 'pod/p', 'robot')).toEqual(fail(`error: failed to patch ServiceAccountName ${forbidden}`));
    expect(await run('set', 'image', 'pod/p', 'p=nginx:2')).toEqual(ok('pod/p image updated\n'));
  });

  it('--local -f prints what kubectl prints', async () => {
    const kubectl = await kubectlBinary();
    const kubeconfig = join(sb.dir, 'nowhere.kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: "https://127.0.0.1:1"}\n  name: x\ncontexts:\n- context: {cluster: x, user: u}\n  name: x\ncurrent-context: x\nusers:\n- name: u\n  user: {token: t}\n');
    sb.file('dep.yaml', (await run('create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml')).stdout);
    for (const args of [
      ['image', '-f', 'dep.yaml', 'nginx=nginx:2', '--local', '-o', 'yaml'],
      ['env', '-f', 'dep.yaml', 'A=1', '-e', 'B=*', '--local', '-o', 'yaml'],
      ['resources', '-f', 'dep.yaml', '--limits=cpu=1,memory=1024Mi', '--local', '-o', 'yaml'],
      ['serviceaccount', '-f', 'dep.yaml', 'robot', '--local', '--dry-run=client', '-o', 'yaml'],
      ['image', '-f', 'dep.yaml', 'nginx=nginx:2', '--local'],
    ]) {
      const want = await runProcess(kubectl, ['--kubeconfig', kubeconfig, 'set', ...args], { cwd: sb.dir });
      expect(await run('set', ...args)).toEqual(want);
    }
  });
});
