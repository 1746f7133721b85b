// Every `create` subcommand's client dry run, and autoscale's, byte for byte against kubectl
// v1.32 (through kctl serve, for the resources role, clusterrole and autoscale look up), errors
// and exit codes included.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const CASES: string[][] = [
  ['clusterrole', 'foo', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a'],
  ['clusterrole', 'agg', '--aggregation-rule=a=b,c=d'],
  ['clusterrole', 'urls', '--verb=get,list,get', '--verb=watch', '--resource=pods,deploy,rs,pods/status,jobs.batch', '--non-resource-url=/a,/a,/logs/*'],
  ['clusterrole', 'all', '--verb=*', '--resource=*'],
  ['clusterrole', 'bad', '--verb=get', '--non-resource-url=logs'],
  ['clusterrolebinding', 'crb', '--clusterrole=x', '--user=a,b', '--group=g', '--serviceaccount=ns:sa'],
  ['configmap', 'c', '--from-literal=a=b', '--append-hash'],
  ['configmap', 'c', '--from-file=dir'],
  ['configmap', 'c', '--from-env-file=env.txt'],
  ['configmap', 'c', '--from-file=bin', '--from-literal=z=1', '--append-hash'],
  ['configmap', 'c', '--from-env-file=env.txt', '--from-literal=a=b'],
  ['cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '--restart=Never', '--', 'date'],
  ['cronjob', 'cj', '--image=busybox'],
  ['deployment', 'd', '--image=nginx', '--replicas=2', '--port=80', '-n', 'ns1'],
  ['deployment', 'd', '--image=nginx', '--save-config', '-o', 'json'],
  ['ingress', 'ing', '--class=nginx', '--rule=foo.com/bar*=svc:8080,tls=secret', '--rule=/p=s2:http', '--default-backend=dsvc:80', '--annotation=a=b'],
  ['ingress', 'ing', '--rule=foo.com/=svc:https,tls', '--rule=foo.com/path/subpath*=othersvc:8080', '--rule=bar.com/*=x:0,tls=secret1', '--rule=baz.com/x=y:1,tls=secret1'],
  ['ingress', 'ing', '--rule=foo.com=svc:80'],
  ['job', 'j', '--image=busybox', '--', 'echo', 'hi'],
  ['namespace', 'n'],
  ['poddisruptionbudget', 'p', '--selector=app=x,b=c', '--min-available=50%', '-o', 'json'],
  ['poddisruptionbudget', 'p', '--selector=a in (c,b),!d,e,f=g', '--max-unavailable=1'],
  ['poddisruptionbudget', 'p', '--selector=a=b', '--max-unavailable=-1'],
  ['priorityclass', 'pc', '--value=1000', '--global-default=true', '--description=hi', '--preemption-policy=Never'],
  ['quota', 'q', '--hard=cpu=1500m,memory=1024Mi,pods=2', '--scopes=BestEffort,NotTerminating'],
  ['quota', 'q', '--hard=cpu'],
  ['role', 'r', '--verb=get,bogus', '--resource=pods,pods/log,deployments.apps,replicasets', '--resource-name=a', '--resource-name=a', '--resource-name=b,c'],
  ['role', 'r', '--verb=get', '--resource=nosuch'],
  ['role', 'r', '--verb=use', '--resource=pods'],
  ['rolebinding', 'rb', '--role=r', '--user=u', '--serviceaccount=default:s', '-o', 'name'],
  ['rolebinding', 'rb', '--role=r', '--serviceaccount=s'],
  ['secret', 'docker-registry', 'd', '--docker-server=srv', '--docker-username=u', '--docker-password=p', '--docker-email=e'],
  ['secret', 'docker-registry', 'd', '--docker-username=u', '--docker-password=p', '--append-hash'],
  ['secret', 'docker-registry', 'd', '--from-file=f1'],
  ['secret', 'generic', 's', '--from-literal=a=1', '--from-file=f1', '--type=Opaque'],
  ['secret', 'generic', 's', '--from-env-file=env.txt', '--append-hash'],
  ['secret', 'tls', 's', '--cert=f1', '--key=f2'],
  ['service', 'clusterip', 'h', '--clusterip=None'],
  ['service', 'externalname', 'e', '--external-name=x.com'],
  ['service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30000'],
  ['serviceaccount', 'sa', '-n', 'ns1'],
];

const AUTOSCALE: string[][] = [
  ['deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80', '-o', 'yaml'],
  ['deploy/web', '--max=5', '-o', 'json'],
  ['deploy/web', '--max=5', '--name=hpa1'],
  ['deployment', 'web', '--min=2'],
  ['deployment', 'web', '--max=1', '--min=2'],
  ['deployment', 'nope', '--max=3'],
  ['svc', 'kubernetes', '--max=3'],
];

describe('create subcommands: client dry runs as kubectl prints them', () => {
  const sb = new Sandbox();
  let served: Served;

  beforeAll(async () => {
    served = await startServe(sb);
    sb.file('f1', 'x\n');
    sb.file('f2', 'y\n');
    sb.file('dir/k1', 'a');
    sb.file('dir/k2', 'b');
    sb.file('env.txt', '# comment\nA=1\n  B=two=2\n\nD=\n');
    sb.file('bin', Buffer.from([0xff, 0xfe]) as unknown as string);
  });
  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it.each(CASES.map((c) => [c.join(' '), c]))('create %s', async (_, c) => {
    const dash = c.indexOf('--');
    const args = dash < 0 ? [...c, '--dry-run=client', ...(c.includes('-o') ? [] : ['-o', 'yaml'])] : [...c.slice(0, dash), '--dry-run=client', '-o', 'yaml', ...c.slice(dash)];
    const want = await kubectl(sb, served, ['create', ...args]);
    const got = await sb.run(['create', ...args]);
    expect(got).toEqual({ ...want, stderr: want.stderr.replaceAll("'kubectl ", "'kctl ") });
  });

  it('create -f --save-config records the manifest as kubectl does (sorted keys, the namespace filled in)', async () => {
    sb.file('cm.yaml', 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\ndata:\n  b: "1"\n  a: "2"\n');
    const args = ['create', '-f', 'cm.yaml', '--save-config', '--dry-run=client', '-o', 'yaml'];
    const got = await sb.run(args);
    expect(got.stdout).toContain('last-applied-configuration');
    expect(got).toEqual(await kubectl(sb, served, args));
  });

  it.each(AUTOSCALE.map((c) => [c.join(' '), c]))('autoscale %s', async (_, c) => {
    if (!sb.stateText().includes('"web"')) await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    const args = ['autoscale', ...c, '--dry-run=client'];
    expect(await sb.run(args)).toEqual(await kubectl(sb, served, args));
  });
});
