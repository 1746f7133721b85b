// The controllers' budget: slow-start batches, the per-sync burst, the per-command bound and
// the queue that carries what is left to the next command.

import { describe, expect, it } from 'vitest';
import { resourceInfo } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig, validateShape } from '../../src/cluster/config.js';
import { Budget, budgetOf, BURST_REPLICAS, slowStartBatch } from '../../src/controllers/budget.js';
import { manageReplicas, replicaSetController, type Sync } from '../../src/controllers/replicaset.js';
import { settle } from '../../src/kubelet/index.js';
import type { StateData } from '../../src/store/schema.js';
import { seededRandom } from '../../src/util/random.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('slowStartBatch', () => {
  it('calls in batches of 1, 2, 4… up to the count', () => {
    let calls = 0;
    expect(slowStartBatch(500, 1, () => void calls++)).toEqual({ successes: 500 });
    expect(calls).toBe(500);
    expect(slowStartBatch(0, 1, () => void calls++)).toEqual({ successes: 0 });
    expect(calls).toBe(500);
  });

  it('stops after the first batch with a failure, finishing that batch', () => {
    // Batches: call 1 | 2-3 | 4-7 | 8-15 | 16-31 …; calls from the 10th on fail.
    const calls: number[] = [];
    const r = slowStartBatch(500, 1, () => {
      calls.push(calls.length + 1);
      return calls.length >= 10 ? `refused ${calls.length}` : undefined;
    });
    expect(r).toEqual({ successes: 9, error: 'refused 10' });
    expect(calls).toHaveLength(15);
  });

  it('a refusal of the very first call costs one call', () => {
    let calls = 0;
    expect(slowStartBatch(500, 1, () => `refused ${++calls}`)).toEqual({ successes: 0, error: 'refused 1' });
    expect(calls).toBe(1);
  });
});

describe('Budget', () => {
  it("is the cluster's writesPerCommand, 5,000 unless the cluster config says otherwise", async () => {
    const plain = await bootstrap(defaultConfig('2025-01-01T00:00:00Z', { ingressNginx: false }), NOW, seededRandom('b'), {});
    expect(budgetOf(new Cluster(plain, NOW, seededRandom('b1'))).remaining).toBe(5000);
    const small = await bootstrap(defaultConfig('2025-01-01T00:00:00Z', { ingressNginx: false, writesPerCommand: 40 }), NOW, seededRandom('b'), {});
    expect(budgetOf(new Cluster(small, NOW, seededRandom('b2'))).remaining).toBe(40);
    expect(validateShape({ writesPerCommand: 5 })).toBe('writesPerCommand must be a whole number of objects from 10 to 100000');
  });

  it('grants what is left, and queues the controller that asked for more', () => {
    const b = new Budget(10);
    b.running = 'replicaset';
    expect(b.take(4)).toBe(4);
    expect(b.queued.size).toBe(0);
    expect(b.take(8)).toBe(6);
    expect([...b.queued]).toEqual(['replicaset']);
    expect(b.take(1)).toBe(0);
    b.refund(3);
    b.running = 'job';
    expect(b.take(3)).toBe(3);
    expect([...b.queued]).toEqual(['replicaset']);
  });
});

/** The cluster's writesPerCommand: a few bursts, smaller than the default 5,000 to keep the file quick. */
const WRITES_PER_COMMAND = 2 * BURST_REPLICAS;

async function fresh(): Promise<StateData> {
  return bootstrap(defaultConfig('2025-01-01T00:00:00Z', { ingressNginx: false, writesPerCommand: WRITES_PER_COMMAND }), NOW, seededRandom('budget'), {});
}

/** One command's worth of controller work on the state, as a command that writes does it. */
async function command(data: StateData, salt: string, change?: (api: ApiServer) => void): Promise<Cluster> {
  const cluster = new Cluster(data, NOW, seededRandom(salt), true);
  change?.(new ApiServer(cluster));
  await settle(cluster, {});
  return cluster;
}

