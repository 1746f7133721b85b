// Protobuf on the wire (application/vnd.kubernetes.protobuf): kubectl's typed clients send their
// bodies so (create deployment|configmap|secret…, auth can-i, create token) and accept JSON back.
// Bodies decode through api/protobuf, loaded on the first such request; answers are JSON unless
// the client accepts protobuf alone.

import { StatusError } from '../api/errors.js';
import { registerBodyDecoder, type BodyKind } from './body.js';
import type { Reply } from './http.js';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** apimachinery's summarizeData: the body's first 30 bytes, as text for JSON, else hex. */
function summary(bytes: Buffer): string {
  if (bytes.length === 0) return '<empty>';
  const head = bytes.subarray(0, 30);
  const text = bytes[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return bytes.length > 30 ? `${text} ...` : text;
}

/** A decoding error as the API server's transformDecodeError words it. */
function decodeError(e: Error & { gvk?: { apiVersion: string; kind: string } }, into: BodyKind, bytes: Buffer): StatusError {
  if (e.gvk?.kind) {
    const version = e.gvk.apiVersion.slice(e.gvk.apiVersion.indexOf('/') + 1);
    return new StatusError('BadRequest', `${e.gvk.kind} in version "${version}" cannot be handled as a ${into.kind}: ${e.message}`);
  }
  return new StatusError('BadRequest', `the object provided is unrecognized (must be of type ${into.kind}): ${e.message} (${summary(bytes)})`);
}

registerBodyDecoder(PROTOBUF, async (bytes, into) => {
  const { decodeProtobufObject, ProtobufError } = await import('../api/protobuf/index.js');
  try {
    return decodeProtobufObject(bytes, into);
  } catch (e) {
    if (e instanceof ProtobufError) throw decodeError(e, into, bytes);
    throw e;
  }
});

/** Whether an Accept header takes protobuf and nothing kctl writes otherwise (JSON, or any type). */
export function acceptsOnlyProtobuf(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  return types.includes(PROTOBUF) && !types.some((t) => t === 'application/json' || t === '*/*' || t === 'application/*');
}

/** A JSON reply re-encoded as protobuf, or 406 for what has no protobuf form (tables, text). */
export async function asProtobuf(reply: Reply): Promise<Reply> {
  const { canEncodeProtobuf, encodeProtobufObject } = await import('../api/protobuf/index.js');
  const body = reply.body as { apiVersion?: unknown; kind?: unknown } | undefined;
  if (reply.text !== undefined || reply.contentType || !body || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string' || !canEncodeProtobuf(body.apiVersion, body.kind)) {
    throw new StatusError('NotAcceptable', `only the following media types are accepted: application/json, application/yaml, ${PROTOBUF}`);
  }
  const raw = encodeProtobufObject(body as Record<string, unknown> & { apiVersion: string; kind: string });
  return { ...reply, body: undefined, raw, contentType: PROTOBUF };
}
