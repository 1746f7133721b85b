// Strategic merge patch against upstream's own test cases (k8s.io/apimachinery strategicpatch
// patch_test.go), over upstream's test type MergeItem, compared the way upstream compares them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  patchMetaFromData,
  strategicMergePatch,
  type Json,
  type JsonObject,
  type LookupPatchMeta,
  type PatchMetaData,
} from '../../src/api/patch/index.js';

// MergeItem and RetainKeysMergeItem of patch_test.go, with their struct tags.
const MERGE_ITEM: PatchMetaData = {
  kinds: {},
  structs: {
    MergeItem: {
      name: 'string',
      value: 'string',
      other: 'string',
      mergingList: ['[]MergeItem', 'merge', 'name'],
      nonMergingList: '[]MergeItem',
      mergingIntList: ['[]int', 'merge', ''],
      nonMergingIntList: '[]int',
      mergeItemPtr: ['*MergeItem', 'merge', 'name'],
      simpleMap: '{}string',
      replacingItem: ['RawExtension', 'replace', ''],
      retainKeysMap: ['RetainKeysMergeItem', 'retainKeys', ''],
      retainKeysMergingList: ['[]MergeItem', 'merge,retainKeys', 'name'],
    },
    RetainKeysMergeItem: {
      name: 'string',
      value: 'string',
      other: 'string',
      simpleMap: '{}string',
      mergingIntList: ['[]int', 'merge', ''],
      mergingList: ['[]MergeItem', 'merge', 'name'],
      nonMergingList: '[]MergeItem',
    },
    RawExtension: {},
  },
};
const meta = patchMetaFromData('MergeItem', MERGE_ITEM);

interface Case {
  description: string;
  original?: JsonObject;
  twoWay: JsonObject;
  modified?: JsonObject;
  twoWayResult?: JsonObject;
  current?: JsonObject;
  threeWay?: JsonObject;
  result?: JsonObject;
  expectedError?: string;
}
const load = (name: string) => parse(readFileSync(new URL(`../fixtures/patch/${name}`, import.meta.url), 'utf8')) as Case[];

const textOf = (v: Json | undefined): string => (v === null || v === undefined ? '<nil>' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** upstream's sortMergeListsByName: merging lists sorted by merge key, merging scalar lists de-duplicated and sorted. */
function sortMergeLists(m: JsonObject, schema: LookupPatchMeta): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList')) {
      out[k] = [...(v as Json[])].sort((a, b) => (textOf(a) < textOf(b) ? -1 : textOf(a) > textOf(b) ? 1 : 0));
    } else if (k.startsWith('$setElementOrder') || k === '$patch') {
      out[k] = v;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = sortMergeLists(v, schema.lookupForStruct(k)[0]);
    } else if (Array.isArray(v)) {
      const [sub, field] = schema.lookupForSlice(k);
      out[k] = field.strategies.includes('merge') ? sortList(v, sub, field.mergeKey) : v;
    } else {
      out[k] = v;
    }
  }
  return out;
}

function sortList(list: Json[], schema: LookupPatchMeta, mergeKey: string): Json[] {
  const key = (x: Json) => (mergeKey ? textOf((x as JsonObject)[mergeKey]) : textOf(x));
  const items = mergeKey ? list.map((x) => sortMergeLists(x as JsonObject, schema)) : [...new Set(list)];
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const sorted = (o: JsonObject) => sortMergeLists(o, meta);

describe('strategic merge patch: upstream application cases', () => {
  for (const c of load('upstream-apply.yaml')) {
    it(c.description, () => {
      if (c.expectedError) {
        expect(() => strategicMergePatch(c.original, c.twoWay, meta)).toThrow(c.expectedError);
        return;
      }
      expect(sorted(strategicMergePatch(c.original, c.twoWay, meta))).toEqual(sorted(c.modified ?? {}));
    });
  }
});

describe('strategic merge patch: upstream two-way and three-way cases', () => {
  for (const c of load('upstream-create.yaml')) {
    it(`${c.description} (two-way)`, () => {
      const patch = createTwoWayMergePatch(c.original, c.modified, meta);
      expect(sorted(patch)).toEqual(sorted(c.twoWay));
      expect(sorted(strategicMergePatch(c.original, patch, meta))).toEqual(sorted(c.twoWayResult ?? c.modified ?? {}));
    });
    if (c.current && c.threeWay && c.result) {
      it(`${c.description} (three-way)`, () => {
        const patch = createThreeWayMergePatch(c.original, c.modified, c.current, meta);
        expect(sorted(patch)).toEqual(sorted(c.threeWay!));
        expect(sorted(strategicMergePatch(c.current, patch, meta))).toEqual(sorted(c.result!));
      });
    }
  }
});

describe('strategic merge patch: order', () => {
  // With merge keys unique, the order is exact, not only the contents.
  it('follows $setElementOrder, then the patch, then the live list', () => {
    const patch = {
      $setElementOrder: undefined,
      '$setElementOrder/mergingList': [{ name: 3 }, { name: 1 }],
      mergingList: [{ name: 3, value: 'c' }],
    } as unknown as JsonObject;
    delete patch.$setElementOrder;
    const live = { mergingList: [{ name: 1 }, { name: 2 }, { name: 3 }] };
    expect(strategicMergePatch(live, patch, meta)).toEqual({ mergingList: [{ name: 2 }, { name: 3, value: 'c' }, { name: 1 }] });
  });

  it('keeps server-only items where the live list had them', () => {
    const live = { mergingList: [{ name: 'a' }, { name: 'server' }, { name: 'b' }] };
    const patch = { '$setElementOrder/mergingList': [{ name: 'b' }, { name: 'a' }], mergingList: [{ name: 'b', value: 'x' }] };
    expect(strategicMergePatch(live, patch, meta).mergingList).toEqual([{ name: 'server' }, { name: 'b', value: 'x' }, { name: 'a' }]);
  });

  it('orders a two-way patch of a reordered list with $setElementOrder alone', () => {
    const patch = createTwoWayMergePatch({ mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ name: 2 }, { name: 1 }] }, meta);
    expect(patch).toEqual({ '$setElementOrder/mergingList': [{ name: 2 }, { name: 1 }] });
  });
});