const RS = resourceInfo('replicasets');
const huge = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'huge', namespace: 'default' },
  spec: {
    replicas: 2147483647,
    selector: { matchLabels: { app: 'huge' } },
    template: { metadata: { labels: { app: 'huge' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
};
const hugePods = (data: StateData) => Object.values(data.objects.pods ?? {}).filter((p) => p.metadata.labels?.app === 'huge').length;

describe('the replicaset controller', () => {
  it('creates at most BURST_REPLICAS pods in one sync, and syncs again while the budget lasts', async () => {
    const data = await fresh();
    const api = new ApiServer(new Cluster(data, NOW, seededRandom('sync'), true));
    const rs = api.create(huge, RS);
    const sync: Sync = { rs, pods: [], attempted: false, deferred: false };
    expect(manageReplicas(api, sync)).toBe(true);
    expect(hugePods(data)).toBe(BURST_REPLICAS);
    expect(sync.pods).toHaveLength(BURST_REPLICAS);
    // The controller's pass: syncs in turn until the command's budget is spent.
    replicaSetController(api);
    expect(hugePods(data)).toBe(WRITES_PER_COMMAND);
    expect(api.get(RS, 'default', 'huge').status?.replicas).toBe(WRITES_PER_COMMAND);
  });

  it('creates WRITES_PER_COMMAND pods per command, queues the rest, and the next command carries on', async () => {
    const data = await fresh();
    await command(data, 'c1', (api) => api.create(huge, RS));
    expect(hugePods(data)).toBe(WRITES_PER_COMMAND);
    expect(data.queued).toEqual(['replicaset']);
    // A command that changes nothing the controller watches still runs it, from the queue.
    await command(data, 'c2');
    expect(hugePods(data)).toBe(2 * WRITES_PER_COMMAND);
    expect(data.queued).toEqual(['replicaset']);
  });

  it('scales down a huge set by a budget per command and empties the queue when done', async () => {
    const data = await fresh();
    await command(data, 'c1', (api) => api.create(huge, RS));
    await command(data, 'c2');
    await command(data, 'c3', (api) => api.updateScale(RS, 'default', 'huge', 500));
    // 2,000 pods down to 500 takes 1,500 deletions: a command's budget, then the rest.
    expect(hugePods(data)).toBe(2 * WRITES_PER_COMMAND - WRITES_PER_COMMAND);
    expect(data.queued).toEqual(['replicaset']);
    await command(data, 'c4');
    expect(hugePods(data)).toBe(500);
    expect(data.queued).toBeUndefined();
  });

  it('past the cluster pod cap: slow start stops at the first refusal, with FailedCreate and ReplicaFailure', async () => {
    const data = await fresh();
    const before = Object.keys(data.objects.pods).length;
    data.config.maxPods = before + 10;
    const cluster = await command(data, 'c1', (api) => api.create({ ...huge, spec: { ...huge.spec, replicas: 100 } }, RS));
    expect(hugePods(data)).toBe(10);
    // Not queued: a refusal is retried when pods go, not by every command.
    expect(data.queued).toBeUndefined();
    const rs = new ApiServer(cluster).get(RS, 'default', 'huge');
    const failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(failure).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failure?.message).toMatch(/^pods "huge-[a-z0-9]{5}" is forbidden: exceeded quota: kctl-max-pods, requested: pods=1, used: pods=\d+, limited: pods=\d+$/);
    const failed = Object.values(data.objects.events).filter((e) => e.reason === 'FailedCreate');
    // Batches of 1, 2 and 4 made 7 pods; the batch of 8 that met the cap made 3 and had 5 refused,
    // and the controller backs off for the rest of the command.
    expect(failed.length).toBe(5);
    expect(String(failed[0].message)).toMatch(/^Error creating: pods "huge-[a-z0-9]{5}" is forbidden: exceeded quota: kctl-max-pods/);
  });
});
