// Properties of the patch functions over generated documents. Seeded: KCTL_TEST_SEED replays a run
// (fast-check prints the seed and path of any failure).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  createJsonMergePatch,
  createJsonPatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  jsonMergePatch,
  patchMetaFromData,
  strategicMergePatch,
  type Json,
  type JsonObject,
  type PatchMetaData,
} from '../../src/api/patch/index.js';

const seed = Number(process.env.KCTL_TEST_SEED ?? 7340);
const runs = { seed, numRuns: 300 };

const ITEM: PatchMetaData = {
  kinds: {},
  structs: {
    Item: {
      name: 'string',
      value: 'string',
      other: 'string',
      mergingList: ['[]Item', 'merge', 'name'],
      nonMergingList: '[]Item',
      mergingIntList: ['[]int', 'merge', ''],
      simpleMap: '{}string',
      retainKeysMap: ['Union', 'retainKeys', ''],
      retainKeysMergingList: ['[]Item', 'merge,retainKeys', 'name'],
    },
    Union: { name: 'string', value: 'string', other: 'string', simpleMap: '{}string' },
  },
};
const meta = patchMetaFromData('Item', ITEM);

const word = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const strip = (o: Record<string, unknown>): JsonObject => JSON.parse(JSON.stringify(o)) as JsonObject;
/**
 * The object as the API server stores it. Upstream copies a map the live object lacks straight
 * from the patch, nulls and `$retainKeys` included; decoding into Go structs drops both.
 */
const decoded = (o: JsonObject): JsonObject =>
  JSON.parse(
    JSON.stringify(o, (_k, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== null && !k.startsWith('$'))) : v,
    ),
  ) as JsonObject;

const simpleMap = fc.dictionary(word, word, { maxKeys: 3 });
// Merging scalar lists in ascending order: upstream's diff sorts the original list in place, so
// an order-only change of an unsorted list is not carried by its patch.
const intList = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }).map((a) => [...a].sort((x, y) => x - y));
const union = fc.record({ name: optional(word), value: optional(word), other: optional(word), simpleMap: optional(simpleMap) }).map(strip);

/** An Item, its keyed lists with unique names, down to `depth` levels of nested items. */
function item(depth: number): fc.Arbitrary<JsonObject> {
  const child = depth > 0 ? item(depth - 1) : fc.record({ value: optional(word) }).map(strip);
  const keyed = fc.uniqueArray(fc.tuple(word, child), { selector: ([n]) => n, maxLength: 3 }).map((items) => items.map(([name, rest]) => ({ ...rest, name })));
  return fc
    .record({
      value: optional(word),
      other: optional(word),
      mergingList: optional(keyed),
      nonMergingList: optional(fc.array(child, { maxLength: 2 })),
      mergingIntList: optional(intList),
      simpleMap: optional(simpleMap),
      retainKeysMap: optional(union),
      retainKeysMergingList: optional(keyed),
    })
    .map(strip);
}
const doc = item(2);

