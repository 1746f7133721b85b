// Objects past a v1.32 API server's size limits are refused with its messages, as kubectl prints
// them: ConfigMap and Secret data over 1 MiB, annotations over 256 KiB (client-side apply meets
// it through last-applied-configuration), a body over the 3 MiB request limit (413), and an
// object etcd will not store (1.5 MiB). Each refusal exits 1 and leaves the state file as it was.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const STACK = /\n\s+at |TypeError|RangeError/;

const configMapYaml = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  big: ${value}\n`;

describe('object size limits', () => {
  const sb = new Sandbox();
  let state: string;
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    state = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  const refused = async (args: string[], stderr: string, opts: { stdin?: string } = {}) => {
    const r = await sb.run(args, opts);
    expect(r.stderr).toBe(stderr);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(sb.stateText()).toBe(state);
  };

  it('create configmap --from-file over 1 MiB: the ConfigMap validation, in create configmap words', async () => {
    const f = sb.file('big', 'a'.repeat(MiB + 1));
    await refused(['create', 'cm', 'x', `--from-file=${f}`], 'error: failed to create configmap: ConfigMap "x" is invalid: []: Too long: may not be more than 1048576 bytes\n');
  });

  it('a ConfigMap of exactly 1 MiB is stored', async () => {
    const f = sb.file('exact', 'a'.repeat(MiB));
    expect(await sb.ok(['create', 'cm', 'exact', `--from-file=${f}`, '--dry-run=server'])).toBe('configmap/exact created (server dry run)\n');
  });

  it('binaryData counts its decoded bytes with data', async () => {
    const f = sb.file('bin.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bin\ndata:\n  a: ${'a'.repeat(600 * KiB)}\nbinaryData:\n  b: ${Buffer.alloc(600 * KiB).toString('base64')}\n`);
    await refused(['create', '-f', f], 'The ConfigMap "bin" is invalid: []: Too long: may not be more than 1048576 bytes\n');
  });

  it('create secret generic over 1 MiB: data is too long, in create secret words', async () => {
    const f = sb.file('secret-big', 'a'.repeat(MiB + 1));
    await refused(['create', 'secret', 'generic', 's', `--from-file=${f}`], 'error: failed to create secret Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes\n');
  });

  it('apply -f of a ConfigMap over 1 MiB: last-applied-configuration and data both too long', async () => {
    const f = sb.file('cm-1m.yaml', configMapYaml('big', 'a'.repeat(MiB + 1)));
    await refused(
      ['apply', '-f', f],
      'The ConfigMap "big" is invalid: \n* metadata.annotations: Too long: may not be more than 262144 bytes\n* []: Too long: may not be more than 1048576 bytes\n',
    );
  });

  it('apply -f of a 300 KiB ConfigMap: its last-applied-configuration passes the annotations limit', async () => {
    const f = sb.file('cm-300k.yaml', configMapYaml('medium', 'a'.repeat(300 * KiB)));
    await refused(['apply', '-f', f], 'The ConfigMap "medium" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n');
    // create does not write the annotation: the same object is stored.
    expect(await sb.ok(['create', '-f', f, '--dry-run=server'])).toBe('configmap/medium created (server dry run)\n');
  });

  it('annotations count bytes, not characters', async () => {
    const f = sb.file('ann.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ann\n  annotations:\n    a: ${'é'.repeat(132 * KiB)}\n`);
    await refused(['create', '-f', f], 'The ConfigMap "ann" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n');
  });

  it('a request body over 3 MiB: 413 from the server', async () => {
    const f = sb.file('cm-4m.yaml', configMapYaml('huge', 'a'.repeat(4 * MiB)));
    await refused(['apply', '-f', f], `Error from server (RequestEntityTooLarge): error when creating "${f}": Request entity too large: limit is 3145728\n`);
    await refused(['create', '-f', f], `Error from server (RequestEntityTooLarge): error when creating "${f}": Request entity too large: limit is 3145728\n`);
  });

  it('apply -f - with 45 MB from a pipe is refused at the manifest cap', async () => {
    await refused(['apply', '-f', '-'], 'error: STDIN is too large: kctl reads manifests of at most 8 MiB\n', { stdin: configMapYaml('pipe', 'a'.repeat(45_000_000)) });
  });

  it('create configmap --from-file=/dev/zero stops at the request limit', async () => {
    await refused(['create', 'cm', 'zero', '--from-file=/dev/zero'], 'error: failed to create configmap: Request entity too large: limit is 3145728\n');
    await refused(['create', 'secret', 'generic', 'zero', '--from-file=k=/dev/zero'], 'error: failed to create secret Request entity too large: limit is 3145728\n');
  });

  it('apply to an existing object with a patch body over 3 MiB: 413', async () => {
    await sb.ok(['apply', '-f', sb.file('small.yaml', configMapYaml('small', 'a'))]);
    const after = sb.stateText();
    // The patch carries the new data and, in last-applied-configuration, the manifest again.
    const r = await sb.run(['apply', '-f', sb.file('small-2m.yaml', configMapYaml('small', 'b'.repeat(2 * MiB)))]);
    expect(r.stderr).toMatch(/^Error from server \(RequestEntityTooLarge\): .*Request entity too large: limit is 3145728\n$/);
    expect(r.code).toBe(1);
    expect(sb.stateText()).toBe(after);
    await sb.ok(['delete', 'cm', 'small']);
    state = sb.stateText();
  });

  it('an object under the body limit but over etcd\'s 1.5 MiB: etcdserver: request is too large', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fat' }, spec: { containers: [{ name: 'c', image: 'nginx', args: ['a'.repeat(2 * MiB)] }] } };
    const f = sb.file('fat.json', JSON.stringify(pod));
    await refused(['create', '-f', f], `Error from server: error when creating "${f}": etcdserver: request is too large\n`);
    // apply adds last-applied-configuration, a second copy: the body passes 3 MiB first.
    await refused(['apply', '-f', f], `Error from server (RequestEntityTooLarge): error when creating "${f}": Request entity too large: limit is 3145728\n`);
  });

  it('annotate past 256 KiB of annotations leaves the object as it was', async () => {
    await sb.ok(['create', 'cm', 'notes']);
    const after = sb.stateText();
    const r = await sb.run(['annotate', 'cm', 'notes', ...['a', 'b', 'c'].map((k) => `${k}=${k.repeat(100 * KiB)}`)]);
    expect(r.stderr).toBe('The ConfigMap "notes" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n');
    expect(r.code).toBe(1);
    expect(sb.stateText()).toBe(after);
  });
});
