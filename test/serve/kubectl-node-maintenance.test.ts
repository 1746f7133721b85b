// The upstream kubectl v1.32's cordon, taint, drain (pods/eviction), top (metrics.k8s.io),
// certificate (the approval subresource) and auth through kctl serve print what kctl prints: a
// twin sandbox with the same clock and seed runs kctl itself on the same steps, and reads are
// compared on the served state itself.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const env = { KCTL_NOW: '2025-03-01T10:00:00Z', KCTL_SEED: '7' };
const CSR = new URL('../fixtures/certificates/jane-csr.yaml', import.meta.url).pathname;

describe('kubectl node maintenance through kctl serve', () => {
  const sb = new Sandbox();
  const twin = new Sandbox();
  let served: Served;
  const both = async (...args: string[]) => {
    const [theirs, ours] = await Promise.all([kubectl(sb, served, args), twin.run(args, { env })]);
    return { theirs, ours: { ...ours, stderr: ours.stderr.replaceAll("'kctl ", "'kubectl ") } };
  };

  /** A read, by kubectl through the server and by kctl on the same state file. */
  const read = async (...args: string[]) => {
    const [theirs, ours] = await Promise.all([kubectl(sb, served, args), sb.run(args, { env })]);
    return { theirs, ours };
  };

  beforeAll(async () => {
    served = await startServe(sb, [], env);
    await twin.run(['get', 'nodes'], { env });
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
    twin.cleanup();
  });

  it('cordon, uncordon and taint, errors included', async () => {
    for (const args of [
      ['cordon', 'kctl-worker'],
      ['cordon', 'kctl-worker'],
      ['uncordon', 'kctl-worker', '--dry-run=server'],
      ['taint', 'nodes', 'kctl-worker', 'dedicated=db:NoSchedule'],
      ['taint', 'nodes', 'kctl-worker', 'dedicated=web:NoSchedule'],
      ['taint', 'nodes', 'kctl-worker', 'x=y:Never'],
      ['taint', 'nodes', 'kctl-worker', 'dedicated:NoSchedule-', 'gone-'],
      ['get', 'nodes'],
    ]) {
      const { theirs, ours } = await both(...args);
      expect(ours, args.join(' ')).toEqual(theirs);
    }
  });

  it('drain evicts through pods/eviction and top reads metrics.k8s.io', async () => {
    for (const s of [sb, twin]) {
      await s.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], { env });
      await s.ok(['uncordon', 'kctl-worker'], { env });
    }
    const drain = await both('drain', 'kctl-worker2', '--ignore-daemonsets', '--delete-emptydir-data');
    // kubectl evicts in parallel: the same lines, in an order of its own.
    const lines = (t: string) => t.split('\n').sort();
    expect(lines(drain.ours.stdout)).toEqual(lines(drain.theirs.stdout));
    expect(drain.ours.stdout).toMatch(/evicted\nnode\/kctl-worker2 drained\n$/);
    expect(drain.ours.stderr).toBe(drain.theirs.stderr);
    for (const args of [['top', 'node'], ['top', 'pod', '-A', '--sum'], ['top', 'pod', '-A', '--sort-by=cpu'], ['top', 'pod', '--containers', '-l', 'app=web'], ['top', 'pod', 'nope'], ['get', 'pods', '-o', 'wide']]) {
      const { theirs, ours } = await read(...args);
      expect(ours, args.join(' ')).toEqual(theirs);
    }
  });

  it('certificate approve and auth answer alike', async () => {
    await Promise.all([kubectl(sb, served, ['create', '-f', CSR]), twin.ok(['create', '-f', CSR], { env })]);
    for (const args of [
      ['certificate', 'approve', 'jane'],
      ['certificate', 'deny', 'jane'],
      ['get', 'csr'],
      ['auth', 'can-i', 'delete', 'nodes'],
      ['auth', 'can-i', '--list'],
      ['auth', 'whoami', '-o', 'json'],
    ]) {
      const { theirs, ours } = await both(...args);
      expect(ours, args.join(' ')).toEqual(theirs);
    }
    const described = await read('describe', 'csr', 'jane');
    expect(described.ours).toEqual(described.theirs);
    expect(described.ours.stdout).toContain('Subject:\n         Common Name:    jane\n');
  });
});
