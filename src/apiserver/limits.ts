// The size limits a v1.32 API server puts on writes, and the Status each answers with. The
// request-body limit belongs to whoever receives the body: the CLI's requests measure the JSON
// they send, an HTTP front door the bytes it reads. Per-kind limits (ConfigMap and Secret data,
// annotations) are validation's, in the kinds and api/validation.ts.

import { StatusError } from '../api/errors.js';

/** kube-apiserver's --max-request-bytes default (MaxRequestBodyBytes): 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** etcd's --max-request-bytes default: 1.5 MiB for one write, the object's encoding and its key. */
export const MAX_ETCD_REQUEST_BYTES = 1.5 * 1024 * 1024;

/** handlers.limitedReadBody: 413 RequestEntityTooLarge. */
export function requestEntityTooLarge(limit = MAX_REQUEST_BODY_BYTES): StatusError {
  return new StatusError('RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

/**
 * etcd refuses the write with a gRPC error the API server passes on as it is: a 500 without a
 * reason (kubernetes/kubernetes#112152), which kubectl prints as `Error from server: …`.
 */
export function etcdRequestTooLarge(): StatusError {
  return new StatusError('', 'etcdserver: request is too large');
}

/** A request body (a JSON value) past the limit is refused before it is decoded. */
export function checkRequestBody(body: unknown, limit = MAX_REQUEST_BODY_BYTES): void {
  if (jsonBytesOver(body, limit)) throw requestEntityTooLarge(limit);
}

/**
 * What etcd is asked to store: the object's encoding (its JSON stands for the protobuf the API
 * server writes, which is a little smaller) and its key.
 */
export function checkStorageSize(resource: string, obj: { metadata: { namespace?: string; name?: string } }): void {
  const key = `/registry/${resource}/${obj.metadata.namespace ? obj.metadata.namespace + '/' : ''}${obj.metadata.name ?? ''}`;
  if (jsonBytesOver(obj, MAX_ETCD_REQUEST_BYTES - key.length)) throw etcdRequestTooLarge();
}

/**
 * Whether JSON.stringify(v) takes more than `limit` bytes of UTF-8. A walk bounds it from above
 * first (a code unit is at most 6 bytes escaped), so only objects that could be that large are
 * encoded to count exactly.
 */
export function jsonBytesOver(v: unknown, limit: number): boolean {
  if (upperBound(v) <= limit) return false;
  const text = JSON.stringify(v);
  return text !== undefined && Buffer.byteLength(text) > limit;
}

function upperBound(v: unknown): number {
  if (typeof v === 'string') return v.length * 6 + 2;
  if (typeof v !== 'object' || v === null) return 24;
  let n = 2;
  if (Array.isArray(v)) {
    for (const x of v) n += upperBound(x) + 1;
    return n;
  }
  for (const k of Object.keys(v)) n += k.length * 6 + 4 + upperBound((v as Record<string, unknown>)[k]);
  return n;
}
