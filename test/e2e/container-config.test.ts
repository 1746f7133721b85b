// A container whose environment names a missing ConfigMap, Secret or key does not start: the
// kubelet's CreateContainerConfigError with its message and Failed event, until what it lacks is
// written; optional references are skipped.

import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const pod = (name: string, env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
${env}`;

describe('CreateContainerConfigError', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const apply = async (name: string, env: string) => {
    const file = `${sb.dir}/${name}.yaml`;
    writeFileSync(file, pod(name, env));
    return sb.ok(['apply', '-f', file]);
  };
  const waiting = async (name: string) => JSON.parse((await sb.ok(['get', 'pod', name, '-o', 'jsonpath={.status.containerStatuses[0].state}'])) || '{}');

  it('a missing ConfigMap, then a missing key, then the key: the container starts with its value', async () => {
    await apply('cm-ref', '    env:\n    - name: A\n      valueFrom:\n        configMapKeyRef: {name: settings, key: a}\n    - name: B\n      valueFrom:\n        secretKeyRef: {name: nothing, key: b, optional: true}\n');
    expect(await sb.ok(['get', 'pod', 'cm-ref'])).toMatch(/^cm-ref +0\/1 +CreateContainerConfigError +0 +\d+s\n$/m);
    expect(await waiting('cm-ref')).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' } });
    expect(await sb.ok(['get', 'pod', 'cm-ref', '-o', 'jsonpath={.status.phase} {.status.conditions[?(@.type=="Ready")].message}'])).toBe('Pending containers with unready status: [app]');
    const describe = await sb.ok(['describe', 'pod', 'cm-ref']);
    expect(describe).toMatch(/State: +Waiting\n +Reason: +CreateContainerConfigError\n/);
    expect(describe).toMatch(/Warning +Failed +\d+s +kubelet +Error: configmap "settings" not found\n/);

    await sb.ok(['create', 'configmap', 'settings', '--from-literal=other=1']);
    expect((await waiting('cm-ref')).waiting.message).toBe("couldn't find key a in ConfigMap default/settings");
    expect(await sb.ok(['get', 'events', '--field-selector', 'involvedObject.name=cm-ref,reason=Failed', '-o', 'jsonpath={.items[*].message}'])).toBe(
      'Error: configmap "settings" not found Error: couldn\'t find key a in ConfigMap default/settings',
    );

    await sb.ok(['create', 'configmap', 'settings-2']);
    await sb.ok(['delete', 'configmap', 'settings']);
    await sb.ok(['create', 'configmap', 'settings', '--from-literal=a=hello']);
    expect(await sb.ok(['get', 'pod', 'cm-ref'])).toMatch(/^cm-ref +1\/1 +Running +0 /m);
    expect(await sb.ok(['exec', 'cm-ref', '--', 'printenv', 'A'])).toBe('hello\n');
    expect(await sb.ok(['get', 'events', '--field-selector', 'involvedObject.name=cm-ref', '-o', 'jsonpath={.items[*].reason}'])).toMatch(/Created Started$/);
    // Nothing waits any more: the kubelet's list of waiting pods is gone from the state.
    expect(readFileSync(sb.state, 'utf8')).not.toContain('waitingConfig');
  });

  it('Secrets and envFrom words, and optional references that are skipped', async () => {
    await apply('secret-key', '    env:\n    - name: P\n      valueFrom:\n        secretKeyRef: {name: creds, key: password}\n');
    expect((await waiting('secret-key')).waiting.message).toBe('secret "creds" not found');
    await sb.ok(['create', 'secret', 'generic', 'creds', '--from-literal=user=u']);
    expect((await waiting('secret-key')).waiting.message).toBe("couldn't find key password in Secret default/creds");

    await apply('env-from', '    envFrom:\n    - configMapRef: {name: absent}\n');
    expect((await waiting('env-from')).waiting.message).toBe('configmap "absent" not found');

    await apply('optional', '    envFrom:\n    - secretRef: {name: absent, optional: true}\n    env:\n    - name: X\n      valueFrom:\n        configMapKeyRef: {name: settings, key: missing, optional: true}\n');
    expect(await sb.ok(['get', 'pod', 'optional'])).toMatch(/^optional +1\/1 +Running +0 /m);
  });
});
