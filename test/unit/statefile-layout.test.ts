import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLazily as parseBytes, serialize, serializeChunks } from '../../src/store/layout.js';
import { assertProperty } from '../helpers/seed.js';

const fail = (e: Error) => new Error(`corrupt: ${e.message}`);
const parseLazily = (text: string, onError: (e: Error) => Error) => parseBytes(Buffer.from(text, 'utf8'), onError);
/** A deep copy made through the getters, as a command that reads everything sees the state. */
const materialize = (o: unknown) => JSON.parse(JSON.stringify(o));

const state = {
  kind: 'KctlState',
  version: 1,
  config: { name: 'kctl', nodes: [{ name: 'n1' }] },
  resourceVersion: 42,
  objects: {
    pods: { 'default/a': { metadata: { name: 'a', annotations: { note: 'line one\nline two, "quoted"', title: 'Kubernetes完全ガイド' } } } },
    events: {},
    'ingressclasses': { nginx: { spec: { controller: 'k8s.io/ingress-nginx' } } },
  },
  containers: { uid: { web: { fs: {}, log: ['a', 'b,'] } } },
  ipam: {},
  affinity: {},
};

describe('the state file layout', () => {
  it('is JSON with one line per field, per resource and per pod\'s runtime state', () => {
    const text = serialize(state);
    expect(JSON.parse(text)).toEqual(state);
    expect(text.split('\n').map((l) => l.slice(0, 12))).toEqual([
      '{',
      '"kind":"Kctl',
      '"version":1,',
      '"config":{"n',
      '"resourceVer',
      '"objects":{',
      '"pods":{"def',
      '"events":{},',
      '"ingressclas',
      '},',
      '"containers"',
      '"uid":{"web"',
      '},',
      '"ipam":{},',
      '"affinity":{',
      '}',
      '',
    ]);
  });

  it('parses a section only when it is read, then keeps it as a plain value', () => {
    const text = serialize(state).replace('"events":{},', '"events":{oops},');
    const data = parseLazily(text, fail) as { objects: Record<string, unknown>; version: number };
    expect(data.version).toBe(1);
    expect(Object.keys(data.objects)).toEqual(['pods', 'events', 'ingressclasses']);
    expect(data.objects.pods).toEqual(state.objects.pods);
    expect(data.objects.pods).toBe(data.objects.pods);
    expect(() => data.objects.events).toThrow(/^corrupt: /);
    data.objects.events = { replaced: true };
    expect(data.objects.events).toEqual({ replaced: true });
  });

  it('leaves other layouts to JSON.parse', () => {
    expect(parseLazily(JSON.stringify(state), fail)).toBeUndefined();
    expect(parseLazily(JSON.stringify(state, null, 2), fail)).toBeUndefined();
    expect(parseLazily('{\n"we!rd":1\n}\n', fail)).toBeUndefined();
    expect(parseLazily('{\n"objects":{\n"pods":{}\n}\n', fail)).toBeUndefined();
  });

  it('round-trips any JSON content, lazily or whole', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/), fc.string({ maxLength: 6 }));
    const data = fc.record({
      kind: fc.constant('KctlState'),
      fields: fc.dictionary(key, json, { maxKeys: 4 }),
      objects: fc.dictionary(key, fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }), { maxKeys: 4 }),
    });
    let lazily = 0;
    assertProperty(
      fc.property(data, ({ kind, fields, objects }) => {
        const value = materialize({ kind, ...fields, objects });
        const text = serialize(value);
        expect(JSON.parse(text)).toEqual(value);
        const lazy = parseLazily(text, fail);
        if (lazy) {
          lazily++;
          expect(materialize(lazy)).toEqual(value);
        }
      }),
      { numRuns: 500 },
    );
    // Keys that fit the layout are common among the generated ones: the lazy path was taken.
    expect(lazily).toBeGreaterThan(0);
  });

  describe('writing back', () => {
    // Sections written by hand with spaces: JSON.stringify would not write them so, the bytes
    // as read come back only where the section was copied rather than written anew.
    const file = serialize(state)
      .replace('"events":{},', '"events":{ },')
      .replace('"pods":{"default/a"', '"pods":{ "default/a"')
      .replace('"uid":{"web"', '"uid":{ "web"');
    const chunks = (data: unknown, unchanged?: (s: string) => boolean) =>
      Buffer.concat(serializeChunks(data as object, unchanged).map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString();

    it('copies every section it never parsed as the bytes it read', () => {
      const data = parseLazily(file, fail)!;
      expect(chunks(data)).toBe(file);
    });

    it('writes anew what was parsed, unless the caller vouches that it did not change', () => {
      const data = parseLazily(file, fail) as typeof state;
      expect(data.objects.pods['default/a']).toBeDefined();
      expect(data.objects.events).toEqual({});
      expect(data.containers.uid.web.log).toEqual(['a', 'b,']);
      const again = chunks(data, (s) => s === 'objects/events');
      expect(again).toContain('"pods":{"default/a"');
      expect(again).toContain('"events":{ },');
      expect(again).toContain('"uid":{"web"');
      expect(JSON.parse(again)).toEqual(state);
    });

    it('writes a section assigned or added since, never the bytes it replaced', () => {
      const data = parseLazily(file, fail) as Record<string, unknown> & typeof state;
      (data.objects as Record<string, unknown>).events = { 'default/e': { n: 1 } };
      delete (data.containers as Record<string, unknown>).uid;
      (data.containers as Record<string, unknown>).uid = { other: 1 };
      const again = chunks(data, () => true);
      expect(JSON.parse(again)).toEqual({ ...state, objects: { ...state.objects, events: { 'default/e': { n: 1 } } }, containers: { uid: { other: 1 } } });
      expect(again).toContain('"pods":{ "default/a"');
    });
  });
});
