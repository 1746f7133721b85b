// create subcommands for real, for the kinds kctl serves: what they print, what they store, and
// kubectl's errors with the state left as it was.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('create subcommands that write', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };
  const run = (...args: string[]) => sb.run(args, { env });

  it('creates every kind kctl serves, with kubectl\'s messages', async () => {
    sb.file('env.txt', 'A=1\nB=2\n');
    const created: [string[], string][] = [
      [['create', 'configmap', 'c1', '--from-env-file=env.txt', '--append-hash'], 'configmap/c1-2cgbdhh87f created\n'],
      [['create', 'deployment', 'd1', '--image=nginx', '--save-config', '--field-manager=me'], 'deployment.apps/d1 created\n'],
      [['create', 'ingress', 'i1', '--rule=foo.com/*=svc:80', '--class=nginx'], 'ingress.networking.k8s.io/i1 created\n'],
      [['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'], 'job.batch/j1 created\n'],
      [['create', 'namespace', 'n1', '--dry-run=server'], 'namespace/n1 created (server dry run)\n'],
      [['create', 'namespace', 'n2', '-o', 'name'], 'namespace/n2\n'],
      [['create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p'], 'secret/reg created\n'],
      [['create', 'service', 'nodeport', 'np1', '--tcp=80', '--node-port=30080'], 'service/np1 created\n'],
      [['create', 'serviceaccount', 'sa1'], 'serviceaccount/sa1 created\n'],
      [['create', 'role', 'r1', '--verb=get,list', '--resource=pods'], 'role.rbac.authorization.k8s.io/r1 created\n'],
      [['create', 'clusterrole', 'cr1', '--verb=get', '--resource=nodes'], 'clusterrole.rbac.authorization.k8s.io/cr1 created\n'],
      [['create', 'rolebinding', 'rb1', '--role=r1', '--user=alice'], 'rolebinding.rbac.authorization.k8s.io/rb1 created\n'],
      [['create', 'clusterrolebinding', 'crb1', '--clusterrole=cr1', '--group=g'], 'clusterrolebinding.rbac.authorization.k8s.io/crb1 created\n'],
      [['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'], 'cronjob.batch/cj1 created\n'],
      [['create', 'job', 'j3', '--from=cronjob/cj1'], 'job.batch/j3 created\n'],
      [['create', 'poddisruptionbudget', 'pdb1', '--selector=app=d1', '--min-available=1'], 'poddisruptionbudget.policy/pdb1 created\n'],
      [['create', 'priorityclass', 'hi', '--value=1000'], 'priorityclass.scheduling.k8s.io/hi created\n'],
      [['create', 'quota', 'q1', '--hard=pods=50'], 'resourcequota/q1 created\n'],
      [['autoscale', 'deployment', 'd1', '--min=1', '--max=3', '--cpu-percent=50'], 'horizontalpodautoscaler.autoscaling/d1 autoscaled\n'],
    ];
    for (const [args, stdout] of created) expect(await run(...args)).toEqual({ stdout, stderr: '', code: 0 });
    const got = await run('get', 'cm/c1-2cgbdhh87f', 'deploy/d1', 'ing/i1', 'job/j1', 'ns/n2', 'secret/reg', 'svc/np1', 'sa/sa1', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}');
    expect(got.stdout).toBe('ConfigMap/c1-2cgbdhh87f\nDeployment/d1\nIngress/i1\nJob/j1\nNamespace/n2\nSecret/reg\nService/np1\nServiceAccount/sa1\n');
    const policy = await run('get', 'role/r1', 'clusterrole/cr1', 'rolebinding/rb1', 'clusterrolebinding/crb1', 'cronjob/cj1', 'job/j3', 'pdb/pdb1', 'priorityclass/hi', 'quota/q1', 'hpa/d1', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}');
    expect(policy.stdout).toBe('Role/r1\nClusterRole/cr1\nRoleBinding/rb1\nClusterRoleBinding/crb1\nCronJob/cj1\nJob/j3\nPodDisruptionBudget/pdb1\nPriorityClass/hi\nResourceQuota/q1\nHorizontalPodAutoscaler/d1\n');
    // The job made from the CronJob is owned by it, as kubectl's create job --from sets it.
    expect((await run('get', 'job', 'j3', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}')).stdout).toBe('CronJob/cj1');
    const d1 = JSON.parse((await run('get', 'deploy', 'd1', '-o', 'json', '--show-managed-fields')).stdout);
    expect(d1.metadata.managedFields[0].manager).toBe('me');
    expect(JSON.parse(d1.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx', resources: {} }]);
  });

  it('fails as kubectl fails, leaving the state as it was', async () => {
    await run('create', 'namespace', 'keep');
    const before = sb.stateText();
    expect(await run('create', 'configmap', 'c1-2cgbdhh87f', '--from-literal=a=b')).toEqual({ stdout: '', stderr: 'error: failed to create configmap: configmaps "c1-2cgbdhh87f" already exists\n', code: 1 });
    expect(await run('create', 'service', 'clusterip', 'np1', '--tcp=80')).toEqual({ stdout: '', stderr: 'error: failed to create ClusterIP service: services "np1" already exists\n', code: 1 });
    expect(await run('create', 'token', 'nope')).toEqual({ stdout: '', stderr: 'error: failed to create token: serviceaccounts "nope" not found\n', code: 1 });
    expect(await run('create', 'token', 'sa1', '--duration=5m')).toEqual({
      stdout: '',
      stderr: 'error: failed to create token: TokenRequest.authentication.k8s.io "sa1" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
      code: 1,
    });
    expect(await run('create', 'job', 'j2', '--from=deploy/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
    expect(sb.stateText()).toBe(before);
  });

  it('create token prints a JWT of the service account, the same for the same clock and seed', async () => {
    const a = await run('create', 'token', 'sa1', '--audience=api', '--duration=1h');
    expect(a.code).toBe(0);
    const [header, payload] = a.stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ aud: ['api'], iat: 1740823200, exp: 1740826800, sub: 'system:serviceaccount:default:sa1' });
    expect((await run('create', 'token', 'sa1', '--audience=api', '--duration=1h')).stdout).toBe(a.stdout);
  });
});
