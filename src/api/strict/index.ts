// Decoding a manifest the way a v1.32 API server does with fieldValidation=Strict (kubectl's
// default): its JSON decoder (sigs.k8s.io/json, a fork of encoding/json) walks the body into the Go
// struct of the kind, remembering the first type error and every unknown field, and the create
// handler turns the outcome into
//   `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`.
//
// kubectl re-encodes every manifest from a map before sending it, so the server sees each object's
// keys sorted, which fixes the order in which errors are found; duplicate keys never reach it
// (the last one wins when kubectl parses the YAML). Other clients' JSON can repeat a key: the
// body's KeyOrder (duplicates.ts) puts `duplicate field` errors among the others.
//
// This module carries the schema: load it with `await import()` where an object is written.

import { schema as bundled, type Schema } from './schema.js';
import { Abort, Decoder } from './decode.js';
import { strictErrorsInOrder, type KeyOrder } from './duplicates.js';

export type { KeyOrder } from './duplicates.js';
export { keyOrder } from './duplicates.js';

export interface DecodeErrors {
  /**
   * Paths of the fields the Go struct does not have (`spec.template.spec.containers[0].imagee`),
   * in the order the decoder meets them, without repeats, at most 100. The server reports them
   * only when there is no `typeError`.
   */
  unknownFields: string[];
  /** The error that made decoding fail (`json: cannot unmarshal …`, a bad quantity, time or base64). */
  typeError?: string;
}

/**
 * Decodes `obj` (plain JSON values, as parsed from the manifest) as the server decodes the kind
 * `kind` of `apiVersion`. Throws for a kind the schema does not describe.
 */
export function decodeErrors(apiVersion: string, kind: string, obj: unknown, schema: Schema): DecodeErrors {
  const key = `${apiVersion}/${kind}`;
  if (!Object.hasOwn(schema.kinds, key)) throw new Error(`no schema for ${kind} in ${apiVersion}`);
  const d = new Decoder(schema);
  try {
    d.value(obj, schema.kinds[key]);
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    return { unknownFields: d.unknown, typeError: e.message };
  }
  return { unknownFields: d.unknown, typeError: d.saved };
}

/**
 * The API server's message (a BadRequest) for an object it cannot decode, or undefined when it
 * decodes. The object is the manifest as parsed, before any conversion.
 */
export function strictDecodeError(obj: { apiVersion: string; kind: string }, order?: KeyOrder): string | undefined {
  const { error, unknownFields } = fieldValidation(obj, order);
  if (error) return error;
  return unknownFields.length ? cannotHandle(obj, `strict decoding error: ${unknownFields.join(', ')}`) : undefined;
}

function cannotHandle({ apiVersion, kind }: { apiVersion: string; kind: string }, detail: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

/**
 * What fieldValidation=Warn or Ignore makes of an object: the message of a type error (which fails
 * the request whatever the validation), one `unknown field "…"` per unknown field (the warnings
 * Warn sends), and the object without those fields, as decoding into the Go struct leaves it.
 */
export function fieldValidation<T extends { apiVersion: string; kind: string }>(obj: T, order?: KeyOrder): { error?: string; unknownFields: string[]; decoded: T } {
  const key = `${obj.apiVersion}/${obj.kind}`;
  if (!Object.hasOwn(bundled.kinds, key)) throw new Error(`no schema for ${obj.kind} in ${obj.apiVersion}`);
  const decoded = structuredClone(obj);
  const d = new Decoder(bundled);
  try {
    d.value(decoded, bundled.kinds[key]);
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    return { error: cannotHandle(obj, e.message), unknownFields: [], decoded };
  }
  if (d.saved !== undefined) return { error: cannotHandle(obj, d.saved), unknownFields: [], decoded };
  for (const [parent, field] of d.unknownAt) delete parent[field];
  return { unknownFields: strictErrorsInOrder(d.unknown, order), decoded };
}
