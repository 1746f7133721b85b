// The writing verbs as kubectl prints them: apply (created/configured/unchanged, files,
// directories, stdin, Lists, dry runs), create and its generators, delete, label, annotate and
// scale; every error in kubectl's words with exit code 1; help, examples and colour.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox } from '../helpers/kctl.js';

const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const cm = (name: string, data = 'a: b') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${data}\n`;

describe('apply', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('reports created, configured and unchanged', () => {
    sb.file('echo.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8'));
    expect(sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo created\n', stderr: '', code: 0 });
    expect(sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo unchanged\n', stderr: '', code: 0 });
    sb.file('echo.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8').replace('gihyodocker/echo:latest', 'gihyodocker/echo:patched'));
    expect(sb.run(['apply', '-f', 'echo.yaml'])).toEqual({ stdout: 'pod/simple-echo configured\n', stderr: '', code: 0 });
    expect(sb.ok(['get', 'pod', 'simple-echo', '-o', 'jsonpath={.spec.containers[1].image}'])).toBe('gihyodocker/echo:patched');
  });

  it('records the manifest in last-applied-configuration and merges three ways', () => {
    sb.file('m.yaml', cm('merge', 'a: "1"\n  b: "2"'));
    sb.ok(['apply', '-f', 'm.yaml']);
    const live = JSON.parse(sb.ok(['get', 'cm', 'merge', '-o', 'json']));
    expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"merge","namespace":"default"}}\n',
    );
    sb.ok(['label', 'cm', 'merge', 'added-by=hand']);
    sb.file('m.yaml', cm('merge', 'a: "1"'));
    expect(sb.ok(['apply', '-f', 'm.yaml'])).toBe('configmap/merge configured\n');
    const after = JSON.parse(sb.ok(['get', 'cm', 'merge', '-o', 'json']));
    expect(after.data).toEqual({ a: '1' });
    expect(after.metadata.labels).toEqual({ 'added-by': 'hand' });
  });

  it('keeps what the server defaulted and allocated when the manifest leaves it out', () => {
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8'));
    sb.ok(['apply', '-f', 'd.yaml']);
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment-4-replicas.yaml', 'utf8'));
    sb.ok(['apply', '-f', 'd.yaml']);
    const d = JSON.parse(sb.ok(['get', 'deploy', 'echo', '-o', 'json']));
    expect(d.spec.replicas).toBe(4);
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(d.metadata.generation).toBe(2);
  });

  it('reads directories (-R for subdirectories), JSON, Lists and stdin', () => {
    sb.file('dir/a.yaml', cm('dir-a'));
    sb.file('dir/b.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dir-b' } }));
    sb.file('dir/notes.txt', 'not a manifest');
    sb.file('dir/sub/c.yml', cm('dir-c'));
    expect(sb.ok(['apply', '-f', 'dir'])).toBe('configmap/dir-a created\nconfigmap/dir-b created\n');
    expect(sb.ok(['apply', '-f', 'dir', '-R'])).toBe('configmap/dir-a unchanged\nconfigmap/dir-b unchanged\nconfigmap/dir-c created\n');
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l1' } }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'l2' }, stringData: { k: 'v' } }] };
    expect(sb.ok(['apply', '-f', '-'], { stdin: JSON.stringify(list) })).toBe('configmap/l1 created\nsecret/l2 created\n');
    expect(sb.ok(['get', 'secret', 'l2', '-o', 'jsonpath={.data.k}'])).toBe(Buffer.from('v').toString('base64'));
    expect(sb.ok(['apply', '-f', '-'], { stdin: `${cm('s1')}---\n# a comment only\n---\n${cm('s2')}` })).toBe('configmap/s1 created\nconfigmap/s2 created\n');
  });

  it('warns when the object was not created by apply, then configures it', () => {
    sb.ok(['create', 'configmap', 'imperative', '--from-literal=a=b']);
    sb.file('imp.yaml', cm('imperative', 'a: c'));
    expect(sb.run(['apply', '-f', 'imp.yaml'])).toEqual({
      stdout: 'configmap/imperative configured\n',
      stderr:
        'Warning: resource configmaps/imperative is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kctl apply. kctl apply should only be used on resources created declaratively by either kctl create --save-config or kctl apply. The missing annotation will be patched automatically.\n',
      code: 0,
    });
  });

  it('dry runs print what would happen and change nothing', () => {
    const before = sb.stateText();
    sb.file('dry.yaml', cm('dry'));
    expect(sb.ok(['apply', '-f', 'dry.yaml', '--dry-run=client'])).toBe('configmap/dry created (dry run)\n');
    expect(sb.ok(['apply', '-f', 'dry.yaml', '--dry-run=server'])).toBe('configmap/dry created (server dry run)\n');
    expect(sb.ok(['apply', '-f', 'echo.yaml', '--dry-run=server'])).toBe('pod/simple-echo unchanged (server dry run)\n');
    const pod = sb.ok(['apply', '-f', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8') ? 'echo.yaml' : '', '--dry-run=server', '-o', 'yaml']);
    expect(pod).toContain('\nkind: Pod\n');
    expect(sb.ok(['create', 'deployment', 'dry', '--image=nginx', '--dry-run=server', '-o', 'yaml'])).toMatch(/\nstatus: \{\}\n$/);
    expect(sb.ok(['delete', 'pod', 'simple-echo', '--dry-run=client'])).toBe('pod "simple-echo" deleted (dry run)\n');
    expect(sb.stateText()).toBe(before);
  });

  it('prints the applied objects with -o name and -o yaml', () => {
    sb.file('out.yaml', `${cm('out1')}---\n${cm('out2')}`);
    expect(sb.ok(['apply', '-f', 'out.yaml', '-o', 'name'])).toBe('configmap/out1\nconfigmap/out2\n');
    expect(sb.ok(['apply', '-f', 'out.yaml', '-o', 'yaml'])).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    a: b\n  kind: ConfigMap\n/);
  });

  it('--record writes the command line as the change cause', () => {
    sb.file('rec.yaml', cm('rec'));
    const r = sb.run(['apply', '-f', 'rec.yaml', '--record']);
    expect(r.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(sb.ok(['get', 'cm', 'rec', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'])).toBe('kctl apply --filename=rec.yaml --record=true');
  });
});

describe('create', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('creates from files and refuses what exists', () => {
    sb.file('pod.yaml', readFileSync(JISSEN + 'simple-pod.yaml', 'utf8'));
    expect(sb.run(['create', '-f', 'pod.yaml'])).toEqual({ stdout: 'pod/simple-echo created\n', stderr: '', code: 0 });
    expect(sb.run(['create', '-f', 'pod.yaml'])).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "simple-echo" already exists\n', code: 1 });
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
    it(`${args.slice(0, 3).join(' ')} builds what kubectl builds`, () => {
      expect(sb.ok([...args, '--dry-run=client', '-o', 'yaml'])).toBe(yaml);
    });
  }

  it('prints generated objects\' JSON in kubectl\'s field order', () => {
    expect(JSON.stringify(JSON.parse(sb.ok(['create', 'ns', 'x', '--dry-run=client', '-o', 'json'])))).toBe(
      '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}',
    );
  });

  it('creates with generators and passes the command after -- to the container', () => {
    expect(sb.ok(['create', 'deployment', 'sleeper', '--image=busybox', '--', 'sleep', '3600'])).toBe('deployment.apps/sleeper created\n');
    expect(sb.ok(['get', 'deploy', 'sleeper', '-o', 'jsonpath={.spec.template.spec.containers[0].command}'])).toBe('["sleep","3600"]');
    expect(sb.ok(['create', 'ns', 'sample-namespace'])).toBe('namespace/sample-namespace created\n');
    expect(sb.ok(['create', 'secret', 'generic', 's', '--from-literal=a=b', '-n', 'sample-namespace'])).toBe('secret/s created\n');
    expect(sb.ok(['get', 'secret', 's', '-n', 'sample-namespace'])).toMatch(/^NAME   TYPE     DATA   AGE\ns      Opaque   1      \S+\n$/);
  });

  it('rejects bad generator arguments with kubectl\'s messages', () => {
    const cases: [string[], string][] = [
      [['create', 'deployment', 'x'], 'error: required flag(s) "image" not set\nSee \'kctl create deployment -h\' for help and examples\n'],
      [['create', 'deployment', '--image=nginx'], "error: exactly one NAME is required, got 0\nSee 'kctl create deployment -h' for help and examples\n"],
      [['create', 'deployment', 'a', 'b', '--image=nginx'], "error: exactly one NAME is required, got 2\nSee 'kctl create deployment -h' for help and examples\n"],
      [['create', 'deployment', 'x', '--image=nginx', '--replicas=three'], 'Error: invalid argument "three" for "-r, --replicas" flag: strconv.ParseInt: parsing "three": invalid syntax\nSee \'kctl create deployment --help\' for usage.\n'],
      [['create', 'service', 'clusterip', 'x'], 'error: at least one tcp port specifier must be provided\n'],
      [['create', 'configmap', 'c', '--from-literal=novalue'], 'error: invalid literal source novalue, expected key=value\n'],
      [['create', 'secret', 'generic', 's', '--from-literal=a=1', '--from-literal=a=2'], 'error: cannot add key a, another key by that name already exists\n'],
      [['create', 'configmap', 'c', '--from-file=missing.txt'], 'error: error reading missing.txt: no such file or directory\n'],
      [['create', 'job', 'j'], 'error: either --image or --from must be specified\n'],
    ];
    for (const [args, stderr] of cases) expect(sb.run(args)).toEqual({ stdout: '', stderr, code: 1 });
  });
});

describe('errors in kubectl\'s words, exit code 1', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const attempt = (name: string, text: string, verb = 'apply') => {
    sb.file(name, text);
    const before = sb.run(['get', 'ns']).code === 0 ? sb.stateText() : '';
    const r = sb.run([verb, '-f', name]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(sb.stateText()).toBe(before);
    return r.stderr;
  };

  it('malformed YAML reports go-yaml\'s message and line, counted within its document', () => {
    expect(attempt('indent.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec:\n  containers:\n')).toBe('error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
    expect(attempt('colon.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p: q\n')).toBe('error: error parsing colon.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n');
    expect(attempt('tab.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n')).toBe('error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n');
    expect(attempt('second.yaml', `${cm('first')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p: q\n`)).toBe(
      'error: error parsing second.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n',
    );
    expect(attempt('list.yaml', '    - name: a\n     - name: b\n'.replace(/^/, 'spec:\n  containers:\n'))).toBe(
      "error: error parsing list.yaml: error converting YAML to JSON: yaml: line 3: did not find expected '-' indicator\n",
    );
    expect(attempt('quote.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\n')).toBe('error: error parsing quote.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream\n');
    expect(attempt('bad.json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},}')).toBe(
      "error: error parsing bad.json: json: offset 63: invalid character '}' looking for beginning of object key string\n",
    );
  });

  it('unknown kinds and versions, as the API server\'s discovery answers', () => {
    expect(attempt('kind.yaml', 'apiVersion: v1\nkind: Podd\nmetadata:\n  name: p\n')).toBe(
      'error: resource mapping not found for name: "p" namespace: "" from "kind.yaml": no matches for kind "Podd" in version "v1"\nensure CRDs are installed first\n',
    );
    expect(attempt('old.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n')).toBe(
      'error: resource mapping not found for name: "d" namespace: "" from "old.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
    );
    expect(attempt('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: p\n')).toBe(`error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"p"}}'\n`);
    expect(attempt('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\n')).toBe(
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "", Namespace: "default"\nfrom server for: "noname.yaml": resource name may not be empty\n',
    );
  });

  it('unknown fields and wrong types, as strict decoding reports them', () => {
    expect(attempt('field.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    imagee: nginx\n    image: nginx\n')).toBe(
      'Error from server (BadRequest): error when creating "field.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n',
    );
    expect(attempt('type.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "3"\n')).toMatch(
      /^Error from server \(BadRequest\): error when creating "type\.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/,
    );
    expect(attempt('meta.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x]\n')).toBe(
      'error: unable to decode "meta.yaml": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.name of type string\n',
    );
  });

  it('invalid names and values, with the API server\'s validation messages', () => {
    expect(attempt('name.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sample_podname_fail\nspec:\n  containers:\n  - name: a\n    image: nginx\n')).toBe(
      `The Pod "sample_podname_fail" is invalid: metadata.name: Invalid value: "sample_podname_fail": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
    expect(attempt('rs.yaml', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: sample-rs-fail\nspec:\n  selector: {matchLabels: {app: sample-app}}\n  template:\n    metadata: {labels: {app: sample-app-fail}}\n    spec: {containers: [{name: a, image: nginx}]}\n')).toBe(
      'The ReplicaSet "sample-rs-fail" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"sample-app-fail"}: `selector` does not match template `labels`\n',
    );
    expect(attempt('two.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: A\n')).toBe(
      `The Pod "two" is invalid: \n* spec.containers[0].name: Invalid value: "A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n* spec.containers[0].image: Required value\n`,
    );
  });

  it('a Deployment without a selector or a pod template, as apps/v1 validation words it', () => {
    expect(attempt('nosel.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: nginx}]}\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
    );
    expect(attempt('empty.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: {}\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`\n* spec.template.spec.containers: Required value\n',
    );
    expect(attempt('never.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: nginx, ports: [{containerPort: 0}]}]\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.template.spec.containers[0].ports[0].containerPort: Required value\n* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });

  it('immutable fields keep their value: a Deployment\'s selector', () => {
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8'));
    sb.ok(['apply', '-f', 'd.yaml']);
    const changed = readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8').replace(/app: echo/g, 'app: echo2');
    expect(attempt('d2.yaml', changed)).toBe(
      'The Deployment "echo" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"echo2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('flag and command mistakes, as cobra reports them', () => {
    expect(sb.run(['get', 'pods', '--bogus'])).toEqual({ stdout: '', stderr: "Error: unknown flag: --bogus\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(sb.run(['get', 'pods', '-z'])).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'z' in -z\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(sb.run(['get', 'pods', '-o'])).toEqual({ stdout: '', stderr: "Error: flag needs an argument: 'o' in -o\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(sb.run(['rollout', 'history', 'deploy', 'echo', '--revision'])).toEqual({ stdout: '', stderr: "Error: flag needs an argument: --revision\nSee 'kctl rollout history --help' for usage.\n", code: 1 });
    expect(sb.run(['aply'])).toEqual({ stdout: '', stderr: 'Error: unknown command "aply" for "kctl"\n\nDid you mean this?\n\tapply\n\n', code: 1 });
    expect(sb.run(['rollout', 'back'])).toEqual({ stdout: '', stderr: "error: unknown command \"back\"\nSee 'kctl rollout -h' for help and examples\n", code: 1 });
  });
});

describe('label, annotate and scale', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('prints kubectl\'s messages', () => {
    sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    expect(sb.ok(['label', 'deployment', 'web', 'release=summer'])).toBe('deployment.apps/web labeled\n');
    expect(sb.run(['label', 'deployment', 'web', 'release=spring'])).toEqual({ stdout: '', stderr: "error: 'release' already has a value (summer), and --overwrite is false\n", code: 1 });
    expect(sb.ok(['label', 'deployment', 'web', 'release=spring', '--overwrite'])).toBe('deployment.apps/web labeled\n');
    expect(sb.ok(['label', 'deployment', 'web', 'release=spring', '--overwrite'])).toBe('deployment.apps/web not labeled\n');
    expect(sb.ok(['label', 'deployment', 'web', 'release-'])).toBe('deployment.apps/web unlabeled\n');
    expect(sb.ok(['label', 'deployment', 'web', 'release-'])).toBe('label "release" not found.\ndeployment.apps/web not labeled\n');
    expect(sb.ok(['label', 'pods', '-l', 'app=web', 'tier=front', '-o', 'name'])).toMatch(/^pod\/web-\S+ labeled\n$/);
    expect(sb.ok(['annotate', 'deployment', 'web', 'kubernetes.io/change-cause=image updated'])).toBe('deployment.apps/web annotated\n');
    expect(sb.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'])).toBe('image updated');
    expect(sb.run(['label', 'deployment', 'web'])).toEqual({ stdout: '', stderr: "error: at least one label update is required\nSee 'kctl label -h' for help and examples\n", code: 1 });
    expect(sb.ok(['scale', 'deployment', 'web', '--replicas=3'])).toBe('deployment.apps/web scaled\n');
    expect(sb.run(['scale', 'deployment', 'web', '--replicas=1', '--current-replicas=2'])).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 2, was 3\n', code: 1 });
    expect(sb.run(['scale', 'deployment', 'web'])).toEqual({ stdout: '', stderr: 'error: required flag(s) "replicas" not set\nSee \'kctl scale -h\' for help and examples\n', code: 1 });
  });

  it('deletes by name, TYPE/NAME, label, --all and file, reporting what is missing', () => {
    sb.ok(['create', 'configmap', 'one']);
    sb.ok(['create', 'configmap', 'two']);
    expect(sb.run(['delete', 'configmap', 'one', 'nope'])).toEqual({ stdout: 'configmap "one" deleted\n', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
    expect(sb.ok(['delete', 'cm/two', 'deploy/web'])).toBe('configmap "two" deleted\ndeployment.apps "web" deleted\n');
    expect(sb.ok(['delete', 'pods', '--all'])).toBe('No resources found\n');
    expect(sb.ok(['delete', 'pod', 'nope', '--ignore-not-found'])).toBe('');
    expect(sb.run(['delete', 'pods'])).toEqual({ stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', code: 1 });
    sb.file('c.yaml', cm('from-file'));
    sb.ok(['apply', '-f', 'c.yaml']);
    expect(sb.ok(['delete', '-f', 'c.yaml', '-o', 'name'])).toBe('configmap/from-file\n');
    sb.ok(['create', 'deployment', 'gone', '--image=nginx']);
    const forced = sb.run(['delete', 'deploy', 'gone', '--force']);
    expect(forced.stdout).toBe('deployment.apps "gone" force deleted\n');
    expect(forced.stderr).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  });
});

describe('help and colour', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('every verb has --help with examples', () => {
    const verbs = [
      ['get'], ['describe'], ['apply'], ['create'], ['create', 'deployment'], ['create', 'namespace'], ['create', 'service', 'clusterip'], ['create', 'secret', 'generic'],
      ['create', 'configmap'], ['delete'], ['label'], ['annotate'], ['scale'], ['rollout'], ['rollout', 'history'], ['rollout', 'undo'], ['rollout', 'status'],
      ['version'], ['api-resources'], ['cluster-info'], ['cluster', 'reset'], ['completion'],
    ];
    for (const v of verbs) {
      const r = sb.run([...v, '--help']);
      expect(r.code, v.join(' ')).toBe(0);
      // kubectl's layout: description, Examples, Options, Usage, pointers to more help.
      expect(r.stdout, v.join(' ')).toMatch(/^[A-Z].*\.\n\nExamples:\n  # .+\n  \S/);
      expect(r.stdout, v.join(' ')).toMatch(new RegExp(`\nUsage:\n  kctl ${v.join(' ')} .*\n\n(Use .*\n)+$`));
    }
    expect(sb.ok(['apply', '--help'])).toContain('kctl apply -f samples/jissen/ch05/simple-deployment.yaml --record');
    expect(sb.ok(['scale', '--help'])).toContain('\nOptions:\n    --current-replicas=\'\':\n\tPrecondition for current size.\n\n    -f, --filename=[]:\n');
    expect(sb.ok(['rollout', '--help'])).toContain('\nAvailable Commands:\n  history       View rollout history\n');
    const top = sb.ok(['--help']);
    expect(top).toContain('\nDeploy Commands:\n  rollout         ');
    expect(top.endsWith('Use "kctl <command> --help" for more information about a given command.\nUse "kctl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
    expect(sb.ok(['options'])).toMatch(/^The following options can be passed to any command:\n\n    -n, --namespace='':\n/);
  });

  it('never colours piped output; colours STATUS on a terminal unless NO_COLOR or --no-color', () => {
    sb.ok(['create', 'deployment', 'c', '--image=nginx']);
    expect(sb.ok(['get', 'pods'])).not.toContain('\x1b[');
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) return;
    const tty = (cmd: string) =>
      spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...sb.env(), NO_COLOR: '' } }).stdout;
    expect(tty(`${process.execPath} ${KCTL} get pods`)).toContain('\x1b[32mRunning\x1b[39m');
    expect(tty(`${process.execPath} ${KCTL} get pods --no-color`)).not.toContain('\x1b[');
    expect(tty(`NO_COLOR=1 ${process.execPath} ${KCTL} get pods`)).not.toContain('\x1b[');
  });

  it('writes whole outputs larger than a pipe holds, and a reader that stops early is no error', () => {
    sb.ok(['scale', 'deployment', 'c', '--replicas=40']);
    const direct = sb.ok(['get', 'pods', '-o', 'yaml']);
    expect(direct.length).toBeGreaterThan(65536);
    const bash = (cmd: string) => spawnSync('bash', ['-c', `set -o pipefail; ${cmd}`], { encoding: 'utf8', env: sb.env(), maxBuffer: 1 << 26 });
    expect(bash(`${process.execPath} ${KCTL} get pods -o yaml | cat`).stdout).toBe(direct);
    const early = bash(`${process.execPath} ${KCTL} get pods -o yaml | head -1; echo "exit=$?"`);
    expect(early.stdout).toBe('apiVersion: v1\nexit=0\n');
    expect(early.stderr).toBe('');
  });
});
