// Shorthand flags as pflag reads them: `-x=value`, `-xvalue` and groups like `-it`, for every verb.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('shorthand flags', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('-n=NS, -nNS and -n NS name the same namespace, before or after the verb', async () => {
    const spaced = await sb.ok(['get', 'pods', '-n', 'kube-system', '-o', 'name']);
    expect(spaced).toContain('pod/coredns-');
    expect(await sb.run(['get', 'pods', '-n=kube-system', '-o', 'name'])).toEqual({ stdout: spaced, stderr: '', code: 0 });
    expect(await sb.run(['-n=kube-system', 'get', 'pods', '-o=name'])).toEqual({ stdout: spaced, stderr: '', code: 0 });
    expect(await sb.run(['get', 'pods', '-nkube-system', '-oname'])).toEqual({ stdout: spaced, stderr: '', code: 0 });
  });

  it('-o=jsonpath=…, -l=k=v and -c=name keep everything after the first =', async () => {
    await sb.ok(['run', 'web', '--image=nginx', '--labels=app=web,tier=front']);
    expect(await sb.ok(['get', 'pods', '-l=app=web', '-o=jsonpath={.items[*].metadata.name}'])).toBe('web');
    expect(await sb.ok(['get', 'pods', '-l=tier!=front', '-o=name'])).toBe('');
    expect(await sb.ok(['logs', 'web', '-c=web'])).toBe(await sb.ok(['logs', 'web', '-c', 'web']));
    expect(await sb.run(['logs', 'web', '-c=nope'])).toEqual(await sb.run(['logs', 'web', '-c', 'nope']));
    expect((await sb.run(['logs', 'web', '-c=nope'])).stderr).toContain(' nope ');
  });

  it('boolean groups and a value at the end of a group', async () => {
    sb.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grouped\n');
    expect(await sb.run(['apply', '-f=cm.yaml', '-oname'])).toEqual({ stdout: 'configmap/grouped\n', stderr: '', code: 0 });
    expect(await sb.ok(['exec', 'web', '-in=default', '--', 'cat', '/etc/hostname'])).toBe('web\n');
  });

  it('boolean flags take =true and =false, long or short, and refuse what ParseBool refuses', async () => {
    expect(await sb.run(['delete', 'pod', 'nope', '--ignore-not-found=false'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await sb.run(['delete', 'pod', 'nope', '--ignore-not-found=true'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await sb.ok(['exec', 'web', '-i=false', '--', 'cat', '/etc/hostname'])).toBe('web\n');
    expect(await sb.run(['rollout', 'status', 'deploy/none', '--watch=maybe'])).toEqual({
      stdout: '',
      stderr: 'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kctl rollout status --help\' for usage.\n',
      code: 1,
    });
  });

  it('an unknown letter is reported as pflag reports it', async () => {
    const before = sb.stateText();
    const unknown = await sb.run(['get', 'pods', '-x=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^\w+: unknown shorthand flag: 'x' in -x=1\nSee 'kctl get --help' for usage.\n$/);
    const missing = await sb.run(['get', 'pods', '-o']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^\w+: flag needs an argument: 'o' in -o\nSee 'kctl get --help' for usage.\n$/);
    expect(sb.stateText()).toBe(before);
  });
});
