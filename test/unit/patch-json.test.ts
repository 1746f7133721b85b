// JSON merge patch and JSON patch as the API server applies them (evanphx/json-patch v4), the
// three-way JSON merge patch kubectl sends for kinds without Go types, and the errors.
import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  createJsonMergePatch,
  createJsonPatch,
  createThreeWayJsonMergePatch,
  jsonMergePatch,
  JsonPatchError,
  type Json,
} from '../../src/api/patch/index.js';

describe('JSON merge patch', () => {
  // RFC 7386 appendix A, less the cases where the server's implementation differs.
  const rfc: [Json, Json, Json][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [doc, patch, want] of rfc) {
    it(`${JSON.stringify(doc)} + ${JSON.stringify(patch)}`, () => expect(jsonMergePatch(doc, patch)).toEqual(want));
  }

  it('prunes nulls inside arrays it adds, as the API server does', () => {
    expect(jsonMergePatch({}, { a: [1, null, { b: null, c: 2 }] })).toEqual({ a: [1, { c: 2 }] });
    // An array replacing an object member is taken as it is.
    expect(jsonMergePatch({ a: { x: 1 } }, { a: [null] })).toEqual({ a: [null] });
  });

  it('refuses null documents and scalar patches with the server words', () => {
    expect(() => jsonMergePatch(null, {})).toThrow('Invalid JSON Document');
    expect(() => jsonMergePatch({}, null)).toThrow('Invalid JSON Patch');
    expect(() => jsonMergePatch({}, 3)).toThrow('Invalid JSON Patch');
  });

  it('does not modify its inputs', () => {
    const doc = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    jsonMergePatch(doc, patch);
    expect(doc).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it('creates the patch between two documents', () => {
    expect(createJsonMergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { a: 1, b: { c: 3 }, e: [1, 2], f: 'x' })).toEqual({
      b: { c: 3, d: null },
      e: [1, 2],
      f: 'x',
    });
    expect(createJsonMergePatch({ a: [1] }, { a: [1] })).toEqual({});
  });
});

describe('three-way JSON merge patch', () => {
  // From k8s.io/apimachinery jsonmergepatch patch_test.go.
  it('keeps what others changed and deletes what the manifest dropped', () => {
    const original = { name: 1, value: 1 };
    const modified = { name: 1, other: 'a' };
    const current = { name: 1, value: 1, extra: 'x' };
    const patch = createThreeWayJsonMergePatch(original, modified, current);
    expect(patch).toEqual({ value: null, other: 'a' });
    expect(jsonMergePatch(current, patch)).toEqual({ name: 1, other: 'a', extra: 'x' });
  });

  it('replaces lists whole and keeps explicitly empty maps', () => {
    const patch = createThreeWayJsonMergePatch({ foo: [1, 2] }, { foo: [1, false, { b: 1 }], m: {} }, { foo: [{ a: true }, 2, false], bar: 0 });
    expect(patch).toEqual({ foo: [1, false, { b: 1 }], m: {} });
  });
});

describe('JSON patch', () => {
  const doc = { metadata: { labels: { app: 'web', 'a/b': 'x', 'c~d': 'y' } }, spec: { ports: [{ port: 80 }, { port: 443 }] } };

  it('applies add, remove, replace, move, copy and test', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/metadata/labels/app', value: 'web' },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'remove', path: '/metadata/labels/a~1b' },
      { op: 'replace', path: '/metadata/labels/c~0d', value: 'z' },
      { op: 'add', path: '/spec/ports/1', value: { port: 8080 } },
      { op: 'add', path: '/spec/ports/-', value: { port: 9090 } },
      { op: 'move', from: '/spec/ports/0', path: '/spec/first' },
      { op: 'copy', from: '/spec/first', path: '/spec/copy' },
    ]);
    expect(out).toEqual({
      metadata: { labels: { app: 'web', tier: 'front', 'c~d': 'z' } },
      spec: { ports: [{ port: 8080 }, { port: 443 }, { port: 9090 }], first: { port: 80 }, copy: { port: 80 } },
    });
    expect(doc.spec.ports).toHaveLength(2);
  });

  it('counts negative indices from the end and replaces the whole document', () => {
    expect(applyJsonPatch([1, 2, 3], [{ op: 'remove', path: '/-1' }])).toEqual([1, 2]);
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
    // v4 adds a missing object key on replace.
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
  });

  const failures: [string, unknown, string][] = [
    ['missing path', [{ op: 'add', path: '/nope/x', value: 1 }], 'add operation does not apply: doc is missing path: "/nope/x": missing value'],
    ['remove missing key', [{ op: 'remove', path: '/metadata/nope' }], "error in remove for path: '/metadata/nope': Unable to remove nonexistent key: nope: missing value"],
    ['index out of range', [{ op: 'add', path: '/spec/ports/5', value: 1 }], "error in add for path: '/spec/ports/5': Unable to access invalid index: 5: invalid index referenced"],
    ['bad index', [{ op: 'add', path: '/spec/ports/x', value: 1 }], `error in add for path: '/spec/ports/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    ['replace out of range', [{ op: 'replace', path: '/spec/ports/9', value: 1 }], 'replace operation does not apply: doc is missing key: /spec/ports/9: missing value'],
    ['test fails', [{ op: 'test', path: '/metadata/labels/app', value: 'db' }], 'testing value /metadata/labels/app failed: test failed'],
    ['unknown op', [{ op: 'frob', path: '/a' }], 'Unexpected kind: frob'],
    ['no op', [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['move without from', [{ op: 'move', path: '/a' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    ['replace without path', [{ op: 'replace', value: 1 }], 'replace operation failed to decode path: operation missing path field: missing value'],
    ['path not a string', [{ op: 'replace', path: 3, value: 1 }], 'replace operation failed to decode path: json: cannot unmarshal number into Go value of type string'],
    ['move missing key', [{ op: 'move', from: '/metadata/nope', path: '/x' }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
  ];
  for (const [name, ops, message] of failures) {
    it(`fails: ${name}`, () => {
      let error: unknown;
      try {
        applyJsonPatch(doc, ops);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonPatchError);
      expect((error as JsonPatchError).message).toBe(message);
      expect((error as JsonPatchError).status).toBe(422);
    });
  }

  it('refuses a patch that is not a list of operations (400)', () => {
    expect(() => applyJsonPatch(doc, { op: 'add' })).toThrow('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(() => applyJsonPatch(doc, ['add'])).toThrow('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('creates operations that turn one document into another', () => {
    const from = { a: 1, b: { c: [1, 2] }, 'x/y': true };
    const to = { a: 2, b: { c: [1, 3], d: null }, 'x~y': false };
    const ops = createJsonPatch(from, to);
    expect(ops).toContainEqual({ op: 'remove', path: '/x~1y' });
    expect(ops).toContainEqual({ op: 'add', path: '/x~0y', value: false });
    expect(applyJsonPatch(from, ops)).toEqual(to);
  });
});
