// kubectl's messages for what goes wrong and for the smaller writing verbs: every error in
// kubectl's words with exit code 1; label, annotate, scale and delete; help, examples and colour.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

// util-linux's `script` gives kctl a real terminal; without it the colour test is skipped
// (and reported as skipped).
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const cm = (name: string, data = 'a: b') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${data}\n`;

describe('errors in kubectl\'s words, exit code 1', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const attempt = async (name: string, text: string, verb = 'apply') => {
    sb.file(name, text);
    const before = (await sb.run(['get', 'ns'])).code === 0 ? sb.stateText() : '';
    const r = await sb.run([verb, '-f', name]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(sb.stateText()).toBe(before);
    return r.stderr;
  };

  it('malformed YAML reports go-yaml\'s message and line, counted within its document', async () => {
    expect(await attempt('indent.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec:\n  containers:\n')).toBe('error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
    expect(await attempt('colon.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p: q\n')).toBe('error: error parsing colon.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n');
    expect(await attempt('tab.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n')).toBe('error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n');
    expect(await attempt('second.yaml', `${cm('first')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p: q\n`)).toBe(
      'error: error parsing second.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n',
    );
    expect(await attempt('list.yaml', '    - name: a\n     - name: b\n'.replace(/^/, 'spec:\n  containers:\n'))).toBe(
      "error: error parsing list.yaml: error converting YAML to JSON: yaml: line 3: did not find expected '-' indicator\n",
    );
    expect(await attempt('quote.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\n')).toBe('error: error parsing quote.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream\n');
    expect(await attempt('bad.json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},}')).toBe(
      "error: error parsing bad.json: json: offset 63: invalid character '}' looking for beginning of object key string\n",
    );
  });

  it('unknown kinds and versions, as the API server\'s discovery answers', async () => {
    expect(await attempt('kind.yaml', 'apiVersion: v1\nkind: Podd\nmetadata:\n  name: p\n')).toBe(
      'error: resource mapping not found for name: "p" namespace: "" from "kind.yaml": no matches for kind "Podd" in version "v1"\nensure CRDs are installed first\n',
    );
    expect(await attempt('old.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n')).toBe(
      'error: resource mapping not found for name: "d" namespace: "" from "old.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
    );
    expect(await attempt('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: p\n')).toBe(`error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"p"}}'\n`);
    expect(await attempt('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\n')).toBe(
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "", Namespace: "default"\nfrom server for: "noname.yaml": resource name may not be empty\n',
    );
  });

  it('unknown fields and wrong types, as strict decoding reports them', async () => {
    expect(await attempt('field.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    imagee: nginx\n    image: nginx\n')).toBe(
      'Error from server (BadRequest): error when creating "field.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n',
    );
    expect(await attempt('type.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "3"\n')).toMatch(
      /^Error from server \(BadRequest\): error when creating "type\.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/,
    );
    expect(await attempt('meta.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x]\n')).toBe(
      'error: unable to decode "meta.yaml": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.name of type string\n',
    );
  });

  it('invalid names and values, with the API server\'s validation messages', async () => {
    expect(await attempt('name.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sample_podname_fail\nspec:\n  containers:\n  - name: a\n    image: nginx\n')).toBe(
      `The Pod "sample_podname_fail" is invalid: metadata.name: Invalid value: "sample_podname_fail": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
    expect(await attempt('rs.yaml', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: sample-rs-fail\nspec:\n  selector: {matchLabels: {app: sample-app}}\n  template:\n    metadata: {labels: {app: sample-app-fail}}\n    spec: {containers: [{name: a, image: nginx}]}\n')).toBe(
      'The ReplicaSet "sample-rs-fail" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"sample-app-fail"}: `selector` does not match template `labels`\n',
    );
    expect(await attempt('two.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: A\n')).toBe(
      `The Pod "two" is invalid: \n* spec.containers[0].name: Invalid value: "A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n* spec.containers[0].image: Required value\n`,
    );
  });

  it('a Deployment without a selector or a pod template, as apps/v1 validation words it', async () => {
    expect(await attempt('nosel.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: a, image: nginx}]}\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
    );
    expect(await attempt('empty.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: {}\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`\n* spec.template.spec.containers: Required value\n',
    );
    // No spec at all decodes as an empty one: the same errors, never a crash.
    expect(await attempt('nospec.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`\n* spec.template.spec.containers: Required value\n',
    );
    expect(await attempt('nopodspec.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n')).toBe('The Pod "p" is invalid: spec.containers: Required value\n');
    expect(await attempt('never.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: nginx, ports: [{containerPort: 0}]}]\n')).toBe(
      'The Deployment "d" is invalid: \n* spec.template.spec.containers[0].ports[0].containerPort: Required value\n* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });

  it('immutable fields keep their value: a Deployment\'s selector', async () => {
    sb.file('d.yaml', readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8'));
    await sb.ok(['apply', '-f', 'd.yaml']);
    const changed = readFileSync(JISSEN + 'simple-deployment.yaml', 'utf8').replace(/app: echo/g, 'app: echo2');
    expect(await attempt('d2.yaml', changed)).toBe(
      'The Deployment "echo" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"echo2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('flag and command mistakes, as cobra reports them', async () => {
    expect(await sb.run(['get', 'pods', '--bogus'])).toEqual({ stdout: '', stderr: "Error: unknown flag: --bogus\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(await sb.run(['get', 'pods', '-z'])).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'z' in -z\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(await sb.run(['get', 'pods', '-o'])).toEqual({ stdout: '', stderr: "Error: flag needs an argument: 'o' in -o\nSee 'kctl get --help' for usage.\n", code: 1 });
    expect(await sb.run(['rollout', 'history', 'deploy', 'echo', '--revision'])).toEqual({ stdout: '', stderr: "Error: flag needs an argument: --revision\nSee 'kctl rollout history --help' for usage.\n", code: 1 });
    expect(await sb.run(['aply'])).toEqual({ stdout: '', stderr: 'error: unknown command "aply" for "kctl"\n\nDid you mean this?\n\tapply\n\n', code: 1 });
    expect(await sb.run(['rollout', 'back'])).toEqual({ stdout: '', stderr: "error: unknown command \"back\"\nSee 'kctl rollout -h' for help and examples\n", code: 1 });
  });
});

describe('label, annotate and scale', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('prints kubectl\'s messages', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    expect(await sb.ok(['label', 'deployment', 'web', 'release=summer'])).toBe('deployment.apps/web labeled\n');
    expect(await sb.run(['label', 'deployment', 'web', 'release=spring'])).toEqual({ stdout: '', stderr: "error: 'release' already has a value (summer), and --overwrite is false\n", code: 1 });
    expect(await sb.ok(['label', 'deployment', 'web', 'release=spring', '--overwrite'])).toBe('deployment.apps/web labeled\n');
    expect(await sb.ok(['label', 'deployment', 'web', 'release=spring', '--overwrite'])).toBe('deployment.apps/web not labeled\n');
    expect(await sb.ok(['label', 'deployment', 'web', 'release-'])).toBe('deployment.apps/web unlabeled\n');
    expect(await sb.ok(['label', 'deployment', 'web', 'release-'])).toBe('label "release" not found.\ndeployment.apps/web not labeled\n');
    expect(await sb.ok(['label', 'pods', '-l', 'app=web', 'tier=front', '-o', 'name'])).toMatch(/^pod\/web-\S+\n$/);
    expect(await sb.ok(['annotate', 'deployment', 'web', 'kubernetes.io/change-cause=image updated'])).toBe('deployment.apps/web annotated\n');
    expect(await sb.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}'])).toBe('image updated');
    expect(await sb.run(['label', 'deployment', 'web'])).toEqual({ stdout: '', stderr: "error: at least one label update is required\n", code: 1 });
    expect(await sb.ok(['scale', 'deployment', 'web', '--replicas=3'])).toBe('deployment.apps/web scaled\n');
    expect(await sb.run(['scale', 'deployment', 'web', '--replicas=1', '--current-replicas=2'])).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 2, was 3\n', code: 1 });
    expect(await sb.run(['scale', 'deployment', 'web'])).toEqual({ stdout: '', stderr: 'error: required flag(s) "replicas" not set\nSee \'kctl scale -h\' for help and examples\n', code: 1 });
  });

  it('deletes by name, TYPE/NAME, label, --all and file, reporting what is missing', async () => {
    await sb.ok(['create', 'configmap', 'one']);
    await sb.ok(['create', 'configmap', 'two']);
    expect(await sb.run(['delete', 'configmap', 'one', 'nope'])).toEqual({ stdout: 'configmap "one" deleted\n', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
    expect(await sb.ok(['delete', 'cm/two', 'deploy/web'])).toBe('configmap "two" deleted\ndeployment.apps "web" deleted\n');
    expect(await sb.ok(['delete', 'pods', '--all'])).toBe('No resources found\n');
    expect(await sb.ok(['delete', 'pod', 'nope', '--ignore-not-found'])).toBe('');
    expect(await sb.run(['delete', 'pods'])).toEqual({ stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', code: 1 });
    sb.file('c.yaml', cm('from-file'));
    await sb.ok(['apply', '-f', 'c.yaml']);
    expect(await sb.ok(['delete', '-f', 'c.yaml', '-o', 'name'])).toBe('configmap/from-file\n');
    await sb.ok(['create', 'deployment', 'gone', '--image=nginx']);
    const forced = await sb.run(['delete', 'deploy', 'gone', '--force']);
    expect(forced.stdout).toBe('deployment.apps "gone" force deleted\n');
    expect(forced.stderr).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  });
});

describe('help and colour', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('every verb has --help with examples', async () => {
    const verbs = [
      ['get'], ['describe'], ['apply'], ['create'], ['create', 'deployment'], ['create', 'namespace'], ['create', 'service', 'clusterip'], ['create', 'secret', 'generic'],
      ['create', 'configmap'], ['delete'], ['label'], ['annotate'], ['scale'], ['rollout'], ['rollout', 'history'], ['rollout', 'undo'], ['rollout', 'status'],
      ['version'], ['api-resources'], ['cluster-info'], ['cluster', 'reset'], ['completion'],
    ];
    for (const v of verbs) {
      const r = await sb.run([...v, '--help']);
      expect(r.code, v.join(' ')).toBe(0);
      // kubectl's layout: description (its further paragraphs indented), Examples, Options, Usage, pointers to more help.
      expect(r.stdout, v.join(' ')).toMatch(/^[A-Z][^]*?[.\]]\n\n(Aliases:\n.*\n\n)?Examples:\n  # .+\n  \S/);
      expect(r.stdout, v.join(' ')).toMatch(new RegExp(`\nUsage:\n  kctl ${v.join(' ')} .*\n\n(Use .*\n)+$`));
    }
    expect(await sb.ok(['apply', '--help'])).toContain('kctl apply -f samples/jissen/ch05/simple-deployment.yaml --record');
    expect(await sb.ok(['scale', '--help'])).toContain('\nOptions:\n    --current-replicas=\'\':\n\tPrecondition for current size.\n\n    -f, --filename=[]:\n');
    expect(await sb.ok(['rollout', '--help'])).toContain('\nAvailable Commands:\n  history       View rollout history\n');
    const top = await sb.ok(['--help']);
    expect(top).toContain('\nDeploy Commands:\n  rollout         ');
    expect(top.endsWith('Use "kctl <command> --help" for more information about a given command.\nUse "kctl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
    expect(await sb.ok(['options'])).toMatch(/^The following options can be passed to any command:\n\n    --cluster='':\n\tThe name of the kubeconfig cluster to use\n\n    --context='':\n/);
    expect(await sb.ok(['options'])).toContain("\n    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n");
    // cobra's help command: a command's help, or the unknown topic and the command list on stderr.
    expect(await sb.ok(['help', 'rollout', 'status'])).toBe(await sb.ok(['rollout', 'status', '--help']));
    const unknown = await sb.run(['help', 'nosuch']);
    expect([unknown.code, unknown.stdout]).toEqual([0, '']);
    expect(unknown.stderr).toMatch(/^Unknown help topic \[`nosuch`\]\n\n\nBasic Commands \(Beginner\):\n/);
  });

  it('never colours piped output', async () => {
    await sb.ok(['create', 'deployment', 'c', '--image=nginx']);
    const piped = await sb.ok(['get', 'pods']);
    expect(piped).toMatch(/ Running /);
    expect(piped).not.toContain('\x1b[');
  });

  it.skipIf(!HAS_SCRIPT)('colours STATUS on a terminal unless NO_COLOR or --no-color', async () => {
    const tty = async (cmd: string) => (await runProcess('script', ['-qec', cmd, '/dev/null'], { env: { ...sb.env(), NO_COLOR: '' } })).stdout;
    expect(await tty(`${process.execPath} ${KCTL} get pods`)).toContain('\x1b[32mRunning\x1b[39m');
    // The plain table, so the missing colour is not just missing output.
    for (const cmd of [`${process.execPath} ${KCTL} get pods --no-color`, `NO_COLOR=1 ${process.execPath} ${KCTL} get pods`]) {
      const out = await tty(cmd);
      expect(out).toMatch(/ Running /);
      expect(out).not.toContain('\x1b[');
    }
  });

  it('writes whole outputs larger than a pipe holds, and a reader that stops early is no error', async () => {
    await sb.ok(['scale', 'deployment', 'c', '--replicas=40']);
    const direct = await sb.ok(['get', 'pods', '-o', 'yaml']);
    expect(direct.length).toBeGreaterThan(65536);
    const bash = (cmd: string) => runProcess('bash', ['-c', `set -o pipefail; ${cmd}`], { env: sb.env() });
    expect((await bash(`${process.execPath} ${KCTL} get pods -o yaml | cat`)).stdout).toBe(direct);
    const early = await bash(`${process.execPath} ${KCTL} get pods -o yaml | head -1; echo "exit=$?"`);
    expect(early.stdout).toBe('apiVersion: v1\nexit=0\n');
    expect(early.stderr).toBe('');
  });
});