describe('strategic merge patch properties', () => {
  it('applying the two-way patch to the original gives the modified document', () => {
    fc.assert(
      fc.property(doc, doc, (original, modified) => {
        const patch = createTwoWayMergePatch(original, modified, meta);
        expect(strategicMergePatch(original, patch, meta)).toEqual(modified);
      }),
      runs,
    );
  });

  it('the two-way patch between equal documents is empty', () => {
    fc.assert(
      fc.property(doc, (d) => {
        expect(createTwoWayMergePatch(d, d, meta)).toEqual({});
      }),
      runs,
    );
  });

  // A manifest, a later manifest, and a live object that others changed too: fields on disjoint keys.
  const fields = fc.constantFrom('value', 'other', 'name');
  const threeWay = fc.record({
    original: doc,
    modified: doc,
    current: doc,
    serverLabels: fc.dictionary(fc.constantFrom('x', 'y'), word, { maxKeys: 2 }),
    serverField: fields,
  });

  it('three-way: the result has what the manifest sets, loses what it dropped, keeps what only the server has', () => {
    fc.assert(
      fc.property(threeWay, ({ original, modified, current, serverLabels, serverField }) => {
        // The live object: the last applied manifest over whatever else the server had, plus the
        // server's own additions on keys neither manifest uses.
        const live: JsonObject = { ...current, ...original };
        live.simpleMap = { ...((live.simpleMap as JsonObject) ?? {}), ...serverLabels };
        const serverItem = Array.isArray(live.mergingList);
        if (serverItem) live.mergingList = [...(live.mergingList as Json[]), { name: 'server', value: 'kept' }];
        for (const k of Object.keys(serverLabels)) {
          delete (original.simpleMap as JsonObject | undefined)?.[k];
          delete (modified.simpleMap as JsonObject | undefined)?.[k];
        }
        delete original[serverField];
        delete modified[serverField];
        live[serverField] = 'server';

        const patch = createThreeWayMergePatch(original, modified, live, meta);
        const result = decoded(strategicMergePatch(live, patch, meta));

        for (const k of ['value', 'other', 'nonMergingList', 'retainKeysMap'] as const) {
          if (!(k in modified) && k in original) expect(result, k).not.toHaveProperty(k);
        }
        for (const k of ['value', 'other', 'nonMergingList'] as const) if (k in modified) expect(result[k], k).toEqual(modified[k]);
        // A retainKeys struct keeps only the manifest's keys once the manifest has any.
        const union = modified.retainKeysMap as JsonObject | undefined;
        if (union) {
          const got = (result.retainKeysMap ?? {}) as JsonObject;
          for (const k of ['name', 'value', 'other'] as const) if (k in union) expect(got[k], k).toBe(union[k]);
          if (Object.keys(union).length > 0) expect(Object.keys(got).every((k) => k in union)).toBe(true);
        }
        expect(result[serverField]).toBe('server');
        const resultMap = (result.simpleMap ?? {}) as JsonObject;
        const modifiedMap = (modified.simpleMap ?? {}) as JsonObject;
        const originalMap = (original.simpleMap ?? {}) as JsonObject;
        if ('simpleMap' in modified) {
          for (const [k, v] of Object.entries(modifiedMap)) expect(resultMap[k]).toBe(v);
          for (const k of Object.keys(originalMap)) if (!(k in modifiedMap)) expect(resultMap).not.toHaveProperty(k);
          for (const [k, v] of Object.entries(serverLabels)) expect(resultMap[k]).toBe(v);
        }
        // Keyed items: the manifest's are there with its values, dropped ones are gone.
        if (Array.isArray(modified.mergingList)) {
          const byName = new Map(((result.mergingList ?? []) as JsonObject[]).map((i) => [i.name, i]));
          for (const i of modified.mergingList as JsonObject[]) {
            expect(byName.has(i.name as string)).toBe(true);
            if (typeof i.value === 'string') expect(byName.get(i.name as string)!.value).toBe(i.value);
          }
          const kept = new Set((modified.mergingList as JsonObject[]).map((i) => i.name));
          for (const i of (original.mergingList ?? []) as JsonObject[]) if (!kept.has(i.name)) expect(byName.has(i.name as string)).toBe(false);
          expect(byName.get('server')).toEqual(serverItem ? { name: 'server', value: 'kept' } : undefined);
          // The manifest's order is kept among its own items.
          const order = ((result.mergingList ?? []) as JsonObject[]).map((i) => i.name).filter((n) => kept.has(n));
          expect(order).toEqual((modified.mergingList as JsonObject[]).map((i) => i.name));
        }
      }),
      runs,
    );
  });

  it('three-way with the live object equal to the last applied one behaves as the two-way patch', () => {
    fc.assert(
      fc.property(doc, doc, (original, modified) => {
        const patch = createThreeWayMergePatch(original, modified, original, meta);
        expect(strategicMergePatch(original, patch, meta)).toEqual(modified);
      }),
      runs,
    );
  });
});

// JSON documents without nulls, which a merge patch cannot carry as values.
const noNull: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 4 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const noNullObject = fc.dictionary(fc.string({ maxLength: 3 }), noNull, { maxKeys: 4 }) as fc.Arbitrary<JsonObject>;
const jsonObject = fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, { maxKeys: 4 });

describe('JSON merge patch and JSON patch properties', () => {
  it('a merge patch created between two documents turns the first into the second', () => {
    fc.assert(
      fc.property(noNullObject, noNullObject, (a, b) => {
        expect(jsonMergePatch(a, createJsonMergePatch(a, b))).toEqual(b);
      }),
      runs,
    );
  });

  it('a JSON patch created from a diff applies back', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (a, b) => {
        expect(applyJsonPatch(a, createJsonPatch(a, b))).toEqual(b);
      }),
      runs,
    );
  });

  it('applying a merge patch never modifies its inputs', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (a, b) => {
        const [a0, b0] = [JSON.stringify(a), JSON.stringify(b)];
        jsonMergePatch(a, b);
        try {
          strategicMergePatch(a, b, meta);
        } catch {
          // Keys unknown to Item are refused; the inputs must be intact all the same.
        }
        expect([JSON.stringify(a), JSON.stringify(b)]).toEqual([a0, b0]);
      }),
      { ...runs, numRuns: 100 },
    );
  });
});
