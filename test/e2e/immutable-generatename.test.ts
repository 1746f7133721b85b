// What the API server and kubectl refuse: changes to immutable ConfigMaps and Secrets
// (ValidateConfigMapUpdate / ValidateSecretUpdate), and apply of an object with only generateName.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const cm = (extra: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n${extra}data:\n  a: "${value}"\n`;
const FORBIDDEN = 'Forbidden: field is immutable when `immutable` is set';

describe('immutable ConfigMaps and Secrets', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('refuse data changes and unsetting immutable, and allow metadata changes', async () => {
    sb.file('cm.yaml', cm('immutable: true\n', '1'));
    await sb.ok(['apply', '-f', 'cm.yaml']);
    const before = sb.stateText();
    sb.file('cm.yaml', cm('immutable: true\n', '2'));
    expect(await sb.run(['apply', '-f', 'cm.yaml'])).toEqual({ stdout: '', stderr: `The ConfigMap "frozen" is invalid: data: ${FORBIDDEN}\n`, code: 1 });
    sb.file('cm.yaml', cm('', '1'));
    expect(await sb.run(['apply', '-f', 'cm.yaml'])).toEqual({ stdout: '', stderr: `The ConfigMap "frozen" is invalid: immutable: ${FORBIDDEN}\n`, code: 1 });
    sb.file('cm.yaml', cm('immutable: false\n', '3'));
    expect(await sb.run(['apply', '-f', 'cm.yaml'])).toEqual({ stdout: '', stderr: `The ConfigMap "frozen" is invalid: \n* immutable: ${FORBIDDEN}\n* data: ${FORBIDDEN}\n`, code: 1 });
    expect(sb.stateText()).toBe(before);
    expect(await sb.ok(['label', 'cm', 'frozen', 'still=editable'])).toBe('configmap/frozen labeled\n');
  });

  it('a Secret keeps its data, stringData included', async () => {
    sb.file('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sealed\nimmutable: true\nstringData:\n  a: "1"\n');
    await sb.ok(['apply', '-f', 's.yaml']);
    const before = sb.stateText();
    sb.file('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sealed\nimmutable: true\nstringData:\n  a: "2"\n');
    expect(await sb.run(['apply', '-f', 's.yaml'])).toEqual({ stdout: '', stderr: `The Secret "sealed" is invalid: data: ${FORBIDDEN}\n`, code: 1 });
    expect(sb.stateText()).toBe(before);
  });

  it('a mutable object may become immutable with new data', async () => {
    sb.file('m.yaml', cm('', '1').replace('frozen', 'thaw'));
    await sb.ok(['apply', '-f', 'm.yaml']);
    sb.file('m.yaml', cm('immutable: true\n', '2').replace('frozen', 'thaw'));
    expect(await sb.ok(['apply', '-f', 'm.yaml'])).toBe('configmap/thaw configured\n');
  });
});

describe('generateName', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('apply refuses it on the client; create makes a name', async () => {
    sb.file('gen.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: job-\ndata:\n  a: "1"\n');
    await sb.ok(['create', 'namespace', 'ready']);
    const before = sb.stateText();
    const refused = { stdout: '', stderr: 'error: from job-: cannot use generate name with apply\n', code: 1 };
    expect(await sb.run(['apply', '-f', 'gen.yaml'])).toEqual(refused);
    expect(await sb.run(['apply', '-f', 'gen.yaml', '--dry-run=client'])).toEqual(refused);
    expect(await sb.run(['apply', '-f', 'gen.yaml', '--dry-run=server'])).toEqual(refused);
    expect(sb.stateText()).toBe(before);
    expect(await sb.ok(['create', '-f', 'gen.yaml'])).toMatch(/^configmap\/job-[bcdfghjklmnpqrstvwxz2456789]{5} created\n$/);
  });
});
