// Decoding a manifest the way a v1.32 API server does with fieldValidation=Strict (kubectl's
// default): its JSON decoder (sigs.k8s.io/json, a fork of encoding/json) walks the body into the Go
// struct of the kind, remembering the first type error and every unknown field, and the create
// handler turns the outcome into
//   `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`.
//
// kubectl re-encodes every manifest from a map before sending it, so the server sees each object's
// keys sorted, which fixes the order in which errors are found; duplicate keys never reach it
// (the last one wins when kubectl parses the YAML).
//
// This module carries the schema: load it with `await import()` where an object is written.

import { schema as bundled, type Schema } from './schema.js';
import { Abort, Decoder } from './decode.js';
import { goQuote } from './goerrors.js';

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
export function strictDecodeError(obj: { apiVersion: string; kind: string }): string | undefined {
  const { apiVersion, kind } = obj;
  const { unknownFields, typeError } = decodeErrors(apiVersion, kind, obj, bundled);
  const detail =
    typeError ??
    (unknownFields.length ? `strict decoding error: ${unknownFields.map((f) => `unknown field ${goQuote(f)}`).join(', ')}` : undefined);
  if (detail === undefined) return undefined;
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}
