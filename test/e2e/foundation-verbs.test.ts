// The writing verbs as kubectl prints them: apply (created/configured/unchanged, files,
// directories, stdin, Lists, dry runs) and create with its generators.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const cm = (name: string, data = 'a: b') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${data}\n`;

describe('apply', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('reports created, configured and unchanged', async () => {
    sb.file('echo.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8'));
    expect(await sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo created\n', stderr: '', code: 0 });
    expect(await sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo unchanged\n', stderr: '', code: 0 });
    sb.file('echo.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8').replace('gihyodocker/echo:latest', 'gihyodocker/echo:patched'));
    expect(await sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo configured\n', stderr: '', code: 0 });
    expect(await sb.ok(['get', 'pod', 'simple-echo', '-o', 'jsonpath={.spec.containers[1].image}'])).toBe('gihyodocker/echo:patched');
  });

  it('records the manifest in last-applied-configuration and merges three ways', async () => {
    sb.file('m.yaml', cm('merge', 'a: "1"\n  b: "2"'));
    await sb.ok(['apply', '-f', 'm.yaml']);
    const live = JSON.parse(await sb.ok(['get', 'cm', 'merge', '-o', 'json']));
    expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"merge","namespace":"default"}}\n',
    );
    await sb.ok(['label', 'cm', 'merge', 'added-by=hand']);
    sb.file('m.yaml', cm('merge', 'a: "1"'));
    expect(await sb.ok(['apply', '-f', 'm.yaml'])).toBe('configmap/merge configured\n');
    const after = JSON.parse(await sb.ok(['get', 'cm', 'merge', '-o', 'json']));
    expect(after.data).toEqual({ a: '1' });
    expect(after.metadata.labels).toEqual({ 'added-by': 'hand' });
  });

  it('keeps what the server defaulted and allocated when the manifest leaves it out', async () => {
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8'));
    await sb.ok(['apply', '-f', 'd.yaml']);
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment-4-replicas.yaml', 'utf8'));
    await sb.ok(['apply', '-f', 'd.yaml']);
    const d = JSON.parse(await sb.ok(['get', 'deploy', 'echo', '-o', 'json']));
    expect(d.spec.replicas).toBe(4);
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(d.metadata.generation).toBe(2);
  });

  it('reads directories (-R for subdirectories), JSON, Lists and stdin', async () => {
    sb.file('dir/a.yaml', cm('dir-a'));
    sb.file('dir/b.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dir-b' } }));
    sb.file('dir/notes.txt', 'not a manifest');
    sb.file('dir/sub/c.yml', cm('dir-c'));
    expect(await sb.ok(['apply', '-f', 'dir'])).toBe('configmap/dir-a created\nconfigmap/dir-b created\n');
    expect(await sb.ok(['apply', '-f', 'dir', '-R'])).toBe('configmap/dir-a unchanged\nconfigmap/dir-b unchanged\nconfigmap/dir-c created\n');
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l1' } }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'l2' }, stringData: { k: 'v' } }] };
    expect(await sb.ok(['apply', '-f', '-'], { stdin: JSON.stringify(list) })).toBe('configmap/l1 created\nsecret/l2 created\n');
    expect(await sb.ok(['get', 'secret', 'l2', '-o', 'jsonpath={.data.k}'])).toBe(Buffer.from('v').toString('base64'));
    expect(await sb.ok(['apply', '-f', '-'], { stdin: `${cm('s1')}---\n# a comment only\n---\n${cm('s2')}` })).toBe('configmap/s1 created\nconfigmap/s2 created\n');
  });

  it('warns when the object was not created by apply, then configures it', async () => {
    await sb.ok(['create', 'configmap', 'imperative', '--from-literal=a=b']);
    sb.file('imp.yaml', cm('imperative', 'a: c'));
    expect(await sb.run(['apply', '-f', 'imp.yaml'])).toEqual({
      stdout: 'configmap/imperative configured\n',
      stderr:
        'Warning: resource configmaps/imperative is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kctl apply. kctl apply should only be used on resources created declaratively by either kctl create --save-config or kctl apply. The missing annotation will be patched automatically.\n',
      code: 0,
    });
  });

  it('dry runs print what would happen and change nothing', async () => {
    const before = sb.stateText();
    sb.file('dry.yaml', cm('dry'));
    expect(await sb.ok(['apply', '-f', 'dry.yaml', '--dry-run=client'])).toBe('configmap/dry created (dry run)\n');
    expect(await sb.ok(['apply', '-f', 'dry.yaml', '--dry-run=server'])).toBe('configmap/dry created (server dry run)\n');
    expect(await sb.ok(['apply', '-f', 'echo.yaml', '--dry-run=server'])).toBe('pod/simple-echo unchanged (server dry run)\n');
    const pod = await sb.ok(['apply', '-f', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8') ? 'echo.yaml' : '', '--dry-run=server', '-o', 'yaml']);
    expect(pod).toContain('\nkind: Pod\n');
    expect(await sb.ok(['create', 'deployment', 'dry', '--image=nginx', '--dry-run=server', '-o', 'yaml'])).toMatch(/\nstatus: \{\}\n$/);
    expect(await sb.ok(['delete', 'pod', 'simple-echo', '--dry-run=client'])).toBe('pod "simple-echo" deleted (dry run)\n');
    expect(sb.stateText()).toBe(before);
  });

  it('prints the applied objects with -o name and -o yaml', async () => {
    sb.file('out.yaml', `${cm('out1')}---\n${cm('out2')}`);
    expect(await sb.ok(['apply', '-f', 'out.yaml', '-o', 'name'])).toBe('configmap/out1\nconfigmap/out2\n');
    expect(await sb.ok(['apply', '-f', 'out.yaml', '-o', 'yaml'])).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    a: b\n  kind: ConfigMap\n/);
  });

  it('--record writes the command line as the change cause', async () => {
    sb.file('rec.yaml', cm('rec'));
    const r = await sb.run(['apply', '-f', 'rec.yaml', '--record']);
    expect(r.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(await sb.ok(['get', 'cm', 'rec', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'])).toBe('kctl apply --filename=rec.yaml --record=true');
  });
});

describe('create', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('creates from files and refuses what exists', async () => {
    sb.file('pod.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8'));
    expect(await sb.run(['create', '-f', 'pod.yaml'])).toEqual({ stdout: 'pod/simple-echo created\n', stderr: '', code: 0 });
    expect(await sb.run(['create', '-f', 'pod.yaml'])).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "simple-echo" already exists\n', code: 1 });
  });

  // Each expected text is what kubectl v1.32 prints for the same command.
  const generators: [string[], string][] = [
    [
      ['create', 'deployment', 'echo', '--image=gihyodocker/echo:latest', '--replicas=3', '--port=8080'],
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: echo\n  name: echo\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: echo\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: echo\n    spec:\n      containers:\n      - image: gihyodocker/echo:latest\n        name: echo\n        ports:\n        - containerPort: 8080\n        resources: {}\nstatus: {}\n',
    ],
    [['create', 'namespace', 'sample-namespace'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: sample-namespace\nspec: {}\nstatus: {}\n'],
    [
      ['create', 'service', 'nodeport', 's', '--tcp=80:8080', '--node-port=30080'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: s\n  name: s\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: s\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      ['create', 'service', 'clusterip', 's', '--clusterip=None'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: s\n  name: s\nspec:\n  clusterIP: None\n  selector:\n    app: s\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      ['create', 'secret', 'generic', 'sample-db-auth', '--from-literal=username=root', '--from-literal=password=rootpassword'],
      'apiVersion: v1\ndata:\n  password: cm9vdHBhc3N3b3Jk\n  username: cm9vdA==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: sample-db-auth\n',
    ],
    [['create', 'configmap', 'c', '--from-literal=k=v', '-n', 'other'], 'apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n  namespace: other\n'],
  ];
  for (const [args, yaml] of generators) {
    it(`${args.slice(0, 3).join(' ')} builds what kubectl builds`, async () => {
      expect(await sb.ok([...args, '--dry-run=client', '-o', 'yaml'])).toBe(yaml);
    });
  }

  it('prints generated objects\' JSON in kubectl\'s field order', async () => {
    expect(JSON.stringify(JSON.parse(await sb.ok(['create', 'ns', 'x', '--dry-run=client', '-o', 'json'])))).toBe(
      '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}',
    );
  });

  it('creates with generators and passes the command after -- to the container', async () => {
    expect(await sb.ok(['create', 'deployment', 'sleeper', '--image=busybox', '--', 'sleep', '3600'])).toBe('deployment.apps/sleeper created\n');
    expect(await sb.ok(['get', 'deploy', 'sleeper', '-o', 'jsonpath={.spec.template.spec.containers[0].command}'])).toBe('["sleep","3600"]');
    expect(await sb.ok(['create', 'ns', 'sample-namespace'])).toBe('namespace/sample-namespace created\n');
    expect(await sb.ok(['create', 'secret', 'generic', 's', '--from-literal=a=b', '-n', 'sample-namespace'])).toBe('secret/s created\n');
    expect(await sb.ok(['get', 'secret', 's', '-n', 'sample-namespace'])).toMatch(/^NAME   TYPE     DATA   AGE\ns      Opaque   1      \S+\n$/);
  });

  it('rejects bad generator arguments with kubectl\'s messages', async () => {
    const cases: [string[], string][] = [
      [['create', 'deployment', 'x'], 'error: required flag(s) "image" not set\n'],
      [['create', 'deployment', '--image=nginx'], "error: exactly one NAME is required, got 0\nSee 'kctl create deployment -h' for help and examples\n"],
      [['create', 'deployment', 'a', 'b', '--image=nginx'], "error: exactly one NAME is required, got 2\nSee 'kctl create deployment -h' for help and examples\n"],
      [['create', 'deployment', 'x', '--image=nginx', '--replicas=three'], 'error: invalid argument "three" for "-r, --replicas" flag: strconv.ParseInt: parsing "three": invalid syntax\nSee \'kctl create deployment --help\' for usage.\n'],
      [['create', 'service', 'clusterip', 'x'], 'error: at least one tcp port specifier must be provided\n'],
      [['create', 'configmap', 'c', '--from-literal=novalue'], 'error: invalid literal source novalue, expected key=value\n'],
      [['create', 'secret', 'generic', 's', '--from-literal=a=1', '--from-literal=a=2'], 'error: cannot add key a, another key by that name already exists\n'],
      [['create', 'configmap', 'c', '--from-file=missing.txt'], 'error: error reading missing.txt: no such file or directory\n'],
      [['create', 'job', 'j'], 'error: either --image or --from must be specified\n'],
    ];
    for (const [args, stderr] of cases) expect(await sb.run(args)).toEqual({ stdout: '', stderr, code: 1 });
  });
});
