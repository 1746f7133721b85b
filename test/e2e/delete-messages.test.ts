// delete's messages for what is missing, as kubectl words them: the file named for -f, silence
// with --ignore-not-found for named objects, and --all refused beside a selector.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

describe('delete reports what is missing', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('-f names the file of each missing object', async () => {
    sb.file('pod.yaml', pod);
    await sb.ok(['create', 'namespace', 'elsewhere']);
    const before = sb.stateText();
    const missing = {
      stdout: '',
      stderr: 'Error from server (NotFound): error when deleting "pod.yaml": pods "x" not found\nError from server (NotFound): error when deleting "pod.yaml": configmaps "cm" not found\n',
      code: 1,
    };
    expect(await sb.run(['delete', '-f', 'pod.yaml'])).toEqual(missing);
    expect(await sb.run(['delete', '-f', 'pod.yaml', '-o', 'name'])).toEqual(missing);
    expect(await sb.run(['delete', '-f', 'pod.yaml', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(sb.stateText()).toBe(before);
    await sb.ok(['create', 'configmap', 'cm']);
    expect(await sb.run(['delete', '-f', 'pod.yaml'])).toEqual({
      stdout: 'configmap "cm" deleted\n',
      stderr: 'Error from server (NotFound): error when deleting "pod.yaml": pods "x" not found\n',
      code: 1,
    });
  });

  it('--ignore-not-found says nothing about a missing name; an empty selection is "No resources found"', async () => {
    expect(await sb.run(['delete', 'pod', 'x', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await sb.run(['delete', 'pod/x', 'cm/none', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await sb.run(['delete', 'pods', '-l', 'app=none', '--ignore-not-found'])).toEqual({ stdout: 'No resources found\n', stderr: '', code: 0 });
    expect(await sb.run(['delete', 'pods', '--all'])).toEqual({ stdout: 'No resources found\n', stderr: '', code: 0 });
    expect(await sb.run(['delete', 'pod', 'x'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n', code: 1 });
  });

  it('--all beside -l or --field-selector is refused before anything is deleted', async () => {
    await sb.ok(['run', 'keep', '--image=nginx', '--labels=x=y']);
    const before = sb.stateText();
    const refused = { stdout: '', stderr: "error: setting 'all' parameter but found a non empty selector. \n", code: 1 };
    expect(await sb.run(['delete', 'pods', '--all', '-l', 'x=y'])).toEqual(refused);
    expect(await sb.run(['delete', 'pods', '--all', '--field-selector', 'metadata.name=keep'])).toEqual(refused);
    expect(sb.stateText()).toBe(before);
  });
});
