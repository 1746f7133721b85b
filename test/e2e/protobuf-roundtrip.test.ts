// Every object kctl stores (the books' samples applied, plus what the controllers, the kubelet and
// the bootstrap made) survives encoding to protobuf and decoding back: every value it holds comes
// back unchanged, and the only additions are Go zero values of fields without omitempty.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtobufObject, encodeProtobufObject } from '../../src/api/protobuf/index.js';
import { RESOURCES } from '../../src/api/scheme.js';
import { Sandbox } from '../helpers/kctl.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Drops null, and objects and arrays left empty, which encoding/json writes or omits by type. */
function prune(v: Json): Json | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => prune(x) ?? null);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

const isZero = (v: Json | undefined) => v === undefined || v === 0 || v === '' || v === false;

/**
 * Where `after` differs from `before`, other than zero values: added for fields without omitempty,
 * dropped for fields with it (kctl stores a few, such as a Deployment's `minReadySeconds: 0`).
 */
function differences(before: Json | undefined, after: Json | undefined, path = ''): string[] {
  if (isZero(before) && isZero(after)) return [];
  if (before === undefined) return [`${path}: added ${JSON.stringify(after)}`];
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null || Array.isArray(before) !== Array.isArray(after)) {
    return before === after ? [] : [`${path}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`];
  }
  if (Array.isArray(before)) {
    const a = after as Json[];
    if (a.length !== before.length) return [`${path}: ${before.length} items became ${a.length}`];
    return before.flatMap((x, i) => differences(x, a[i], `${path}[${i}]`));
  }
  const a = after as Record<string, Json>;
  const keys = new Set([...Object.keys(before), ...Object.keys(a)]);
  return [...keys].flatMap((k) => differences(before[k], a[k], `${path}.${k}`));
}

const SAMPLES = ['perfect-guide/ch06', 'jissen/ch05'].map((d) => new URL(`../../samples/${d}/`, import.meta.url).pathname);

describe('protobuf round trip of the objects kctl stores', () => {
  const sb = new Sandbox();
  let items: ({ [k: string]: Json } & { apiVersion: string; kind: string; metadata: { name: string } })[] = [];

  beforeAll(async () => {
    const env = { env: { KCTL_NOW: '2025-01-06T01:00:00Z' } };
    for (const dir of SAMPLES) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
        // Some samples are meant to fail (a taken node port): what matters is what got stored.
        await sb.run(['apply', '-f', dir + f], env);
      }
    }
    await sb.ok(['create', 'configmap', 'cfg', '--from-literal=a=1'], env);
    await sb.ok(['create', 'secret', 'generic', 'sec', '--from-literal=k=v'], env);
    await sb.ok(['create', 'job', 'pi', '--image=perl', '--', 'perl', '-e', 'print 1'], env);
    await sb.ok(['create', '-f', new URL('../fixtures/certificates/jane-csr.yaml', import.meta.url).pathname], env);
    await sb.ok(['certificate', 'approve', 'jane'], env);
    // The policy kinds, with their status written by their controllers.
    await sb.ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'], env);
    await sb.ok(['create', 'pdb', 'budget', '--selector=app=sample-app', '--min-available=1'], env);
    await sb.ok(['create', 'quota', 'q', '--hard=pods=100'], env);
    await sb.ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods'], env);
    await sb.ok(['create', 'rolebinding', 'reader', '--role=reader', '--user=jane'], env);
    await sb.ok(['create', 'deployment', 'scaled', '--image=nginx'], env);
    await sb.ok(['autoscale', 'deployment', 'scaled', '--max=3', '--cpu-percent=60'], env);
    const limits = sb.file('limits.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits}\nspec:\n  limits: [{type: Container, default: {cpu: 200m}, defaultRequest: {cpu: 100m}}]\n');
    await sb.ok(['apply', '-f', limits], env);
    const list = JSON.parse(await sb.ok(['get', RESOURCES.map((r) => r.resource).join(','), '-A', '-o', 'json'], env));
    items = list.items;
  }, 300_000);
  afterAll(() => sb.cleanup());

  it('covers every kind kctl serves', () => {
    const kinds = new Set(items.map((o) => o.kind));
    expect([...new Set(RESOURCES.map((r) => r.kind))].filter((k) => !kinds.has(k) && k !== 'DaemonSet')).toEqual([]);
  });

  it('gets every value back', () => {
    const problems = items.flatMap((o) => {
      const back = decodeProtobufObject(encodeProtobufObject(o)) as Json;
      return differences(prune(o), prune(back)).map((d) => `${o.kind} ${o.metadata.name}${d}`);
    });
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThan(50);
  });
});
