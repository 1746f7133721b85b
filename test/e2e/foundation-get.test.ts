// kubectl get and describe over the books' workloads: names and short names, several types,
// selectors, output formats and the messages of empty and failed lookups.

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, type Result } from '../helpers/kctl.js';

const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const GUIDE = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const T0 = '2025-01-06T10:00:00Z';
const T1 = '2025-01-06T10:05:04Z';
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

describe('get and describe', () => {
  const sb = new Sandbox();
  const run = (...args: string[]): Promise<Result> => sb.run(args, { env: { KCTL_NOW: T1 } });
  const kctl = (...args: string[]) => sb.ok(args, { env: { KCTL_NOW: T1 } });
  let springPod = '';
  let summerPods: string[] = [];
  let rsName = '';

  beforeAll(async () => {
    for (const f of [JISSEN + 'simple-pod.yaml', JISSEN + 'simple-replicaset-with-label.yaml', GUIDE + 'sample-deployment.yaml']) await sb.ok(['apply', '-f', f], { env: { KCTL_NOW: T0 } });
    await sb.ok(['create', 'namespace', 'other'], { env: { KCTL_NOW: T0 } });
    await sb.ok(['create', 'deployment', 'elsewhere', '--image=nginx', '-n', 'other'], { env: { KCTL_NOW: T0 } });
    const names = (await kctl('get', 'pods', '-o', 'name')).trim().split('\n');
    springPod = names.find((n) => n.startsWith('pod/echo-spring-'))!.slice(4);
    summerPods = names.filter((n) => n.startsWith('pod/echo-summer-')).map((n) => n.slice(4));
    rsName = await kctl('get', 'rs', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].metadata.name}');
  });
  afterAll(() => sb.cleanup());

  it('lists pods with READY 2/2 for two containers, Running, restarts 0 and kubectl\'s AGE', async () => {
    const out = await kctl('get', 'pods');
    const rows = out.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME +READY   STATUS    RESTARTS   AGE$/);
    expect(rows).toHaveLength(1 + 1 + 3 + 3);
    expect(rows).toContainEqual(expect.stringMatching(/^simple-echo +2\/2     Running   0          5m4s$/));
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${rsName}-${SUFFIX} +1/1     Running   0          5m4s$`)));
    expect(rsName).toMatch(/^sample-deployment-[4-9bcdf]{6,10}$/);
  });

  it('takes plurals, singulars, short names, kinds and TYPE/NAME alike', async () => {
    const rs = await kctl('get', 'replicasets', '-o', 'name');
    for (const t of ['rs', 'replicaset', 'ReplicaSet', 'replicasets.apps', 'rs.v1.apps']) expect(await kctl('get', t, '-o', 'name')).toBe(rs);
    for (const [short, long] of [['po', 'pods'], ['deploy', 'deployments'], ['svc', 'services'], ['ep', 'endpoints'], ['no', 'nodes'], ['ns', 'namespaces'], ['cm', 'configmaps'], ['ds', 'daemonsets'], ['sts', 'statefulsets'], ['ing', 'ingresses']]) {
      expect(await run('get', short, '-A', '-o', 'name')).toEqual(await run('get', long, '-A', '-o', 'name'));
    }
    expect(await kctl('get', 'pod/simple-echo', 'deploy/sample-deployment')).toBe(
      'NAME              READY   STATUS    RESTARTS   AGE\npod/simple-echo   2/2     Running   0          5m4s\n\nNAME                                READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/sample-deployment   3/3     3            3           5m4s\n',
    );
    expect(await run('get', 'podz')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "podz"\n', code: 1 });
  });

  it('groups several types, with kind prefixes and a blank line between tables', async () => {
    // The sample Deployment has no labels of its own, so the selector leaves it out.
    const out = await kctl('get', 'pod,replicaset,deployment', '--selector', 'app=sample-app');
    const [pods, rss, rest] = out.split('\n\n');
    expect(rest).toBeUndefined();
    expect(pods.split('\n').slice(1).every((r) => new RegExp(`^pod/${rsName}-${SUFFIX}   1/1     Running   0          5m4s$`).test(r))).toBe(true);
    expect(rss).toBe(`NAME${' '.repeat(rsName.length + 15)}DESIRED   CURRENT   READY   AGE\nreplicaset.apps/${rsName}   3         3         3       5m4s\n`);
    const [echoPods, echoRss, deploys] = (await kctl('get', 'pod,replicaset,deployment', '--selector', 'app=echo')).split('\n\n');
    expect(echoPods.split('\n')).toHaveLength(4);
    expect(echoRss).toBe('NAME                          DESIRED   CURRENT   READY   AGE\nreplicaset.apps/echo-spring   1         1         1       5m4s\nreplicaset.apps/echo-summer   2         2         2       5m4s\n');
    expect(deploys).toBeUndefined();
    expect(await kctl('get', 'pods', 'simple-echo', '--show-kind')).toMatch(/^NAME +READY/m);
    expect(await kctl('get', 'pods', 'simple-echo', '--show-kind')).toContain('\npod/simple-echo ');
  });

  it('get all lists the workload types in kubectl\'s order, and -A adds NAMESPACE', async () => {
    const all = await kctl('get', 'all');
    const heads = all.split('\n\n').map((t) => t.split('\n')[1].split('/')[0]);
    expect(heads).toEqual(['pod', 'service', 'deployment.apps', 'replicaset.apps']);
    const other = (await kctl('get', 'all', '-n', 'other')).split('\n\n');
    expect(other.map((t) => t.split('\n')[1].split('/')[0])).toEqual(['pod', 'deployment.apps', 'replicaset.apps']);
    const a = await kctl('get', 'deploy', '-A');
    expect(a).toBe(
      a
        .split('\n')
        .filter((l) => /^(NAMESPACE|default|other|kube-system|ingress-nginx) /.test(l))
        .join('\n') + '\n',
    );
    expect(a).toMatch(/^NAMESPACE +NAME +READY +UP-TO-DATE +AVAILABLE +AGE\n/);
    expect(a).toMatch(/\nother +elsewhere +1\/1 +1 +1 +5m4s\n/);
  });

  it('selects by labels: equality, inequality, set-based and existence; the last -l wins as in kubectl', async () => {
    const names = async (...sel: string[]) => (await kctl('get', 'pods', ...sel.flatMap((s) => ['-l', s]), '-o', 'name')).trim().split('\n').filter(Boolean).map((n) => n.slice(4)).sort();
    expect(await names('app=echo,release=spring')).toEqual([springPod]);
    expect(await names('app==echo,release!=spring')).toEqual([...summerPods].sort());
    expect(await names('release in (spring, summer)')).toEqual([springPod, ...summerPods].sort());
    // notin also matches objects without the key.
    expect(await names('release notin (summer),app')).toEqual([springPod, ...(await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'name')).trim().split('\n').map((n) => n.slice(4))].sort());
    expect(await names('release notin (summer),release')).toEqual([springPod]);
    expect(await names('!app')).toEqual(['simple-echo']);
    expect(await names('app=echo', 'release=spring')).toEqual([springPod]);
    expect(await names('app=nothing')).toEqual([]);
    expect(await run('get', 'pods', '-l', 'app=nothing')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    const bad = await run('get', 'pods', '-l', 'release in (spring');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "release in \(spring", field selector "": /);
  });

  it('selects by fields: name, namespace, phase and node, and rejects fields the server does not index', async () => {
    expect(await kctl('get', 'pods', '--field-selector', 'metadata.name=simple-echo', '-o', 'name')).toBe('pod/simple-echo\n');
    expect(await kctl('get', 'pods', '-A', '--field-selector', 'metadata.namespace=other', '-o', 'name')).toMatch(new RegExp(`^pod/elsewhere-\\w+-${SUFFIX}\\n$`));
    expect((await kctl('get', 'pods', '--field-selector', 'status.phase=Running', '-o', 'name')).trim().split('\n')).toHaveLength(7);
    expect(await run('get', 'pods', '--field-selector', 'status.phase=Pending')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    const node = await kctl('get', 'pod', 'simple-echo', '-o', 'jsonpath={.spec.nodeName}');
    expect(await kctl('get', 'pods', '--field-selector', `spec.nodeName=${node},metadata.name!=nope`, '-o', 'name')).toContain('pod/simple-echo\n');
    expect(await run('get', 'pods', '--field-selector', 'spec.image=nginx')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=nginx": field label not supported: spec.image\n',
      code: 1,
    });
  });

  it('adds label columns with --show-labels and -L, and drops headers with --no-headers', async () => {
    expect(await kctl('get', 'rs', 'echo-spring', 'echo-summer', '--show-labels')).toBe(
      'NAME          DESIRED   CURRENT   READY   AGE    LABELS\necho-spring   1         1         1       5m4s   app=echo,release=spring\necho-summer   2         2         2       5m4s   app=echo,release=summer\n',
    );
    expect(await kctl('get', 'pods', 'simple-echo', springPod, '-L', 'app,release')).toBe(
      `NAME${' '.repeat(springPod.length - 1)}READY   STATUS    RESTARTS   AGE    APP    RELEASE\nsimple-echo${' '.repeat(springPod.length - 8)}2/2     Running   0          5m4s          \n${springPod}   2/2     Running   0          5m4s   echo   spring\n`,
    );
    expect(await kctl('get', 'rs', 'echo-spring', '--no-headers')).toBe('echo-spring   1     1     1     5m4s\n');
    expect(await kctl('get', 'rs', 'echo-spring', '-o', 'custom-columns=NAME:.metadata.name', '--no-headers')).toBe('echo-spring\n');
  });

  it('sorts with --sort-by', async () => {
    const byName = await kctl('get', 'rs', '--sort-by', '{.metadata.name}', '-o', 'name');
    expect(byName).toBe(`replicaset.apps/echo-spring\nreplicaset.apps/echo-summer\nreplicaset.apps/${rsName}\n`);
    const byReplicas = await kctl('get', 'rs', '--sort-by=.spec.replicas', '-o', 'custom-columns=NAME:.metadata.name,N:.spec.replicas', '--no-headers');
    expect(byReplicas.trim().split('\n').map((l) => l.split(/ +/)[1])).toEqual(['1', '2', '3']);
  });

  it('prints yaml, json, name, jsonpath and custom-columns', async () => {
    const yaml = await kctl('get', 'pod', 'simple-echo', '-o', 'yaml');
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kubectl\.kubernetes\.io\/last-applied-configuration: \|\n/);
    expect(yaml).toContain('\nstatus:\n  conditions:\n');
    expect(await kctl('get', 'pods', '-l', 'app=nothing', '-o', 'yaml')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    const list = JSON.parse(await kctl('get', 'rs', '-o', 'json'));
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['echo-spring', 'echo-summer', rsName]);
    expect((await kctl('get', 'pod', 'simple-echo', '-o', 'json')).startsWith('{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "metadata": {\n')).toBe(true);
    expect(await kctl('get', 'pod', 'simple-echo', '-o', 'jsonpath={.spec.containers[*].name}')).toBe('nginx echo');
    expect(await kctl('get', 'rs', '-o', 'jsonpath={range .items[?(@.spec.replicas>1)]}{.metadata.name}{"\\n"}{end}')).toBe(`echo-summer\n${rsName}\n`);
    expect(await kctl('get', 'pods', '-o', 'jsonpath={.items[?(@.metadata.labels.release=="spring")].metadata.name}')).toBe(springPod);
    expect(await kctl('get', 'rs', 'echo-spring', '-o', 'jsonpath-as-json={.metadata.name}{.spec.selector.matchLabels}')).toBe(
      '[\n    "echo-spring"\n]\n[\n    {\n        "app": "echo",\n        "release": "spring"\n    }\n]\n',
    );
    sb.file('names.jsonpath', '{range .items[*]}{.metadata.name}{"\\t"}{.spec.replicas}{"\\n"}{end}');
    expect(await kctl('get', 'rs', '-o', 'jsonpath-file=names.jsonpath')).toBe(`echo-spring\t1\necho-summer\t2\n${rsName}\t3\n`);
    expect(await kctl('get', 'rs', '-o', 'custom-columns=NAME:{metadata.name},REPLICAS:{spec.replicas}')).toBe(
      `NAME${' '.repeat(rsName.length - 1)}REPLICAS\necho-spring${' '.repeat(rsName.length - 8)}1\necho-summer${' '.repeat(rsName.length - 8)}2\n${rsName}   3\n`,
    );
    sb.file('cols.txt', 'NAME          IMAGE\nmetadata.name spec.template.spec.containers[0].image\n');
    expect(await kctl('get', 'rs', 'echo-spring', '-o', 'custom-columns-file=cols.txt')).toBe('NAME          IMAGE\necho-spring   gihyodocker/nginx-proxy:latest\n');
    expect(await run('get', 'pods', '-o', 'xml')).toEqual({
      stdout: '',
      stderr: 'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      code: 1,
    });
  });

  it('reports missing objects as the server does, still printing the ones found', async () => {
    expect(await run('get', 'pods', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await run('get', 'deploy', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
    expect(await run('get', 'pods', 'nope', 'simple-echo')).toEqual({
      stdout: 'NAME          READY   STATUS    RESTARTS   AGE\nsimple-echo   2/2     Running   0          5m4s\n',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(await run('get', 'pods', 'nope', '--ignore-not-found')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await run('get', 'pods', '-n', 'empty-ns')).toEqual({ stdout: '', stderr: 'No resources found in empty-ns namespace.\n', code: 0 });
    expect(await run('get', 'pods', '-A', '-l', 'x=y')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
    expect(await run('get', 'nodes', '-l', 'x=y')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
    expect(await run('get')).toEqual({
      stdout: '',
      stderr:
        'error: You must specify the type of resource to get. Use "kctl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kctl explain <resource>" for a detailed description of that resource (e.g. kctl explain pods).\nSee \'kctl get -h\' for help and examples\n',
      code: 1,
    });
  });

  it('lists events with kubectl\'s columns', async () => {
    const events = (await kctl('get', 'events', '--field-selector', 'involvedObject.name=sample-deployment')).split('\n');
    expect(events[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT                         MESSAGE');
    expect(events[1]).toBe(`5m4s        Normal   ScalingReplicaSet   deployment/sample-deployment   Scaled up replica set ${rsName} from 0 to 3`);
  });

  it('describes a Deployment and its ReplicaSet in kubectl\'s layout', async () => {
    const d = await kctl('describe', 'deployment', 'sample-deployment');
    expect(d).toContain(`Name:                   sample-deployment
Namespace:              default
CreationTimestamp:      ${new Date(T0).toString().slice(0, 3)}, 06 Jan 2025 `);
    expect(d).toContain(`Selector:               app=sample-app
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=sample-app
  Containers:
   nginx-container:
    Image:         amsy810/echo-nginx:v2.0
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rsName} (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  5m4s  deployment-controller  Scaled up replica set ${rsName} from 0 to 3
`);
    expect((await kctl('describe', 'deployment', 'sample-deployment', '--show-events=false')).endsWith(`NewReplicaSet:   ${rsName} (3/3 replicas created)\n`)).toBe(true);
    const rs = await kctl('describe', 'rs', rsName);
    expect(rs).toContain(`Controlled By:  Deployment/sample-deployment\nReplicas:       3 current / 3 desired\nPods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n`);
  });

  it('describes a pod with both containers and its events', async () => {
    const p = await kctl('describe', 'pod', 'simple-echo');
    expect(p).toMatch(/^Name:             simple-echo\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             kctl-worker\d?\/10\.240\.0\.\d\n/);
    expect(p).toMatch(/\nStatus:           Running\nIP:               10\.244\.\d\.\d+\nIPs:\n  IP:  10\.244\.\d\.\d+\nContainers:\n  nginx:\n/);
    expect(p).toContain('    Environment:\n      BACKEND_HOST:  localhost:8080\n');
    expect(p).toMatch(/\nQoS Class:                   BestEffort\nNode-Selectors:              <none>\nTolerations:                 node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n                             node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s\nEvents:\n/);
    expect(p).toMatch(/  Normal  Scheduled  5m4s  default-scheduler  Successfully assigned default\/simple-echo to kctl-worker\d?\n/);
  });

  it('describe matches name prefixes, joins objects with blank lines, and reports misses', async () => {
    const two = await kctl('describe', 'rs', 'echo-s');
    expect(two.match(/^Name: +echo-s\w+$/gm)).toEqual(['Name:         echo-spring', 'Name:         echo-summer']);
    // DescribeMatchingResources prints each match with one blank line after it.
    expect(two).toMatch(/\n  Normal .*\n\nName:         echo-summer\n/);
    expect(two).not.toContain('\n\n\n');
    expect(two).toMatch(/\n\n$/);
    expect(await run('describe', 'pod', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await run('describe', 'pods', '-l', 'app=nothing')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(await kctl('describe', 'deploy', '-l', 'app=elsewhere', '-n', 'other')).toMatch(/^Name: +elsewhere\nNamespace: +other\n/);
  });

  it('describes kinds without a describer of their own as kubectl\'s generic describer does', async () => {
    const ev = await kctl('get', 'events', '--field-selector', 'involvedObject.name=simple-echo,reason=Scheduled', '-o', 'jsonpath={.items[0].metadata.name}');
    const out = await kctl('describe', 'event', ev);
    expect(out).toMatch(new RegExp(`^Name:             ${ev.replace('.', '\\.')}\\nNamespace:        default\\nLabels:           <none>\\nAnnotations:      <none>\\nAPI Version:      v1\\nCount:            1\\nFirst Timestamp:  2025-01-06T10:00:00Z\\nInvolved Object:\\n  API Version:       v1\\n  Kind:              Pod\\n`));
    expect(out).toContain('\nReason:                Scheduled\n');
    expect(out).toMatch(/\nType: +Normal\nEvents: +<none>\n$/);
  });

  it('reads the objects to get and describe from -f', async () => {
    expect(await kctl('get', '-f', JISSEN + 'simple-replicaset-with-label.yaml', '-o', 'name')).toBe('replicaset.apps/echo-spring\nreplicaset.apps/echo-summer\n');
    expect((await kctl('describe', '-f', JISSEN + 'simple-pod.yaml')).split('\n')[0]).toBe('Name:             simple-echo');
  });

  it('watches: the list, then one row per version other commands wrote, until the request timeout', async () => {
    // The change is made once the list is out, and the watch is stopped once the change shows:
    // no step waits for a time. The long request timeout only bounds a watch that would hang.
    const watching = sb.start(['get', 'rs', 'echo-spring', '-w', '--request-timeout=10m']);
    await watching.output(/^echo-spring +1 +1 +1 +\S+\n/m);
    await sb.ok(['scale', 'rs', 'echo-spring', '--replicas=2']);
    await watching.output(/^echo-spring +2 +2 +2 +\S+\n/m);
    watching.kill();
    const rows = (await watching.exited).stdout.trim().split('\n');
    // Every version the scale went through, as a watch on a cluster shows them: the new spec,
    // the second pod, then its readiness.
    expect(rows.map((r) => r.replace(/ +\S+$/, '').split(/ +/).join(' '))).toEqual([
      'NAME DESIRED CURRENT READY',
      'echo-spring 1 1 1',
      'echo-spring 2 1 1',
      'echo-spring 2 2 1',
      'echo-spring 2 2 2',
    ]);
    // A watch with nothing to report ends by itself at its request timeout, successfully.
    const timed = await sb.run(['get', 'rs', 'echo-spring', '-w', '--request-timeout=1s']);
    expect(timed.code).toBe(0);
    expect(timed.stderr).toBe('');
    expect(timed.stdout).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE\necho-spring +2 +2 +2 +\S+\n$/);
    expect(await run('get', 'pods,rs', '-w')).toEqual({ stdout: '', stderr: 'error: watch is only supported on individual resources and resource collections, but 2 resources were found\n', code: 1 });
  });
});

describe('the samples of both books apply as printed', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('every sample manifest parses, and the workload ones apply', async () => {
    const manifests = [JISSEN, GUIDE].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => dir + f));
    expect(manifests.length).toBeGreaterThan(25);
    // A client-side dry run decodes every object (server-side checks, such as the refused
    // node port of sample-nodeport-fail, are not its business).
    const parsed = await sb.run(['apply', '--dry-run=client', ...manifests.flatMap((f) => ['-f', f])]);
    expect(parsed.code, parsed.stderr).toBe(0);
    const objects = manifests.reduce((n, f) => n + readFileSync(f, 'utf8').split(/^---$/m).filter((d) => /^kind:/m.test(d)).length, 0);
    expect(parsed.stdout.split('\n').filter((l) => l.endsWith(' created (dry run)'))).toHaveLength(objects);
    for (const f of [JISSEN + 'simple-pod.yaml', JISSEN + 'simple-replicaset.yaml', JISSEN + 'simple-deployment.yaml', GUIDE + 'sample-deployment.yaml', GUIDE + 'sample-statefulset-headless.yaml']) {
      const r = await sb.run(['apply', '-f', f]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await sb.ok(['get', 'sts', '-o', 'name'])).toBe('statefulset.apps/sample-statefulset-headless\n');
  });
});
