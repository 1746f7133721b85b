// Encoding a JSON object as gogo's generated Marshal methods encode the Go struct that JSON decodes
// into: fields in number order; non-pointer scalars and structs always written (zero or not),
// pointers and slices only when set, map entries sorted by key.

import { canonicalQuantity } from '../quantity.js';
import { sortedKeys } from '../strict/goerrors.js';
import { isNumeric } from './decode.js';
import { parseDuration, parseTime } from './gotime.js';
import { struct, type Field } from './meta.js';
import { ProtobufError, WIRE, Writer } from './wire.js';

type JSONObject = Record<string, unknown>;

const isObject = (v: unknown): v is JSONObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const utf8 = new TextEncoder();

export function encodeMessage(obj: JSONObject, key: string): Uint8Array {
  const w = new Writer();
  for (const f of struct(key).byNumber) field(w, f, f.inline ? obj : obj[f.json]);
  return w.finish();
}

function field(w: Writer, f: Field, v: unknown): void {
  let type = f.type;
  if (type.startsWith('*')) {
    if (v === null || v === undefined) return;
    type = type.slice(1);
  }
  if (type.startsWith('[]')) {
    if (!Array.isArray(v)) return;
    for (const x of v) value(w, f.number, type.slice(2), x);
    return;
  }
  if (type.startsWith('{}')) {
    if (!isObject(v)) return;
    const e = type.slice(2);
    for (const k of sortedKeys(v)) {
      const entry = new Writer();
      entry.string(1, k);
      const x = v[k];
      // gogo leaves out a nil []byte value; every other value is written.
      if (e === 'bytes' && (x === null || x === undefined)) {
        w.bytes(f.number, entry.finish());
        continue;
      }
      if (e.startsWith('[]')) {
        const items = new Writer();
        for (const s of Array.isArray(x) ? x : []) items.string(1, String(s ?? ''));
        entry.bytes(2, items.finish());
      } else value(entry, 2, e, x);
      w.bytes(f.number, entry.finish());
    }
    return;
  }
  // A nil []byte is not written; an empty one is.
  if (type === 'bytes' && (v === null || v === undefined)) return;
  value(w, f.number, type, v);
}

/** One value (a field's, a list element's or a map value) of a non-repeated type; null is Go's zero value. */
function value(w: Writer, number: number, type: string, v: unknown): void {
  if (isNumeric(type)) {
    if (type === 'float32' || type === 'float64') return w.fixed(number, type === 'float32' ? WIRE.fixed32 : WIRE.fixed64, Number(v ?? 0));
    w.key(number, WIRE.varint);
    if (type === 'bool') return w.varint(v ? 1 : 0);
    return w.varint(typeof v === 'number' || typeof v === 'bigint' ? v : 0);
  }
  if (type === 'string') return w.string(number, typeof v === 'string' ? v : '');
  if (type === 'bytes') return w.bytes(number, typeof v === 'string' ? Buffer.from(v, 'base64') : new Uint8Array(0));
  w.bytes(number, message(type, v));
}

function message(type: string, v: unknown): Uint8Array {
  const w = new Writer();
  switch (type) {
    case 'Time':
    case 'MicroTime': {
      // A zero time is an empty message; otherwise Timestamp{seconds, nanos} (Time drops the nanos).
      if (typeof v !== 'string') return w.finish();
      const t = parseTime(v);
      if (!t) throw new ProtobufError(`cannot encode time ${JSON.stringify(v)}`);
      w.key(1, WIRE.varint);
      w.varint(t[0]);
      w.key(2, WIRE.varint);
      w.varint(type === 'MicroTime' ? Math.trunc(t[1] / 1000) * 1000 : 0);
      return w.finish();
    }
    case 'Quantity':
      w.string(1, canonicalQuantity(v === null || v === undefined ? '0' : String(v)));
      return w.finish();
    case 'IntOrString': {
      const isString = typeof v === 'string';
      w.key(1, WIRE.varint);
      w.varint(isString ? 1 : 0);
      w.key(2, WIRE.varint);
      w.varint(typeof v === 'number' ? v : 0);
      w.string(3, isString ? v : '');
      return w.finish();
    }
    case 'Duration': {
      const nanos = typeof v === 'string' ? parseDuration(v) : 0n;
      if (nanos === undefined) throw new ProtobufError(`cannot encode duration ${JSON.stringify(v)}`);
      w.key(1, WIRE.varint);
      w.varint(nanos);
      return w.finish();
    }
    case 'RawExtension':
    case 'FieldsV1':
      if (v !== null && v !== undefined) w.bytes(1, utf8.encode(JSON.stringify(v)));
      return w.finish();
    default:
      return encodeMessage(isObject(v) ? v : {}, type);
  }
}
