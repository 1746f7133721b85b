// Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`), which kubectl's typed
// clients send (create deployment|configmap|secret|namespace|service|job…, auth can-i, drain):
// the magic `k8s\0`, then a runtime.Unknown whose typeMeta names the kind and whose raw is the
// object's own message. Field numbers and JSON names come from protometa.json (v1.32's Go types).
//
// The field table is some 50 kB: import this module with `await import()` where a body is read
// or written, so that it stays out of the CLI's start-up path.

import { goQuote } from '../strict/goerrors.js';
import { Decoder, toJSON } from './decode.js';
import { encodeMessage } from './encode.js';
import { kindStruct, TYPE_META, UNKNOWN } from './meta.js';
import { ProtobufError, Reader, Writer } from './wire.js';

export { ProtobufError } from './wire.js';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const PREFIX = [0x6b, 0x38, 0x73, 0x00];

export interface TypeMeta {
  apiVersion?: string;
  kind?: string;
}

/** schema.ParseGroupVersion: `group/version`, `version`, or nothing when there is more than one slash. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

/**
 * The object a protobuf body holds, as the JSON encoding of the same object would give it, with
 * `kind` and `apiVersion` first. `defaults` (the kind the URL names) fills in what the envelope
 * leaves out, as the API server's decoder does. Throws a ProtobufError with the decoder's message
 * (the API server answers BadRequest: `<Kind> in version "<v>" cannot be handled as a <Kind>: <message>`).
 */
export function decodeProtobufObject(body: Uint8Array, defaults: TypeMeta = {}): Record<string, unknown> {
  if (body.length === 0) throw new ProtobufError('empty data');
  if (body.length < PREFIX.length || PREFIX.some((b, i) => body[i] !== b)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${PREFIX.join(' ')}]`);
  }
  if (body.length === PREFIX.length) throw new ProtobufError('empty body');
  const decoder = new Decoder();
  const unknown = decoder.message(new Reader(body, PREFIX.length), UNKNOWN);
  const typeMeta = (unknown.get(1) as Map<number, unknown> | undefined) ?? new Map<number, unknown>();
  const sentVersion = (typeMeta.get(1) as string | undefined) ?? '';
  const sentKind = (typeMeta.get(2) as string | undefined) ?? '';
  // copyKindDefaults: the kind, and the group and version together, each only where missing.
  let gv = parseGroupVersion(sentVersion);
  const kind = sentKind || defaults.kind || '';
  if (!gv.version && defaults.apiVersion && parseGroupVersion(defaults.apiVersion).version) gv = parseGroupVersion(defaults.apiVersion);
  const typeMetaText = `runtime.TypeMeta{APIVersion:${goQuote(sentVersion)}, Kind:${goQuote(sentKind)}}`;
  if (!kind) throw new ProtobufError(`Object 'Kind' is missing in '${typeMetaText}'`);
  if (!gv.version) throw new ProtobufError(`Object 'apiVersion' is missing in '${typeMetaText}'`);
  const apiVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
  const key = kindStruct(apiVersion, kind);
  if (!key) throw Object.assign(new ProtobufError(`no kind ${goQuote(kind)} is registered for version ${goQuote(apiVersion)} in scheme "pkg/api/legacyscheme/scheme.go:30"`), { gvk: { apiVersion, kind } });
  const raw = (unknown.get(2) as Uint8Array | undefined) ?? new Uint8Array(0);
  try {
    const object = decoder.message(new Reader(raw), key);
    return { kind, apiVersion, ...(toJSON(object, key) as Record<string, unknown>) };
  } catch (e) {
    if (e instanceof ProtobufError) e.gvk = { apiVersion, kind };
    throw e;
  }
}

/** Whether kctl can answer with this kind in protobuf. */
export function canEncodeProtobuf(apiVersion: string, kind: string): boolean {
  return kindStruct(apiVersion, kind) !== undefined;
}

/** The protobuf body the API server writes for an object (a JSON object with apiVersion and kind). */
export function encodeProtobufObject(obj: Record<string, unknown> & { apiVersion: string; kind: string }): Uint8Array {
  const key = kindStruct(obj.apiVersion, obj.kind);
  if (!key) throw new ProtobufError(`object ${obj.apiVersion}/${obj.kind} cannot be encoded to a protobuf message`);
  const w = new Writer();
  w.raw(Uint8Array.from(PREFIX));
  // runtime.Unknown: typeMeta, raw, and the empty contentEncoding and contentType.
  w.bytes(1, encodeMessage({ apiVersion: obj.apiVersion, kind: obj.kind }, TYPE_META));
  w.bytes(2, encodeMessage(obj, key));
  w.string(3, '');
  w.string(4, '');
  return w.finish();
}
