// Field ownership as structured-merge-diff keeps it: FieldsV1 of an update, ownership moving
// between managers, and server-side apply's merge, pruning and conflicts.
import { describe, expect, it } from 'vitest';
import { FieldSet, managedFieldsAfterUpdate, pathString, serverSideApply, type ManagedFieldsEntry } from '../../src/api/managedfields/index.js';
import { StatusError, statusOf } from '../../src/api/errors.js';
import type { KObject } from '../../src/api/types.js';

const T1 = '2025-03-01T10:00:00Z';
const T2 = '2025-03-01T11:00:00Z';

function deployment(replicas: number, containers: object[] = [{ name: 'web', image: 'nginx' }], labels: Record<string, string> = { app: 'web' }): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } } },
  } as KObject;
}

const withFields = (o: KObject, managedFields: ManagedFieldsEntry[] | undefined) => ({ ...o, metadata: { ...o.metadata, managedFields } }) as KObject;
const managers = (fields: ManagedFieldsEntry[] | undefined) => (fields ?? []).map((e) => `${e.manager}/${e.operation}`);
const owned = (fields: ManagedFieldsEntry[] | undefined, manager: string) => [...FieldSet.fromFieldsV1(fields?.find((e) => e.manager === manager)?.fieldsV1).paths()].map(pathString);

describe('managedFields of updates', () => {
  it('a create owns what it set: maps, new list items and pointer structs are members themselves, structs are not', () => {
    const obj = deployment(2, [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]);
    (obj.spec as Record<string, unknown>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } };
    const fields = managedFieldsAfterUpdate(undefined, obj, { manager: 'kubectl-create', apiVersion: 'apps/v1', now: T1 });
    expect(fields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"web"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('another manager\'s update takes the fields it changes; the time moves only for the one that changed', () => {
    const v1 = withFields(deployment(2), managedFieldsAfterUpdate(undefined, deployment(2), { manager: 'a', apiVersion: 'apps/v1', now: T1 }));
    const v2 = withFields(deployment(3), managedFieldsAfterUpdate(v1, deployment(3), { manager: 'b', apiVersion: 'apps/v1', now: T2 }));
    expect(owned(v2.metadata.managedFields as ManagedFieldsEntry[], 'b')).toEqual(['.spec.replicas']);
    expect(owned(v2.metadata.managedFields as ManagedFieldsEntry[], 'a')).not.toContain('.spec.replicas');
    expect((v2.metadata.managedFields as ManagedFieldsEntry[]).map((e) => [e.manager, e.time])).toEqual([
      ['a', T1],
      ['b', T2],
    ]);
    // Removing a field removes it from its owner; a manager left with nothing is dropped.
    const v3 = managedFieldsAfterUpdate(v2, withFields(deployment(3, undefined, {}), v2.metadata.managedFields as ManagedFieldsEntry[]), { manager: 'c', apiVersion: 'apps/v1', now: T2 });
    expect(owned(v3, 'a')).not.toContain('.metadata.labels.app');
    expect(managers(v3)).toEqual(['a/Update', 'b/Update']);
  });
});

describe('server-side apply', () => {
  const apply = (live: KObject | undefined, config: KObject, manager = 'kubectl', force = false) => serverSideApply(live, config, { manager, now: T2, force });
  const created = withFields(deployment(3), managedFieldsAfterUpdate(undefined, deployment(3), { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', now: T1 }));

  it('creates from the configuration, owning exactly what it sets', () => {
    const r = apply(undefined, deployment(1));
    expect(r.object.spec).toEqual(deployment(1).spec);
    expect(managers(r.managedFields)).toEqual(['kubectl/Apply']);
    expect(owned(r.managedFields, 'kubectl')).toEqual([
      '.metadata.labels.app',
      '.spec.replicas',
      '.spec.selector',
      '.spec.template.metadata.labels.app',
      '.spec.template.spec.containers[name="web"]',
      '.spec.template.spec.containers[name="web"].image',
      '.spec.template.spec.containers[name="web"].name',
    ]);
  });

  it('conflicts where it would change another manager\'s field, in the API server\'s words; same values are shared', () => {
    let err: unknown;
    try {
      apply(created, deployment(5));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect(statusOf(err as StatusError)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
    expect(() => apply(created, deployment(5, [{ name: 'web', image: 'nginx:2' }]))).toThrow(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
    );
    const shared = apply(created, deployment(3));
    expect(owned(shared.managedFields, 'kubectl')).toContain('.spec.replicas');
    expect(owned(shared.managedFields, 'kubectl-client-side-apply')).toContain('.spec.replicas');
  });

  it('--force-conflicts takes the fields from their owner', () => {
    const r = apply(created, deployment(5), 'kubectl', true);
    expect((r.object.spec as { replicas: number }).replicas).toBe(5);
    expect(owned(r.managedFields, 'kubectl')).toContain('.spec.replicas');
    expect(owned(r.managedFields, 'kubectl-client-side-apply')).not.toContain('.spec.replicas');
  });

  it('merges associative lists by key, and removes what the manager applied before and no longer applies', () => {
    const first = apply(undefined, deployment(1, [{ name: 'web', image: 'nginx' }], { app: 'web', tier: 'front' }));
    const live = withFields(first.object, first.managedFields);
    // Another manager adds a container; ours is changed through its key.
    const other = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'log', image: 'busybox' }] } } } } as KObject, 'sidecar');
    const live2 = withFields(other.object, other.managedFields);
    const containers = (o: KObject) => (o.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    expect(containers(live2).map((c) => c.name)).toEqual(['web', 'log']);
    // Dropping the label `tier` from the configuration removes it; the sidecar stays, being the other manager's.
    const again = apply(live2, deployment(1, [{ name: 'web', image: 'nginx:1.27' }], { app: 'web' }));
    expect(again.object.metadata.labels).toEqual({ app: 'web' });
    expect(containers(again.object)).toEqual([
      { name: 'web', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox' },
    ]);
    // Dropping our container removes it.
    const gone = apply(withFields(again.object, again.managedFields), deployment(1, [], { app: 'web' }));
    expect(containers(gone.object).map((c) => c.name)).toEqual(['log']);
  });

  it('refuses a field the kind does not have, as the API server does', () => {
    const bad = { ...deployment(1), spec: { ...(deployment(1).spec as object), replica: 2 } } as KObject;
    expect(() => apply(undefined, bad)).toThrow('failed to create typed patch object (apps/v1, Kind=Deployment): .spec.replica: field not declared in schema');
  });
});
