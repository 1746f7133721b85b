// Many writers at once through kctl serve and the kctl CLI on one state file: the server commits
// concurrent requests in groups, and a request that fails in a group changes nothing while the
// others land; a killed server leaves the state whole and its place free.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { call, startServe, type Served } from '../helpers/serve.js';

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, data: Record<string, string> = { n: '1' }) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('concurrent writers through kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;

  beforeAll(async () => {
    await sb.ok(['get', 'ns']);
    served = await startServe(sb);
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it('creates from 40 requests and 6 CLI processes at once all land; the invalid and duplicate ones change nothing', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const requests = names.map((name, i) =>
      // Every tenth body is invalid (an upper-case name), and c5 is sent twice.
      call(served, 'POST', CONFIGMAPS, { body: i % 10 === 3 ? cm(name.toUpperCase()) : cm(name) }),
    );
    requests.push(call(served, 'POST', CONFIGMAPS, { body: cm('c5', { n: 'second' }) }));
    const cli = Array.from({ length: 6 }, (_, i) => sb.run(['create', 'configmap', `cli${i}`, '--from-literal=n=1']));
    const [answers, cliResults] = await Promise.all([Promise.all(requests), Promise.all(cli)]);
    for (const r of cliResults) expect(r.code, r.stderr).toBe(0);
    const invalid = answers.filter((r) => r.status === 422);
    expect(invalid.map((r) => r.json().message)).toEqual(
      names.filter((_, i) => i % 10 === 3).map((n) => `ConfigMap "${n.toUpperCase()}" is invalid: metadata.name: Invalid value: "${n.toUpperCase()}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`),
    );
    const conflicts = answers.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].json().message).toBe('configmaps "c5" already exists');
    const created = answers.filter((r) => r.status === 201).map((r) => r.json());
    expect(created).toHaveLength(36);
    // Each answer is its own object, with a resourceVersion of its own.
    expect(new Set(created.map((o) => o.metadata.resourceVersion)).size).toBe(36);
    for (const o of created) expect(o.metadata.name).toMatch(/^c\d+$/);
    const stored = (await sb.ok(['get', 'configmaps', '-o', 'name'])).split('\n').filter((l) => /\/(c|cli)\d+$/.test(l));
    expect(stored.sort()).toEqual([...names.filter((_, i) => i % 10 !== 3).map((n) => `configmap/${n}`), ...Array.from({ length: 6 }, (_, i) => `configmap/cli${i}`)].sort());
    expect(await sb.ok(['get', 'configmap', 'c5', '-o', 'jsonpath={.data.n}'])).toBe('1');
  });

  it('concurrent merge patches of one object and CLI labels of it lose no update', async () => {
    await sb.ok(['create', 'configmap', 'shared']);
    const path = `${CONFIGMAPS}/shared`;
    const patches = Array.from({ length: 24 }, (_, i) => call(served, 'PATCH', path, { body: JSON.stringify({ data: { [`k${i}`]: String(i) } }), headers: { 'Content-Type': 'application/merge-patch+json' } }));
    const labels = Array.from({ length: 4 }, (_, i) => sb.run(['label', 'configmap', 'shared', `l${i}=x`]));
    const [answers, cliResults] = await Promise.all([Promise.all(patches), Promise.all(labels)]);
    for (const r of answers) expect(r.status, r.body).toBe(200);
    for (const r of cliResults) expect(r.code, r.stderr).toBe(0);
    const live = JSON.parse(await sb.ok(['get', 'configmap', 'shared', '-o', 'json']));
    expect(Object.keys(live.data).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `k${i}`).sort());
    expect(Object.keys(live.metadata.labels).sort()).toEqual(['l0', 'l1', 'l2', 'l3']);
  });

  it('a killed server leaves the state whole: every answered write is there, and a new server starts', async () => {
    // Killed once the first write is answered, while the others are in flight.
    const killed = served.process;
    const writes = Array.from({ length: 30 }, (_, i) =>
      call(served, 'POST', CONFIGMAPS, { body: cm(`k${i}`) }).then(
        (r) => (killed.kill('SIGKILL'), r),
        () => null,
      ),
    );
    const answers = await Promise.all(writes);
    await killed.exited;
    const state = readFileSync(sb.state, 'utf8');
    expect(() => JSON.parse(state)).not.toThrow();
    const stored = new Set((await sb.ok(['get', 'configmaps', '-o', 'name'])).split('\n'));
    const answered = answers.flatMap((r, i) => (r?.status === 201 ? [`configmap/k${i}`] : []));
    expect(answered.length).toBeGreaterThan(0);
    for (const name of answered) expect(stored.has(name)).toBe(true);
    served = await startServe(sb);
    expect((await call(served, 'POST', CONFIGMAPS, { body: cm('after') })).status).toBe(201);
  });
});
