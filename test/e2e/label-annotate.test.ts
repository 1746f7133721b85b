// kctl label and annotate: kubectl v1.32's messages (checked against kubectl through kctl
// serve), --list, dry runs, --local files, selectors and the resource-version precondition.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('label and annotate', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };
  const run = (...args: string[]) => sb.run(args, { env });
  const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
  const fail = (stderr: string) => ({ stdout: '', stderr, code: 1 });

  it('labels, relabels, unlabels and says when nothing changed', async () => {
    await run('create', 'deployment', 'web', '--image=nginx');
    expect(await run('label', 'deploy', 'web', 'tier=front')).toEqual(ok('deployment.apps/web labeled\n'));
    expect(await run('label', 'deploy', 'web', 'tier=front')).toEqual(ok('deployment.apps/web not labeled\n'));
    expect(await run('label', 'deploy', 'web', 'tier=back')).toEqual(fail("error: 'tier' already has a value (front), and --overwrite is false\n"));
    expect(await run('label', 'deploy', 'web', 'tier=back', '--overwrite')).toEqual(ok('deployment.apps/web labeled\n'));
    expect(await run('label', 'deploy', 'web', 'tier-')).toEqual(ok('deployment.apps/web unlabeled\n'));
    expect(await run('label', 'deploy', 'web', 'tier-')).toEqual(ok('label "tier" not found.\ndeployment.apps/web not labeled\n'));
    expect(await run('label', 'deploy', 'web', 'x=2', '--list')).toEqual(ok('app=web\nx=2\n'));
    expect(await run('label', 'deploy', 'web', 'y=1', '--dry-run=client')).toEqual(ok('deployment.apps/web labeled (dry run)\n'));
    expect(await run('label', 'deploy', 'web', 'y=1', '--dry-run=server', '-o', 'name')).toEqual(ok('deployment.apps/web\n'));
    expect((await run('get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels}')).stdout).toBe('{"app":"web"}');
  });

  it('selects with --all, -l, --field-selector and -A', async () => {
    await run('create', 'configmap', 'a', '--from-literal=x=1');
    await run('create', 'configmap', 'b', '--from-literal=x=1');
    expect(await run('label', 'cm', 'a', 'b', 'env=dev')).toEqual(ok('configmap/a labeled\nconfigmap/b labeled\n'));
    expect(await run('label', 'cm', '-l', 'env=dev', 'env=prod', '--overwrite')).toEqual(ok('configmap/a labeled\nconfigmap/b labeled\n'));
    expect(await run('label', 'cm', '--field-selector=metadata.name=a', 'role=main')).toEqual(ok('configmap/a labeled\n'));
    expect((await run('annotate', 'cm', '-A', '--all', 'seen=yes', '-o', 'name')).stdout).toMatch(/^configmap\/a\nconfigmap\/b\nconfigmap\/kube-root-ca.crt\n(configmap\/\S+\n)+$/);
    expect(await run('annotate', 'cm', 'a', 'b', '--list')).toEqual({ stdout: ' seen=yes\n seen=yes\n', stderr: 'Listing annotations for ConfigMap./a:\nListing annotations for ConfigMap./b:\n', code: 0 });
  });

  it('annotates with kubectl\'s messages', async () => {
    expect(await run('annotate', 'deploy', 'web', 'note=hi')).toEqual(ok('deployment.apps/web annotated\n'));
    expect(await run('annotate', 'deploy', 'web', 'note=ho')).toEqual(fail("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n"));
    expect(await run('annotate', 'deploy', 'web', 'note-')).toEqual(ok('deployment.apps/web annotated\n'));
    expect(await run('annotate', 'deploy', 'web', '--list')).toEqual(ok('deployment.kubernetes.io/revision=1\n'));
  });

  it('--local -f prints the changed file without a cluster', async () => {
    sb.file('dep.yaml', (await run('create', 'deployment', 'local', '--image=nginx', '--dry-run=client', '-o', 'yaml')).stdout);
    const out = await run('label', '-f', 'dep.yaml', '--local', 'lx=1', '-o', 'jsonpath={.metadata.labels}');
    expect(out).toEqual(ok('{"app":"local","lx":"1"}'));
    expect(await run('label', '-f', 'dep.yaml', '--local', 'lx=1')).toEqual(ok('deployment.apps/local labeled\n'));
  });

  it('refuses bad input with kubectl\'s messages, leaving the state alone', async () => {
    const before = sb.stateText();
    expect(await run('label', 'deploy', 'web')).toEqual(fail('error: at least one label update is required\n'));
    expect(await run('label', 'deploy', 'x=1')).toEqual(fail('error: resource(s) were provided, but no name was specified\n'));
    expect(await run('label', 'x=1')).toEqual(fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'));
    expect(await run('label', 'cm', 'a', 'app=x', '--local')).toEqual(fail('error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n'));
    expect(await run('annotate', 'cm', '--all', '-l', 'a=b', 'k=v')).toEqual(fail('error: cannot set --all and --selector at the same time\n'));
    expect(await run('label', 'cm', 'a', 'k=bad value')).toEqual(
      fail(
        'error: invalid label value: "k=bad value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')\n',
      ),
    );
    expect(await run('label', 'cm', 'a', 'b', '--resource-version=1', 'k=v')).toEqual(fail('error: --resource-version may only be used with a single resource\n'));
    expect(await run('label', 'cm', 'a', '--resource-version=1', 'k=v')).toEqual(
      fail('Error from server (Conflict): Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again\n'),
    );
    expect(await run('label', 'cm/a', 'cm/nope', 'z=1', '--dry-run=client')).toEqual({ stdout: 'configmap/a labeled (dry run)\n', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
    expect(sb.stateText()).toBe(before);
  });
});
