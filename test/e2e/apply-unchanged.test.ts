// Re-applying a manifest that asks for nothing new: kubectl sends no patch when the three-way
// patch is empty (`unchanged`), and a patch the server finds to change nothing moves nothing.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('apply of a manifest made by create --dry-run=client -o yaml', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('starts no new rollout and leaves the state as it was', async () => {
    const manifest = await sb.ok(['create', 'deployment', 'w', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    expect(manifest).toContain('  creationTimestamp: null\n');
    expect(manifest).toContain('  strategy: {}\n');
    expect(manifest).toContain('        resources: {}\n');
    expect(manifest).toMatch(/\nstatus: \{\}\n$/);
    sb.file('w.yaml', manifest);
    expect(await sb.ok(['apply', '-f', 'w.yaml'])).toBe('deployment.apps/w created\n');
    const before = sb.stateText();
    // The manifest's `metadata.creationTimestamp: null` differs from the live timestamp, so
    // kubectl sends a patch and says configured; the server keeps the timestamp and writes nothing.
    expect(await sb.run(['apply', '-f', 'w.yaml'])).toEqual({ stdout: 'deployment.apps/w configured\n', stderr: '', code: 0 });
    expect(sb.stateText()).toBe(before);
    expect(await sb.ok(['rollout', 'history', 'deploy/w'])).toBe('deployment.apps/w \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect((await sb.ok(['get', 'rs', '-l', 'app=w', '-o', 'name'])).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('is unchanged without the top-level creationTimestamp: null, whose template still has one', async () => {
    const manifest = (await sb.ok(['create', 'deployment', 'v', '--image=nginx', '--dry-run=client', '-o', 'yaml'])).replace(/^metadata:\n {2}creationTimestamp: null\n/m, 'metadata:\n');
    expect(manifest).toContain('    metadata:\n      creationTimestamp: null\n');
    sb.file('v.yaml', manifest);
    expect(await sb.ok(['apply', '-f', 'v.yaml'])).toBe('deployment.apps/v created\n');
    const before = sb.stateText();
    expect(await sb.run(['apply', '-f', 'v.yaml'])).toEqual({ stdout: 'deployment.apps/v unchanged\n', stderr: '', code: 0 });
    expect(sb.stateText()).toBe(before);
    sb.file('v.yaml', manifest.replace('image: nginx', 'image: nginx:1.27'));
    expect(await sb.ok(['apply', '-f', 'v.yaml'])).toBe('deployment.apps/v configured\n');
    expect(await sb.ok(['rollout', 'history', 'deploy/v'])).toBe('deployment.apps/v \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('a create keeps explicit nulls out of the object but not out of last-applied-configuration', async () => {
    sb.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nulls\n  labels: null\ndata:\n  a: "1"\n');
    await sb.ok(['apply', '-f', 'cm.yaml']);
    const cm = JSON.parse(await sb.ok(['get', 'cm', 'nulls', '-o', 'json']));
    expect(cm.metadata).not.toHaveProperty('labels');
    expect(cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"labels":null');
  });
});
