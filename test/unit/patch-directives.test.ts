// Strategic merge patch directives and their errors, and keys that must stay plain data.
import { describe, expect, it } from 'vitest';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  jsonMergePatch,
  applyJsonPatch,
  patchMetaFor,
  PatchError,
  strategicMergePatch,
  type JsonObject,
} from '../../src/api/patch/index.js';

const pod = patchMetaFor('v1', 'Pod');
const podWith = (spec: JsonObject): JsonObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const c = (name: string, extra: JsonObject = {}) => ({ name, image: 'nginx', ...extra });

describe('directives', () => {
  it('$patch: replace on a map replaces it whole', () => {
    const out = strategicMergePatch(podWith({ nodeSelector: { a: '1', b: '2' } }), { spec: { nodeSelector: { $patch: 'replace', c: '3' } } }, pod);
    expect((out.spec as JsonObject).nodeSelector).toEqual({ c: '3' });
  });

  it('$patch: delete on a map empties it, and in a list deletes by merge key', () => {
    const original = podWith({ nodeSelector: { a: '1' }, containers: [c('a'), c('b')] });
    const out = strategicMergePatch(original, { spec: { nodeSelector: { $patch: 'delete' }, containers: [{ name: 'a', $patch: 'delete' }] } }, pod);
    expect(out.spec).toEqual({ nodeSelector: {}, containers: [c('b')] });
  });

  it('$patch: replace in a list replaces the list with the other items', () => {
    const out = strategicMergePatch(podWith({ containers: [c('a'), c('b')] }), { spec: { containers: [{ $patch: 'replace' }, c('z')] } }, pod);
    expect((out.spec as JsonObject).containers).toEqual([c('z')]);
  });

  it('$deleteFromPrimitiveList removes scalars from a merged list', () => {
    const out = strategicMergePatch({ metadata: { finalizers: ['a', 'b', 'c'] } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } }, pod);
    expect(out).toEqual({ metadata: { finalizers: ['a', 'c'] } });
  });

  it('$retainKeys clears what it does not list', () => {
    const original = podWith({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] });
    const out = strategicMergePatch(original, { spec: { volumes: [{ name: 'v', $retainKeys: ['name', 'hostPath'] }] } }, pod);
    expect((out.spec as JsonObject).volumes).toEqual([{ name: 'v', hostPath: { path: '/x' } }]);
  });

  const errors: [string, JsonObject, JsonObject, string][] = [
    ['an unknown map directive', podWith({ nodeSelector: { a: '1' } }), { spec: { nodeSelector: { $patch: 'frob' } } }, 'unknown patch type: frob in map: map[$patch:frob]'],
    ['a merge directive in a list', podWith({ containers: [c('a')] }), { spec: { containers: [{ $patch: 'merge' }] } }, 'merging lists cannot yet be specified in the patch'],
    ['an unknown list directive', podWith({ containers: [c('a')] }), { spec: { containers: [{ name: 'a', $patch: 'x' }] } }, 'unknown patch type: x in map: map[$patch:x name:a]'],
    ['a delete without merge key', podWith({ containers: [c('a')] }), { spec: { containers: [{ $patch: 'delete' }] } }, 'map: map[$patch:delete] does not contain declared merge key: name'],
    ['a retainKeys that is not a list', podWith({ volumes: [{ name: 'v' }] }), { spec: { volumes: [{ name: 'v', $retainKeys: 'name' }] } }, 'invalid patch format of retainKeys'],
    ['a key outside retainKeys', podWith({ volumes: [{ name: 'v' }] }), { spec: { volumes: [{ name: 'v', $retainKeys: ['name'], emptyDir: {} }] } }, 'invalid patch format of retainKeys'],
    ['a setElementOrder that is not a list', podWith({ containers: [c('a')] }), { spec: { '$setElementOrder/containers': 'a' } }, 'expected a []interface {}, but received a string'],
    ['a malformed deleteFromPrimitiveList', { metadata: { finalizers: ['a'] } }, { metadata: { $deleteFromPrimitiveList: ['a'] } }, 'invalid patch format of primitive list'],
    ['a list of mixed types', { metadata: { finalizers: ['a'] } }, { metadata: { finalizers: [1] } }, 'list element types are not identical: [[a] [1]]'],
    ['a list of lists', { metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, 'lists of lists are not supported'],
    ['a merged list item that is not a map', podWith({ containers: [c('a')] }), { spec: { containers: [c('b')], '$setElementOrder/containers': ['b'] } }, 'expected a map[string]interface {}, but received a string'],
  ];
  for (const [name, original, patch, message] of errors) {
    it(`refuses ${name}`, () => {
      expect(() => strategicMergePatch(original, patch, pod)).toThrow(PatchError);
      expect(() => strategicMergePatch(original, patch, pod)).toThrow(message);
    });
  }

  it('refuses a $patch of another type than a string when diffing', () => {
    expect(() => createTwoWayMergePatch({ $patch: 'a' }, { $patch: 1 }, pod)).toThrow('invalid value for special key: $patch');
  });
});

describe('keys that look like prototype properties stay data', () => {
  const evil = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "metadata": {"labels": {"__proto__": "x"}}}');

  it('strategic merge patch', () => {
    const out = strategicMergePatch({ metadata: { name: 'a' } }, evil, pod);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.hasOwn((out.metadata as JsonObject).labels as JsonObject, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // The key survives a round trip through JSON as data.
    expect(JSON.parse(JSON.stringify(out)).__proto__).toEqual({ polluted: true });
  });

  it('patch creation', () => {
    const patch = createThreeWayMergePatch({}, evil, { metadata: { name: 'a' } }, pod);
    expect(Object.hasOwn(patch, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(patch)).toBe(Object.prototype);
    const two = createTwoWayMergePatch(evil, {}, pod);
    expect(Object.hasOwn(two, '__proto__')).toBe(true);
    expect(two.__proto__).toBeNull();
  });

  it('JSON merge patch and JSON patch', () => {
    const merged = jsonMergePatch({}, evil) as JsonObject;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    const patched = applyJsonPatch({}, [
      { op: 'add', path: '/__proto__', value: { polluted: true } },
      { op: 'add', path: '/constructor', value: { prototype: { polluted: true } } },
    ]) as JsonObject;
    expect(Object.hasOwn(patched, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A path through a missing __proto__ key does not reach Object.prototype.
    expect(() => applyJsonPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: true }])).toThrow('doc is missing path');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
