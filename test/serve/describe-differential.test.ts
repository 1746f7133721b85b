// kubectl v1.32 builds `describe` itself, client side, from the objects and events it reads, so
// through `kctl serve` it is the oracle for `kctl describe`: on one state file holding objects of
// every kind kctl serves, in states worth describing, both print the same text. `get` and
// `get -o wide` (server-side tables, from kctl's printers) are held to the same.
//
// Ages: kubectl computes them from its own clock, so kctl runs without KCTL_NOW here. The
// cluster is built 30 days and 6 hours in the past, where ages print as "30d" for hours on end,
// so both clocks give the same cells however long the run takes.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, type Result } from '../helpers/kctl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const FIXTURES = new URL('../fixtures/describe/', import.meta.url).pathname;
const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

const BASE = Math.floor((Date.now() - (30 * 24 + 6) * 3600_000) / 1000) * 1000;
/** KCTL_NOW for a step of the cluster's history, `minutes` after it began. */
const at = (minutes: number) => ({ KCTL_NOW: new Date(BASE + minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z') });

const RFC1123Z = /\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g;

/**
 * What may differ between two correct outputs, and nothing else:
 * - a node's heartbeat and its Lease's renewal are "now" (its kubelet keeps posting), read by
 *   each process at its own moment; every other timestamp is 30 days old;
 * - kubectl prints a ConfigMap's data and a Secret's data by ranging over a Go map, in an order
 *   that changes from run to run (kctl sorts the keys): the entries are compared sorted.
 */
function normalise(text: string): string {
  const now = Date.now();
  let out = text.replace(RFC1123Z, (t) => (Math.abs(Date.parse(t) - now) < 3600_000 ? '<now>' : t));
  // A ConfigMap's entries: `key:\n----\nvalue\n\n`, up to its BinaryData.
  out = out.replace(/\nData\n====\n([\s\S]*?)(\nBinaryData\n====\n)/g, (_, body: string, tail: string) => {
    const entries = body.split(/(?=^[^\s:]+:\n----\n)/m).filter(Boolean);
    return `\nData\n====\n${entries.sort().join('')}${tail}`;
  });
  // A Secret's entries: one `key:  N bytes` line each, up to the end of its description.
  out = out.replace(/\nType:( +)(\S+)\n\nData\n====\n((?:[^\n]+\n)*)/g, (_, pad: string, type: string, lines: string) => {
    return `\nType:${pad}${type}\n\nData\n====\n${lines.split('\n').filter(Boolean).sort().join('\n')}${lines ? '\n' : ''}`;
  });
  return out;
}

describe('kctl describe and get print what kubectl v1.32 prints through kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;

  const kctl = async (args: string[], env: Record<string, string> = {}) => {
    const r = await sb.run(args, { env });
    // The v1beta1 Ingress is applied with kubectl's deprecation warning.
    expect(r.stderr, `kctl ${args.join(' ')}`).toMatch(/^(Warning: [^\n]+\n)*$/);
    expect(r.code).toBe(0);
    return r;
  };

  /** kubectl through the server and kctl on the file print the same, with the same status. */
  const same = async (...args: string[]): Promise<Result> => {
    const [theirs, ours] = await Promise.all([kubectl(sb, served, args), sb.run(args)]);
    const what = args.join(' ');
    expect(normalise(ours.stdout), what).toBe(normalise(theirs.stdout));
    expect(ours.stderr, what).toBe(theirs.stderr);
    expect(ours.code, what).toBe(theirs.code);
    return theirs;
  };

  beforeAll(async () => {
    await kctl(['apply', '-f', FIXTURES + 'cluster.yaml'], at(0));
    await kctl(['apply', '-f', FIXTURES + 'policy.yaml'], at(0));
    await kctl(['create', 'secret', 'tls', 'web-tls', '-n', 'demo', '--key', SAMPLES + 'sample-tls.key', '--cert', SAMPLES + 'sample-tls.crt'], at(1));
    await kctl(['rollout', 'pause', 'deployment/canary', '-n', 'extra'], at(2));
    await kctl(['apply', '-f', FIXTURES + 'changes.yaml'], at(10));
    await kctl(['run', 'runpod', '-n', 'extra', '--image=nginx', '--labels=run=x', '--env=A=b', '--port=80'], at(20));
    // The server reads the file as kctl's reads do: at its own clock.
    served = await startServe(sb);
  }, 120_000);

  afterAll(async () => {
    if (served) await served.stop();
    sb.cleanup();
  });

  it('the cluster holds what the comparisons are about', async () => {
    const pods = (await kctl(['get', 'pods', '-A', '--no-headers', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name'])).stdout;
    expect(pods).toMatch(/^demo +crash$/m);
    expect(pods).toMatch(/^demo +pending$/m);
    const rs = (await kctl(['get', 'rs', '-n', 'demo', '-l', 'app=web', '--no-headers'])).stdout.split('\n').filter(Boolean);
    expect(rs).toHaveLength(2);
    // Volumes of every source describe knows, in a Pod and in a Deployment's template.
    const fancy = (await kctl(['describe', 'pod', 'fancy', '-n', 'edge'])).stdout;
    for (const type of ['ConfigMap', 'Projected', 'DownwardAPI', 'PersistentVolumeClaim', 'NFS', 'EphemeralVolume']) expect(fancy).toMatch(new RegExp(`^    Type: +${type} \\(`, 'm'));
    expect(fancy).toMatch(/^Topology Spread Constraints: +kubernetes\.io\/hostname:ScheduleAnyway/m);
    // The API server's volume defaults: hostPath's type, an ephemeral claim's volume mode.
    expect(fancy).toMatch(/^    HostPathType: *\n/m);
    expect(fancy).toMatch(/^    VolumeMode: +Filesystem$/m);
    expect((await kctl(['describe', 'cm', 'escapes', '-n', 'edge'])).stdout).toContain('Annotations:  color: ^[[31mred^[[0m\\rback\n');
    // What the server sends kubectl is what a v1.32 server stores: a Pod's limits default its requests.
    const spread = await kctl(['get', 'pods', '-n', 'edge', '-l', 'app=spread', '-o', 'jsonpath={.items[0].spec.containers[0].resources.requests}']);
    expect(JSON.parse(spread.stdout)).toEqual({ cpu: '2', memory: '1G' });
    const canary = (await kctl(['describe', 'deploy', 'canary', '-n', 'extra'])).stdout;
    expect(canary).toMatch(/^NewReplicaSet: +<none>$/m);
    expect(canary).toMatch(/^OldReplicaSets: +canary-\w+ \(2\/2 replicas created\)$/m);
    // Every kind kctl serves has an object described below.
    const kinds = readFileSync(FIXTURES + 'cluster.yaml', 'utf8').match(/^kind: (\w+)$/gm)!;
    expect(new Set(kinds.map((k) => k.slice(6)))).toEqual(
      new Set(['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Deployment', 'Service', 'Endpoints', 'EndpointSlice', 'Event', 'Ingress', 'StatefulSet', 'DaemonSet', 'Job', 'Pod', 'ReplicaSet', 'IngressClass']),
    );
  });

  // Each group is one kubectl call per form, across all namespaces (kube-system and
  // ingress-nginx included).
  const GROUPS = {
    workloads: 'pods,deployments,replicasets,statefulsets,daemonsets,jobs',
    network: 'services,endpoints,endpointslices,ingresses',
    config: 'configmaps,secrets,serviceaccounts',
    events: 'events',
    policy: 'roles,rolebindings,cronjobs,poddisruptionbudgets,resourcequotas,limitranges,horizontalpodautoscalers',
  };

  for (const [name, types] of Object.entries(GROUPS)) {
    it(`describe, get and get -o wide of the ${name} in every namespace`, async () => {
      const d = await same('describe', types, '-A');
      expect(d.stdout.length).toBeGreaterThan(1000);
      await same('get', types, '-A');
      await same('get', types, '-A', '-o', 'wide');
    }, 120_000);
  }

  it('describe, get and get -o wide of the cluster-scoped kinds: nodes, namespaces, ingress classes', async () => {
    const d = await same('describe', 'nodes,namespaces,ingressclasses');
    expect(d.stdout).toMatch(/^Lease:\n  HolderIdentity:  kctl-worker\n/m);
    expect(d.stdout).toMatch(/^  demo +web-\w+-\w+ +100m \(1%\) +500m \(6%\) +64Mi \(0%\) +128Mi \(0%\) +30d$/m);
    expect(d.stdout).toContain('\nNo resource quota.\n\nNo LimitRange resource.\n');
    await same('get', 'nodes,namespaces,ingressclasses');
    await same('get', 'nodes,namespaces,ingressclasses', '-o', 'wide');
  }, 120_000);

  it('describe, get and get -o wide of cluster roles, their bindings and priority classes', async () => {
    const jobs = (await kctl(['get', 'jobs', '-n', 'policy', '--no-headers'])).stdout;
    // The schedule ran as the cluster's clock passed its times (the history keeps three).
    expect(jobs.match(/^report-\d+ +Complete/gm)!.length).toBeGreaterThanOrEqual(2);
    const d = await same('describe', 'clusterroles,clusterrolebindings,priorityclasses');
    expect(d.stdout).toMatch(/^Name: +cluster-admin$/m);
    await same('get', 'clusterroles,clusterrolebindings,priorityclasses');
    await same('get', 'clusterroles,clusterrolebindings,priorityclasses', '-o', 'wide');
    await same('describe', 'namespace', 'policy');
  }, 120_000);

  it('describe by name, by several names and types, by name prefix, by label, and misses', async () => {
    await same('describe', 'deploy/web', 'svc/web-lb', 'ing/web', '-n', 'demo');
    await same('describe', 'nodes', 'kctl-worker');
    await same('describe', 'sa', 'builder', 'default', '-n', 'demo');
    // Several types with names: each name of each type, NotFound for the ones missing.
    const multi = await same('describe', 'svc,deploy', 'web', 'stuck', '-n', 'demo');
    expect(multi.stderr).toBe('Error from server (NotFound): services "stuck" not found\n');
    // One type and one name that matches nothing exactly: every object it is a prefix of.
    const prefix = await same('describe', 'pods', 'web', '-n', 'demo');
    expect(prefix.stdout.match(/^Name: +web-/gm)).toHaveLength(3);
    await same('describe', 'pods', 'we', 'nosuch', '-n', 'demo');
    await same('describe', 'pod', 'nosuch', '-n', 'demo');
    await same('describe', 'pods', '-l', 'app=web', '-n', 'demo');
    await same('describe', 'deploy,svc', '-l', 'tier=front', '-A');
    await same('describe', 'pods', '-l', 'nosuch=x', '-n', 'demo');
    await same('describe', 'all', '-n', 'extra');
    await same('describe', 'pods', '-n', 'demo', '--show-events=false');
    await same('describe', '-f', FIXTURES + 'changes.yaml');
  }, 120_000);

  it('get by name and several types, and get all', async () => {
    await same('get', 'svc,deploy', 'web', 'stuck', '-n', 'demo');
    await same('get', 'all', '-n', 'demo', '-o', 'wide');
    await same('get', '-f', FIXTURES + 'changes.yaml', '-o', 'wide');
    await same('get', 'all', '-A');
    // A cluster-scoped kind after a namespaced one keeps -A's NAMESPACE column, empty; before it, not.
    const mixed = await same('get', 'ingressclasses,pods,nodes', '-A', '-o', 'wide');
    expect(mixed.stdout).toMatch(/^NAME +CONTROLLER/m);
    expect(mixed.stdout).toMatch(/^NAMESPACE +NAME +STATUS +ROLES/m);
    await same('get', 'ns,svc,nodes', '-A', '--show-labels', '-L', 'app');
  }, 120_000);
});
