// Patch metadata: which lists merge, by which key, and which structs retain keys. The served kinds'
// metadata comes from the struct tags of the v1.32 Go types (patchmeta.json, written by
// scripts/gen-patchmeta.mjs); lookups behave as strategicpatch.PatchMetaFromStruct's, errors included.

import { PatchError } from './errors.js';
import data from './patchmeta.json';

/** A field's tags: `patchStrategy` split at commas (`[""]` when absent, as Go splits) and `patchMergeKey`. */
export interface FieldPatchMeta {
  readonly strategies: readonly string[];
  readonly mergeKey: string;
}

/** strategicpatch.LookupPatchMeta: the metadata below one type, looked up field by field. */
export interface LookupPatchMeta {
  /** The field's own metadata and the type it holds; for a map or struct value. */
  lookupForStruct(key: string): [LookupPatchMeta, FieldPatchMeta];
  /** The same for a list value: the meta returned is the element type's. */
  lookupForSlice(key: string): [LookupPatchMeta, FieldPatchMeta];
  /** What upstream's Name() gives: the Go kind (`struct`, `slice`, …). */
  name(): string;
}

/** A field: its type, or its type with the patchStrategy and patchMergeKey tags. */
export type FieldEntry = string | [type: string, strategy: string, mergeKey: string];

/**
 * The generated document. Types are a struct key, `[]T`, `{}T` (string-keyed map), `*T`, or a Go
 * kind name such as `string` or `int32`.
 */
export interface PatchMetaData {
  generator?: string;
  source?: string;
  /** `apiVersion/Kind` → struct key. */
  kinds: Record<string, string>;
  /** Struct key → JSON field name → entry, in Go field order. */
  structs: Record<string, Record<string, FieldEntry>>;
}

// JSON imports type tuples as string[]; the generator writes them with three elements.
export const patchMetaData = data as unknown as PatchMetaData;

const kindOf = (type: string, structs: PatchMetaData['structs']): string =>
  type.startsWith('[]') ? 'slice' : type.startsWith('{}') ? 'map' : type.startsWith('*') ? 'ptr' : Object.hasOwn(structs, type) ? 'struct' : type;

class StructPatchMeta implements LookupPatchMeta {
  constructor(
    private readonly data: PatchMetaData,
    private readonly type: string,
  ) {}

  lookupForStruct(key: string): [LookupPatchMeta, FieldPatchMeta] {
    const self = this.type.startsWith('*') ? this.type.slice(1) : this.type;
    const kind = kindOf(self, this.data.structs);
    if (kind !== 'struct') throw new PatchError(`merging an object in json but data type is not struct, instead is: ${kind}`);
    const fields = this.data.structs[self];
    // encoding/json's rule: an exact name first, else the first field equal under case folding.
    let entry = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (entry === undefined) {
      const folded = key.toLowerCase();
      const name = Object.keys(fields).find((f) => f.toLowerCase() === folded);
      entry = name === undefined ? undefined : fields[name];
    }
    if (entry === undefined) {
      throw new PatchError(`unable to find api field in struct ${self.replace(/@.*/, '')} for the json field ${JSON.stringify(key)}`);
    }
    const [type, strategy, mergeKey] = typeof entry === 'string' ? [entry, '', ''] : entry;
    return [new StructPatchMeta(this.data, type), { strategies: strategy.split(','), mergeKey }];
  }

  lookupForSlice(key: string): [LookupPatchMeta, FieldPatchMeta] {
    const [sub, meta] = this.lookupForStruct(key);
    const type = (sub as StructPatchMeta).type;
    let elem: string;
    if (type.startsWith('[]')) {
      elem = type.slice(2);
      if (elem.startsWith('[]')) throw new PatchError('unexpected slice of slice');
    } else if (type.startsWith('*')) {
      // A pointer to a slice gives its elements; a pointer to anything else, the pointee.
      elem = type.slice(1);
      if (elem.startsWith('[]')) elem = elem.slice(2);
    } else {
      // Upstream names the enclosing type's kind here, not the field's.
      throw new PatchError(`expected slice or array type, but got: ${this.name()}`);
    }
    return [new StructPatchMeta(this.data, elem), meta];
  }

  name(): string {
    return kindOf(this.type, this.data.structs);
  }
}

const NO_TAGS: FieldPatchMeta = { strategies: [], mergeKey: '' };

/**
 * Metadata for objects without a schema (custom resources, unknown kinds): every map merges, every
 * list is replaced, as a JSON merge patch does; `$patch` directives still apply.
 */
export const schemalessPatchMeta: LookupPatchMeta = {
  lookupForStruct: () => [schemalessPatchMeta, NO_TAGS],
  lookupForSlice: () => [schemalessPatchMeta, NO_TAGS],
  name: () => 'unstructured',
};

/** Metadata rooted at one struct of a metadata document (the generated one by default). */
export function patchMetaFromData(root: string, doc: PatchMetaData = patchMetaData): LookupPatchMeta {
  if (!Object.hasOwn(doc.structs, root)) throw new Error(`no struct ${root} in the patch metadata`);
  return new StructPatchMeta(doc, root);
}

/** The metadata of a served kind (`apps/v1`, `Deployment`), or undefined for a kind without Go types. */
export function structPatchMeta(apiVersion: string, kind: string): LookupPatchMeta | undefined {
  const root = Object.hasOwn(patchMetaData.kinds, `${apiVersion}/${kind}`) ? patchMetaData.kinds[`${apiVersion}/${kind}`] : undefined;
  return root === undefined ? undefined : new StructPatchMeta(patchMetaData, root);
}

/** The metadata of a kind: its Go types' when kctl serves it, else the schemaless fallback. */
export function patchMetaFor(apiVersion: string, kind: string): LookupPatchMeta {
  return structPatchMeta(apiVersion, kind) ?? schemalessPatchMeta;
}

/** extractRetainKeysPatchStrategy: whether `retainKeys` is among the strategies, and the other one. */
export function splitStrategies(strategies: readonly string[]): [retainKeys: boolean, strategy: string] {
  if (strategies.length === 0) return [false, ''];
  if (strategies.length === 1) return strategies[0] === 'retainKeys' ? [true, ''] : [false, strategies[0]];
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return [true, strategies[1]];
    if (strategies[1] === 'retainKeys') return [true, strategies[0]];
  }
  throw new PatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}
