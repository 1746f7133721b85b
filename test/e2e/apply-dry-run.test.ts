// apply --dry-run asks the server what exists: an existing object is configured (or, on the
// server, unchanged for an empty patch), a new one created; nothing is stored.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const cm = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "${value}"\n`;

describe('apply --dry-run on objects that exist', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('client: configured (dry run), printing the object as it is', async () => {
    sb.file('cfg.yaml', cm('1'));
    await sb.ok(['apply', '-f', 'cfg.yaml']);
    const before = sb.stateText();
    expect(await sb.run(['apply', '-f', 'cfg.yaml', '--dry-run=client'])).toEqual({ stdout: 'configmap/cfg configured (dry run)\n', stderr: '', code: 0 });
    sb.file('cfg.yaml', cm('2'));
    expect(await sb.run(['apply', '-f', 'cfg.yaml', '--dry-run=client'])).toEqual({ stdout: 'configmap/cfg configured (dry run)\n', stderr: '', code: 0 });
    // kubectl prints the live object it fetched: no patch is computed on the client.
    expect(await sb.ok(['apply', '-f', 'cfg.yaml', '--dry-run=client', '-o', 'jsonpath={.data.a}'])).toBe('1');
    expect(sb.stateText()).toBe(before);
  });

  it('server: configured or unchanged (server dry run), printing what the server would store', async () => {
    const before = sb.stateText();
    expect(await sb.run(['apply', '-f', 'cfg.yaml', '--dry-run=server'])).toEqual({ stdout: 'configmap/cfg configured (server dry run)\n', stderr: '', code: 0 });
    expect(await sb.ok(['apply', '-f', 'cfg.yaml', '--dry-run=server', '-o', 'jsonpath={.data.a}'])).toBe('2');
    sb.file('cfg.yaml', cm('1'));
    expect(await sb.run(['apply', '-f', 'cfg.yaml', '--dry-run=server'])).toEqual({ stdout: 'configmap/cfg unchanged (server dry run)\n', stderr: '', code: 0 });
    expect(sb.stateText()).toBe(before);
  });

  it('a new object is created (dry run), as apply would send it', async () => {
    sb.file('new.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n  labels: null\ndata:\n  a: "1"\n');
    const before = sb.stateText();
    expect(await sb.ok(['apply', '-f', 'new.yaml', '--dry-run=client'])).toBe('configmap/fresh created (dry run)\n');
    expect(await sb.ok(['apply', '-f', 'new.yaml', '--dry-run=client', '-o', 'yaml'])).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":null,"name":"fresh","namespace":"default"}}\n  name: fresh\n  namespace: default\n',
    );
    expect(await sb.ok(['apply', '-f', 'new.yaml', '--dry-run=server'])).toBe('configmap/fresh created (server dry run)\n');
    expect(sb.stateText()).toBe(before);
  });
});
