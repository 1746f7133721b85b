// Request bodies by media type: objects (create, replace) and patches. Each format is a decoder
// here; protobuf (application/vnd.kubernetes.protobuf, what kubectl's typed clients send for
// `create configmap|secret|deployment…`) is registered by ./protobuf.ts.

import { StatusError } from '../api/errors.js';
import type { PatchType } from '../apiserver/patch.js';
import type { KeyOrder } from '../api/strict/duplicates.js';
import { loadYaml } from '../util/yaml.js';

/** The kind the URL names: what the API server decodes a body into. */
export interface BodyKind {
  apiVersion: string;
  kind: string;
}

/** Decodes a body; a StatusError it throws is answered as it is. */
export type BodyDecoder = (bytes: Buffer, into: BodyKind) => unknown | Promise<unknown>;

/** The keys of JSON bodies that repeat one: the strict decoder reports each repeat. */
const KEY_ORDERS = new WeakMap<object, KeyOrder>();

async function decodeJSON(bytes: Buffer): Promise<unknown> {
  const text = bytes.toString('utf8');
  const value = JSON.parse(text) as unknown;
  // Cheap test first: a body whose object keys are all distinct needs no walk.
  if (value && typeof value === 'object' && /"\s*:/.test(text)) {
    const { keyOrder } = await import('../api/strict/duplicates.js');
    const order = keyOrder(text);
    if (order.duplicates.length) KEY_ORDERS.set(value, order);
  }
  return value;
}

/** The key order of a decoded body that repeats a key, for WriteOptions.keyOrder. */
export function keyOrderOf(body: object): KeyOrder | undefined {
  return KEY_ORDERS.get(body);
}

const OBJECT_DECODERS = new Map<string, BodyDecoder>([
  ['application/json', decodeJSON],
  ['application/yaml', async (b) => (await loadYaml()).parse(b.toString('utf8'))],
]);

/** Adds a format for object bodies (the protobuf decoder plugs in here). */
export function registerBodyDecoder(mediaType: string, decode: BodyDecoder): void {
  OBJECT_DECODERS.set(mediaType, decode);
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function unsupported(accepted: string[]): StatusError {
  return new StatusError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

function parseError(e: unknown): StatusError {
  return new StatusError('BadRequest', `couldn't get version/kind; json parse error: ${(e as Error).message}`);
}

/** A create or replace body: an object in one of the accepted formats (JSON without a Content-Type). */
export async function decodeObject(contentType: string | undefined, bytes: Buffer, into: BodyKind): Promise<Record<string, unknown>> {
  const type = mediaType(contentType) || 'application/json';
  const decode = OBJECT_DECODERS.get(type);
  if (!decode) throw unsupported([...OBJECT_DECODERS.keys()]);
  let value: unknown;
  try {
    value = await decode(bytes, into);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw parseError(e);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new StatusError('BadRequest', `Object 'Kind' is missing in '${bytes.toString('utf8').slice(0, 200)}'`);
  return value as Record<string, unknown>;
}

export const APPLY_PATCH = 'application/apply-patch+yaml';

/** A server-side apply body: the configuration, in YAML (JSON being YAML). */
export async function decodeApplyPatch(bytes: Buffer): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = (await loadYaml()).parse(bytes.toString('utf8'));
  } catch (e) {
    throw new StatusError('BadRequest', `error decoding YAML: ${(e as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new StatusError('BadRequest', 'error decoding YAML: the body is not an object');
  return value as Record<string, unknown>;
}

/** A PATCH body: its type from the Content-Type, and the patch document (JSON). */
export function decodePatch(contentType: string | undefined, bytes: Buffer): { type: PatchType; patch: unknown } {
  const type = PATCH_TYPES[mediaType(contentType)];
  if (!type) throw unsupported([...Object.keys(PATCH_TYPES), APPLY_PATCH]);
  try {
    return { type, patch: JSON.parse(bytes.toString('utf8')) };
  } catch (e) {
    throw new StatusError('BadRequest', `error decoding patch: ${(e as Error).message}`);
  }
}
