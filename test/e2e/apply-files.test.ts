// apply -f with several files: each file is applied or reported on its own (kubectl continues
// after a bad file), while the documents of one file stay all-or-nothing.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
const PARSE = 'error parsing dir/b.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context';
const NAME_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('apply -f DIR with a bad file', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const names = async () => (await sb.ok(['get', 'cm', '-o', 'name'])).split('\n').filter((n) => n && !n.endsWith('kube-root-ca.crt'));

  it('applies the valid files and reports the bad one as kubectl does, exit 1', async () => {
    sb.file('dir/a.yaml', cm('a'));
    sb.file('dir/b.yaml', `${cm('b')}   bad: indent\n`);
    sb.file('dir/c.yaml', `${cm('c1')}---\n${cm('c2')}`);
    expect(await sb.run(['apply', '-f', 'dir'])).toEqual({ stdout: 'configmap/a created\nconfigmap/c1 created\nconfigmap/c2 created\n', stderr: `error: ${PARSE}\n`, code: 1 });
    expect(await names()).toEqual(['configmap/a', 'configmap/c1', 'configmap/c2']);
  });

  it('keeps one file\'s documents together, and lists several errors as kubectl lists them', async () => {
    sb.file('dir/d.yaml', `${cm('d1')}---\n${cm('D2')}`);
    expect(await sb.run(['apply', '-f', 'dir'])).toEqual({
      stdout: 'configmap/a unchanged\nconfigmap/c1 unchanged\nconfigmap/c2 unchanged\n',
      stderr: `${PARSE}\nError from server (Invalid): error when creating "dir/d.yaml": ConfigMap "D2" is invalid: metadata.name: Invalid value: "D2": ${NAME_RULE}\n`,
      code: 1,
    });
    expect(await names()).toEqual(['configmap/a', 'configmap/c1', 'configmap/c2']);
  });

  it('several -f are files too; a path that does not exist fails everything', async () => {
    sb.file('e.yaml', cm('e'));
    const r = await sb.run(['apply', '-f', 'dir/d.yaml', '-f', 'e.yaml']);
    expect(r).toEqual({ stdout: 'configmap/e created\n', stderr: `The ConfigMap "D2" is invalid: metadata.name: Invalid value: "D2": ${NAME_RULE}\n`, code: 1 });
    const before = sb.stateText();
    expect(await sb.run(['apply', '-f', 'e.yaml', '-f', 'missing.yaml'])).toEqual({ stdout: '', stderr: 'error: the path "missing.yaml" does not exist\n', code: 1 });
    expect(sb.stateText()).toBe(before);
  });
});
