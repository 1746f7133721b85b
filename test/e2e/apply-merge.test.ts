// apply's three-way strategic merge: lists merge by their v1.32 merge keys (containers and env by
// name, ports by containerPort), so what the server or another command set survives a re-apply,
// what the manifest dropped goes, and the order follows the manifest.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const deployment = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
${containers}`;

const nginx = (env: string) => `      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        - containerPort: 443
        env:
${env}`;
const sidecar = `      - name: sidecar
        image: busybox
        command: [sleep, "3600"]
`;

describe('apply merges lists by their merge keys', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const containers = async () => JSON.parse(await sb.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers}'])) as Record<string, unknown>[];

  it('keeps what the server defaulted, drops what the manifest dropped, and follows its order', async () => {
    sb.file('web.yaml', deployment(nginx('        - {name: A, value: "1"}\n        - {name: B, value: "2"}\n') + sidecar));
    expect(await sb.ok(['apply', '-f', 'web.yaml'])).toBe('deployment.apps/web created\n');
    const created = await containers();
    expect(created.map((c) => c.name)).toEqual(['nginx', 'sidecar']);
    expect(created[0].terminationMessagePath).toBe('/dev/termination-log');

    // The sidecar first, env B gone, port 443 gone: a positional merge would pair the wrong items.
    sb.file('web.yaml', deployment(sidecar + nginx('        - {name: A, value: "1"}\n').replace('        - containerPort: 443\n', '')));
    expect(await sb.ok(['apply', '-f', 'web.yaml'])).toBe('deployment.apps/web configured\n');
    const after = await containers();
    expect(after.map((c) => c.name)).toEqual(['sidecar', 'nginx']);
    const web = after[1] as { env: { name: string }[]; ports: { containerPort: number; protocol: string }[]; imagePullPolicy: string; image: string };
    expect(web.image).toBe('nginx:1.27');
    expect(web.env.map((e) => e.name)).toEqual(['A']);
    expect(web.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(web.imagePullPolicy).toBe('IfNotPresent');
    expect((after[0] as { command: string[] }).command).toEqual(['sleep', '3600']);
  });

  it('leaves what another command set alone, and re-applying the same manifest changes nothing', async () => {
    await sb.ok(['label', 'deploy', 'web', 'team=blue']);
    const before = sb.stateText();
    expect(await sb.ok(['apply', '-f', 'web.yaml'])).toBe('deployment.apps/web unchanged\n');
    expect(sb.stateText()).toBe(before);
    expect(await sb.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels.team}'])).toBe('blue');
  });
});
