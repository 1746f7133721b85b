// kubectl apply --server-side through kctl serve: field ownership per manager in managedFields,
// the conflict kubectl shows when another manager owns a field, --force-conflicts, fields removed
// when a manager stops applying them, and objects created by an apply.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const DEPLOYMENT = new URL('../../samples/perfect-guide/ch06/sample-deployment.yaml', import.meta.url).pathname;
const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };

const HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe('kubectl apply --server-side against kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  const k = (...args: string[]) => kubectl(sb, served, args);
  const kctl = (...args: string[]) => sb.run(args, { env });
  const managers = async (what: string) =>
    (await k('get', what, '-o', 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}{"\\n"}{end}', '--show-managed-fields')).stdout;

  beforeAll(async () => {
    served = await startServe(sb, [], env);
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it('a client-side apply owns its fields as kubectl-client-side-apply; get hides managedFields unless asked', async () => {
    expect((await k('apply', '-f', DEPLOYMENT)).stdout).toBe('deployment.apps/sample-deployment created\n');
    expect(await managers('deploy/sample-deployment')).toBe('kubectl-client-side-apply/Update\n');
    const yaml = await k('get', 'deploy', 'sample-deployment', '-o', 'yaml');
    expect(yaml.stdout).not.toContain('managedFields');
    expect(yaml.stdout).toBe((await kctl('get', 'deploy', 'sample-deployment', '-o', 'yaml')).stdout);
    const shown = await k('get', 'deploy', 'sample-deployment', '-o', 'yaml', '--show-managed-fields');
    expect(shown.stdout).toContain('    manager: kubectl-client-side-apply\n    operation: Update\n');
    expect(shown.stdout).toBe((await kctl('get', 'deploy', 'sample-deployment', '-o', 'yaml', '--show-managed-fields')).stdout);
  });

  it('changing a field kubectl-client-side-apply owns is a conflict, in kubectl\'s words, and changes nothing', async () => {
    const before = sb.stateText();
    const file = sb.file('five.yaml', (await import('node:fs')).readFileSync(DEPLOYMENT, 'utf8').replace('replicas: 3', 'replicas: 5'));
    const r = await k('apply', '--server-side', '-f', file);
    expect(r.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${HELP}`);
    expect(r.code).toBe(1);
    expect(sb.stateText()).toBe(before);
    // The same values are co-owned without a conflict.
    expect((await k('apply', '--server-side', '-f', DEPLOYMENT)).stdout).toBe('deployment.apps/sample-deployment serverside-applied\n');
    const forced = await k('apply', '--server-side', '--force-conflicts', '-f', file);
    expect(forced.stdout).toBe('deployment.apps/sample-deployment serverside-applied\n');
    expect((await kctl('get', 'deploy', 'sample-deployment', '-o', 'jsonpath={.spec.replicas} {.status.readyReplicas}')).stdout).toBe('5 5');
    // kubectl moved the client-side apply's ownership to its own manager (and the annotation to kubectl-last-applied).
    expect(await managers('deploy/sample-deployment')).toBe('kubectl/Apply\nkubectl-last-applied/Apply\n');
    const fields = JSON.parse((await k('get', 'deploy', 'sample-deployment', '-o', 'jsonpath={.metadata.managedFields[0].fieldsV1}', '--show-managed-fields')).stdout);
    expect(fields['f:spec']['f:replicas']).toEqual({});
  });

  it('two appliers: the second conflicts with the first by name; fields no longer applied are removed', async () => {
    const cm = (data: string) => sb.file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n${data}`);
    const first = await k('apply', '--server-side', '--field-manager=team-a', '-f', cm('  a: "1"\n  b: "2"\n'));
    expect(first.stdout).toBe('configmap/settings serverside-applied\n');
    const second = await k('apply', '--server-side', '--field-manager=team-b', '-f', cm('  a: "9"\n'));
    expect(second.stderr.split('\n')[0]).toBe('error: Apply failed with 1 conflict: conflict with "team-a": .data.a');
    expect((await k('apply', '--server-side', '--field-manager=team-b', '-f', cm('  c: "3"\n'))).code).toBe(0);
    // team-a stops applying b: b goes; c stays, being team-b's.
    expect((await k('apply', '--server-side', '--field-manager=team-a', '-f', cm('  a: "1"\n'))).code).toBe(0);
    expect(JSON.parse((await kctl('get', 'cm', 'settings', '-o', 'jsonpath={.data}')).stdout)).toEqual({ a: '1', c: '3' });
    expect(await managers('cm/settings')).toBe('team-a/Apply\nteam-b/Apply\n');
  });

  it('kctl\'s own apply, create and label own their fields as kubectl\'s do, so a server-side apply conflicts with them', async () => {
    const svc = sb.file('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n');
    await sb.ok(['apply', '-f', svc], { env });
    await sb.ok(['label', 'svc', 'web', 'tier=front'], { env });
    await sb.ok(['create', 'configmap', 'made-by-kctl', '--from-literal=a=b'], { env });
    expect(await managers('svc/web')).toBe('kubectl-client-side-apply/Update\nkubectl-label/Update\n');
    expect(await managers('cm/made-by-kctl')).toBe('kubectl-create/Update\n');
    const r = await k('apply', '--server-side', '-f', sb.file('svc2.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {tier: back}\nspec:\n  selector: {app: api}\n  ports:\n  - port: 80\n'));
    expect(r.stderr.split('\n').slice(0, 5)).toEqual([
      'error: Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using v1',
      '- .spec.selector.app',
      'conflicts with "kubectl-label" using v1',
      '- .metadata.labels.tier',
      'Please review the fields above--they currently have other managers. Here',
    ]);
  });

  it('kubectl scale owns the replicas through the scale subresource', async () => {
    const file = sb.file('scaled.yaml', (await import('node:fs')).readFileSync(DEPLOYMENT, 'utf8').replace(/sample-deployment/g, 'scaled'));
    expect((await k('apply', '--server-side', '-f', file)).code).toBe(0);
    expect((await k('scale', 'deploy', 'scaled', '--replicas=2')).stdout).toBe('deployment.apps/scaled scaled\n');
    expect(await managers('deploy/scaled')).toBe('kubectl/Apply\nkubectl/Update\n');
    const r = await k('apply', '--server-side', '-f', file);
    expect(r.stderr.split('\n')[0]).toBe('error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('a field the kind does not have is refused with the API server\'s message', async () => {
    const bad = sb.file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndatta:\n  a: "1"\n');
    const r = await k('apply', '--server-side', '-f', bad);
    expect(r.stderr).toBe(`Error from server (BadRequest): failed to create typed patch object (/v1, Kind=ConfigMap): .datta: field not declared in schema\n`);
  });
});
