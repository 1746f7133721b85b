// Keys that name Object.prototype's members (`__proto__`, `constructor`, `toString`,
// `hasOwnProperty`…) are data like any other wherever a user's key lands: object names, labels,
// annotations, ConfigMap data, env names, container names. They round-trip through create,
// apply, label, annotate and get -o json unchanged, and change nothing else.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyJsonPatch, createJsonMergePatch, createJsonPatch, createThreeWayMergePatch, jsonMergePatch, patchMetaFor, strategicMergePatch, type JsonObject } from '../../src/api/patch/index.js';
import { Sandbox } from '../helpers/kctl.js';

const STACK = /\n\s+at |TypeError|RangeError/;
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
/** Label and annotation keys must start and end with an alphanumeric character. */
const LABEL_SAFE = HOSTILE.filter((k) => /^[A-Za-z0-9].*[A-Za-z0-9]$/.test(k));

/** A JSON object with exactly these own keys, `__proto__` among them (as JSON.parse makes it). */
const record = (entries: [string, string][]): Record<string, string> => Object.fromEntries(entries);
const sorted = (o: Record<string, string> | undefined) => Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
/** JSON with keys sorted at every level: equal texts, equal own keys and values. */
const canon = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canon).join(',')}]` : v && typeof v === 'object' ? `{${sorted(v as Record<string, string>).map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`).join(',')}}` : JSON.stringify(v);

describe('hostile keys in the patch library', () => {
  const key = fc.oneof(fc.constantFrom(...HOSTILE), fc.stringMatching(/^[a-z]{1,3}$/));
  const map = fc.uniqueArray(fc.tuple(key, fc.stringMatching(/^[a-z]{0,3}$/)), { selector: ([k]) => k, maxLength: 5 }).map(record);
  const configMap = (data: Record<string, string>, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', labels }, data }) as unknown as JsonObject;
  const meta = patchMetaFor('v1', 'ConfigMap');

  it('merge patches, strategic merge patches and JSON patches carry such keys as data', () => {
    fc.assert(
      fc.property(map, map, map, map, (d1, l1, d2, l2) => {
        const a = configMap(d1, l1);
        const b = configMap(d2, l2);
        expect(canon(jsonMergePatch(a, createJsonMergePatch(a, b)))).toBe(canon(b));
        expect(canon(strategicMergePatch(a, createThreeWayMergePatch(a, b, a, meta), meta))).toBe(canon(b));
        expect(canon(applyJsonPatch(a, createJsonPatch(a, b)))).toBe(canon(b));
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { seed: 1132, numRuns: 300 },
    );
  });
});

describe('hostile keys', () => {
  const sb = new Sandbox();
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
  });
  afterAll(() => sb.cleanup());

  it('a namespace named constructor is created, found, listed and deleted like any other', async () => {
    expect((await sb.run(['get', 'ns', 'constructor'])).stderr).toBe('Error from server (NotFound): namespaces "constructor" not found\n');
    expect(await sb.ok(['create', 'ns', 'constructor'])).toBe('namespace/constructor created\n');
    expect(await sb.ok(['get', 'ns', 'constructor', '-o', 'name'])).toBe('namespace/constructor\n');
    expect(await sb.ok(['get', 'ns', '-o', 'name'])).toContain('namespace/constructor\n');
    expect(await sb.ok(['delete', 'ns', 'constructor'])).toBe('namespace "constructor" deleted\n');
    expect((await sb.run(['get', 'ns', 'constructor'])).code).toBe(1);
  });

  it('label and annotate take a key Object.prototype has as a new key', async () => {
    await sb.ok(['create', 'cm', 'plain', '--from-literal=a=b']);
    expect(await sb.ok(['label', 'cm', 'plain', 'toString=x'])).toBe('configmap/plain labeled\n');
    expect(await sb.ok(['annotate', 'cm', 'plain', 'valueOf=1', 'hasOwnProperty=2'])).toBe('configmap/plain annotated\n');
    const meta = JSON.parse(await sb.ok(['get', 'cm', 'plain', '-o', 'jsonpath={.metadata}'])) as { labels: object; annotations: object };
    expect(meta.labels).toEqual({ toString: 'x' });
    expect(meta.annotations).toEqual({ valueOf: '1', hasOwnProperty: '2' });
    expect((await sb.run(['label', 'cm', 'plain', 'toString=y'])).stderr).toBe("error: 'toString' already has a value (x), and --overwrite is false\n");
    expect(await sb.ok(['label', 'cm', 'plain', 'constructor-'])).toBe('label "constructor" not found.\nconfigmap/plain not labeled\n');
  });

  it('label __proto__=x reaches the server, which refuses the key', async () => {
    const before = sb.stateText();
    const r = await sb.run(['label', 'cm', 'plain', '__proto__=x']);
    expect(r.stderr).toMatch(/^The ConfigMap "plain" is invalid: metadata\.labels: Invalid value: "__proto__": name part must consist of/);
    expect(r.code).toBe(1);
    expect(sb.stateText()).toBe(before);
  });

  it('create configmap --from-literal takes constructor and __proto__ as keys', async () => {
    await sb.ok(['create', 'cm', 'lit', '--from-literal=constructor=x', '--from-literal=__proto__=y']);
    expect(JSON.parse(await sb.ok(['get', 'cm', 'lit', '-o', 'jsonpath={.data}']))).toEqual(record([['__proto__', 'y'], ['constructor', 'x']]));
  });

  it('a List whose items hide under __proto__ holds no objects', async () => {
    const before = sb.stateText();
    const list = '{"apiVersion":"v1","kind":"List","__proto__":{"items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"smuggled"}}]}}';
    const r = await sb.run(['apply', '-f', '-'], { stdin: list });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: no objects passed to apply\n' });
    expect(sb.stateText()).toBe(before);
  });

  it('a container named constructor runs, logs, and takes envFrom keys named __proto__', async () => {
    await sb.ok(['create', 'cm', 'envs', '--from-literal=__proto__=p', '--from-literal=toString=t']);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ctor' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'constructor',
            image: 'busybox',
            command: ['sh', '-c', 'printenv __proto__ toString; echo "[$valueOf]"'],
            envFrom: [{ configMapRef: { name: 'envs' } }],
            env: [{ name: 'valueOf', valueFrom: { configMapKeyRef: { name: 'envs', key: 'hasOwnProperty', optional: true } } }],
          },
        ],
      },
    };
    expect(await sb.ok(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).toBe('pod/ctor created\n');
    expect(await sb.ok(['logs', 'ctor', '-c', 'constructor'])).toBe('p\nt\n[]\n');
  });

  it('a field selector on a key Object.prototype has is not a supported field', async () => {
    const r = await sb.run(['get', 'pods', '--field-selector', 'constructor=x']);
    expect(r.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "constructor=x": field label not supported: constructor\n');
    expect(r.code).toBe(1);
  });

  it('get -L shows nothing for a label key the object does not have', async () => {
    expect(await sb.ok(['get', 'cm', 'lit', '-L', 'toString,constructor'])).toMatch(/^NAME\s+DATA\s+AGE\s+TOSTRING\s+CONSTRUCTOR\nlit\s+2\s+\S+\s*\n$/);
  });

  it('keys round-trip through apply, label, annotate and get -o json, and a re-apply drops them', async () => {
    const dataKey = fc.oneof(fc.constantFrom(...HOSTILE), fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/));
    const labelKey = fc.oneof(fc.constantFrom(...LABEL_SAFE), fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/));
    const value = fc.stringMatching(/^[a-z0-9]{1,6}$/);
    const entries = (key: fc.Arbitrary<string>) => fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 4 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(entries(dataKey), entries(labelKey), entries(labelKey), fc.constantFrom(...LABEL_SAFE), async (data, labels, annotations, extra) => {
        const name = `keys-${run++}`;
        const manifest = (d: [string, string][], l: [string, string][], a: [string, string][]) =>
          JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: record(l), annotations: record(a) }, data: record(d) });
        const get = async () => JSON.parse(await sb.ok(['get', 'cm', name, '-o', 'json'])) as { data?: Record<string, string>; metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } };
        const userAnnotations = (o: Awaited<ReturnType<typeof get>>) => sorted(o.metadata.annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration');

        expect(await sb.ok(['apply', '-f', '-'], { stdin: manifest(data, labels, annotations) })).toBe(`configmap/${name} created\n`);
        let o = await get();
        expect(sorted(o.data)).toEqual(sorted(record(data)));
        expect(sorted(o.metadata.labels)).toEqual(sorted(record(labels)));
        expect(userAnnotations(o)).toEqual(sorted(record(annotations)));

        // Applying the manifest without its hostile keys removes them, and only them.
        const tame = (e: [string, string][]) => e.filter(([k]) => !HOSTILE.includes(k));
        const r = await sb.run(['apply', '-f', '-'], { stdin: manifest(tame(data), tame(labels), tame(annotations)) });
        expect(r.stderr).toBe('');
        o = await get();
        expect(sorted(o.data)).toEqual(sorted(record(tame(data))));
        expect(sorted(o.metadata.labels)).toEqual(sorted(record(tame(labels))));
        expect(userAnnotations(o)).toEqual(sorted(record(tame(annotations))));

        // label and annotate add a hostile key, and remove it again.
        expect(await sb.ok(['label', 'cm', name, `${extra}=v`])).toBe(`configmap/${name} labeled\n`);
        expect(await sb.ok(['annotate', 'cm', name, `${extra}=w`])).toBe(`configmap/${name} annotated\n`);
        o = await get();
        expect(o.metadata.labels?.[extra]).toBe('v');
        expect(Object.hasOwn(o.metadata.annotations ?? {}, extra) && o.metadata.annotations![extra]).toBe('w');
        expect(await sb.ok(['get', 'cm', '-l', `${extra}=v`, '-o', 'name'])).toBe(`configmap/${name}\n`);
        const removed = await sb.run(['label', 'cm', name, `${extra}-`]);
        expect(removed.stderr).not.toMatch(STACK);
        expect(removed.stdout).toBe(`configmap/${name} unlabeled\n`);
        expect(Object.hasOwn((await get()).metadata.labels ?? {}, extra)).toBe(false);
      }),
      { seed: 1132, numRuns: 8, endOnFailure: true },
    );
  });
});
