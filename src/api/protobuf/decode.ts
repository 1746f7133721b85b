// Decoding a message as gogo's generated Unmarshal methods do, into Go values, then printing them
// as the API server's JSON encoder (encoding/json) would: Go's zero values for absent fields,
// `omitempty`, null for nil slices, maps and pointers, and the JSON forms of Time, Quantity,
// IntOrString and the raw JSON types.

import { canonicalQuantity, QuantityError } from '../quantity.js';
import { formatDuration, formatTime, unixTime, ZERO_TIME_SECONDS } from './gotime.js';
import { byUTF8, SCALAR, struct, type Field } from './meta.js';
import { ProtobufError, Reader, toInt, WIRE } from './wire.js';

/** A decoded struct: its fields by number, as set (a field never seen is Go's zero value). */
type GoStruct = Map<number, unknown>;

/** metav1.Time or MicroTime once unmarshalled (time.Unix(seconds, nanos)). */
class GoTime {
  constructor(
    readonly seconds: bigint,
    readonly nanos: number,
  ) {}
  get zero(): boolean {
    return this.seconds === ZERO_TIME_SECONDS && this.nanos === 0;
  }
}
const ZERO_TIME = new GoTime(ZERO_TIME_SECONDS, 0);

/** The messages behind the types that have JSON forms of their own. */
const TIMESTAMP = 'Timestamp';
const SPECIAL_FIELDS: Record<string, [name: string, number: number, type: string][]> = {
  Timestamp: [['Seconds', 1, 'int64'], ['Nanos', 2, 'int32']],
  IntOrString: [['Type', 1, 'int64'], ['IntVal', 2, 'int32'], ['StrVal', 3, 'string']],
  Duration: [['Duration', 1, 'int64']],
  RawExtension: [['Raw', 1, 'bytes']],
  FieldsV1: [['Raw', 1, 'bytes']],
  // A map value of a named slice type (UserInfo.extra's ExtraValue) is a message of its items.
  ExtraValue: [['Items', 1, '[]string']],
};
const specialField = (message: string, number: number): Field | undefined => {
  const f = SPECIAL_FIELDS[message]?.find((x) => x[1] === number);
  return f && { json: f[0], go: f[0], number: f[1], type: f[2], omitempty: false, inline: false };
};

export const isNumeric = (type: string) => SCALAR.has(type) && type !== 'string' && type !== 'bytes';

function wireOf(type: string): number {
  if (type === 'float64') return WIRE.fixed64;
  if (type === 'float32') return WIRE.fixed32;
  return isNumeric(type) ? WIRE.varint : WIRE.bytes;
}

export class Decoder {
  /** Reads the message `key` from r to its end, into `into` (gogo merges a repeated message field). */
  message(r: Reader, key: string, into: GoStruct = new Map()): GoStruct {
    const s = SPECIAL_FIELDS[key] ? undefined : struct(key);
    const name = s?.name ?? key;
    while (!r.done) {
      const [number, wire] = r.key(name);
      const f = s ? s.number.get(number) : specialField(key, number);
      if (!f) {
        r.skip(wire);
        continue;
      }
      const type = f.type.startsWith('*') ? f.type.slice(1) : f.type;
      if (type.startsWith('[]')) {
        const list = (into.get(number) as unknown[] | undefined) ?? [];
        into.set(number, list);
        const e = type.slice(2);
        if (isNumeric(e) && wire === WIRE.bytes) {
          // A packed repeated scalar, which gogo accepts as well.
          const len = r.length();
          const end = r.pos + len;
          const inner = new Reader(r.buf, r.pos, end);
          while (!inner.done) list.push(this.scalar(inner, e));
          r.pos = end;
          continue;
        }
        this.expectWire(wire, wireOf(e), f);
        list.push(this.value(r, e));
        continue;
      }
      this.expectWire(wire, wireOf(type), f);
      if (type.startsWith('{}')) {
        const map = (into.get(number) as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
        into.set(number, map);
        this.mapEntry(r, type.slice(2), map);
      } else {
        into.set(number, this.value(r, type, into.get(number)));
      }
    }
    return into;
  }

  private expectWire(wire: number, want: number, f: Field): void {
    if (wire !== want) throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${f.go}`);
  }

  private scalar(r: Reader, type: string): unknown {
    switch (type) {
      case 'bool':
        return r.varint() != 0;
      case 'int32':
        return toInt(r.varint(), 32, true);
      case 'int64':
        return toInt(r.varint(), 64, true);
      case 'uint32':
        return toInt(r.varint(), 32, false);
      case 'uint64':
        return toInt(r.varint(), 64, false);
      case 'float32':
        return r.fixed32().getFloat32(0, true);
      case 'float64':
        return r.fixed64().getFloat64(0, true);
      default:
        throw new Error(`protobuf: not a scalar: ${type}`);
    }
  }

  /** One value of a non-repeated type; `prior` is the value already set, which messages merge into. */
  private value(r: Reader, type: string, prior?: unknown): unknown {
    if (isNumeric(type)) return this.scalar(r, type);
    if (type === 'string') return r.string();
    // gogo copies bytes and keeps an empty field as an empty, non-nil slice.
    if (type === 'bytes') return r.bytes().slice();
    const len = r.length();
    const end = r.pos + len;
    const inner = new Reader(r.buf, r.pos, end);
    r.pos = end;
    switch (type) {
      case 'Time':
      case 'MicroTime': {
        // Their Unmarshal starts afresh; Time keeps whole seconds only.
        if (inner.done) return ZERO_TIME;
        const ts = this.message(inner, TIMESTAMP);
        const [seconds, nanos] = unixTime(BigInt((ts.get(1) as number | bigint | undefined) ?? 0), BigInt(type === 'Time' ? 0 : ((ts.get(2) as number | undefined) ?? 0)));
        return new GoTime(seconds, nanos);
      }
      case 'Quantity':
        return this.quantity(inner, prior as string | undefined);
      default:
        return this.message(inner, type, prior instanceof Map ? (prior as GoStruct) : undefined);
    }
  }

  /** Quantity's own Unmarshal: each `string` field is parsed, and replaces the value. */
  private quantity(r: Reader, prior: string | undefined): string | undefined {
    let q = prior;
    while (!r.done) {
      const [number, wire] = r.key('Quantity');
      if (number !== 1) {
        r.skip(wire);
        continue;
      }
      if (wire !== WIRE.bytes) throw new ProtobufError(`proto: wrong wireType = ${wire} for field String`);
      try {
        q = canonicalQuantity(r.string());
      } catch (e) {
        if (e instanceof QuantityError) throw new ProtobufError(e.message);
        throw e;
      }
    }
    return q;
  }

  /** A map entry message: key = 1, value = 2; a missing value is the value type's zero. */
  private mapEntry(r: Reader, valueType: string, map: Map<string, unknown>): void {
    const len = r.length();
    const end = r.pos + len;
    const inner = new Reader(r.buf, r.pos, end);
    r.pos = end;
    let key = '';
    let value: unknown;
    while (!inner.done) {
      const [number, wire] = inner.key('Generated');
      if (number === 1 && wire === WIRE.bytes) key = inner.string();
      else if (number === 2 && wire === (valueType.startsWith('[]') ? WIRE.bytes : wireOf(valueType))) value = this.value(inner, valueType.startsWith('[]') ? 'ExtraValue' : valueType);
      else inner.skip(wire);
    }
    map.set(key, value ?? (valueType === 'bytes' ? new Uint8Array(0) : undefined));
  }
}

// ---- Go values to JSON ----

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
const jsonNumber = (v: number | bigint) => (typeof v === 'bigint' ? Number(v) : v);

/** encoding/json's isEmptyValue for a field's Go value (undefined is the zero value). */
function isEmpty(v: unknown, type: string): boolean {
  if (type.startsWith('*')) return v === undefined;
  if (type.startsWith('[]') || type.startsWith('{}') || type === 'bytes') return v === undefined || (v as { length?: number; size?: number }).length === 0 || (v as Map<string, unknown>).size === 0;
  if (type === 'string') return !v;
  if (type === 'bool') return !v;
  if (isNumeric(type)) return v === undefined || v === 0 || v === 0n;
  if (type === 'Duration') return v === undefined || jsonNumber(((v as GoStruct).get(1) as number) ?? 0) === 0;
  // Structs, Time, Quantity and IntOrString are never empty.
  return false;
}

/** The JSON of a Go value of `type` (undefined: the zero value, or nil). */
export function toJSON(v: unknown, type: string): unknown {
  if (type.startsWith('*')) return v === undefined ? null : toJSON(v, type.slice(1));
  if (type.startsWith('[]')) return v === undefined ? null : (v as unknown[]).map((x) => toJSON(x, type.slice(2)));
  if (type.startsWith('{}')) {
    if (v === undefined) return null;
    const out: Record<string, unknown> = {};
    const e = type.slice(2);
    // Go prints map keys sorted.
    for (const k of [...(v as Map<string, unknown>).keys()].sort(byUTF8)) {
      const x = (v as Map<string, unknown>).get(k);
      out[k] = e.startsWith('[]') ? toJSON(x === undefined ? undefined : (x as GoStruct).get(1), e) : toJSON(x, e);
    }
    return out;
  }
  switch (type) {
    case 'string':
      return (v as string | undefined) ?? '';
    case 'bool':
      return (v as boolean | undefined) ?? false;
    case 'bytes':
      return v === undefined ? null : base64(v as Uint8Array);
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'float32':
    case 'float64':
      return v === undefined ? 0 : jsonNumber(v as number | bigint);
    case 'Time':
    case 'MicroTime': {
      const t = (v as GoTime | undefined) ?? ZERO_TIME;
      return t.zero ? null : formatTime(t.seconds, t.nanos, type === 'MicroTime');
    }
    case 'Quantity':
      return (v as string | undefined) ?? '0';
    case 'Duration':
      return formatDuration(BigInt(((v as GoStruct | undefined)?.get(1) as number | bigint | undefined) ?? 0));
    case 'IntOrString': {
      const s = (v as GoStruct | undefined) ?? new Map();
      const kind = jsonNumber((s.get(1) as number | bigint | undefined) ?? 0);
      if (kind === 0) return (s.get(2) as number | undefined) ?? 0;
      if (kind === 1) return (s.get(3) as string | undefined) ?? '';
      throw new ProtobufError('json: error calling MarshalJSON for type *intstr.IntOrString: impossible IntOrString.Type');
    }
    case 'RawExtension':
    case 'FieldsV1': {
      const raw = (v as GoStruct | undefined)?.get(1) as Uint8Array | undefined;
      if (raw === undefined) return null;
      try {
        return JSON.parse(new TextDecoder().decode(raw));
      } catch {
        throw new ProtobufError(`json: error calling MarshalJSON for type ${type === 'FieldsV1' ? '*v1.FieldsV1' : 'runtime.RawExtension'}: the raw bytes are not JSON`);
      }
    }
    default:
      return structJSON((v as GoStruct | undefined) ?? new Map(), type);
  }
}

function structJSON(v: GoStruct, key: string, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const f of struct(key).fields) {
    const x = v.get(f.number);
    if (f.inline) {
      structJSON((x as GoStruct | undefined) ?? new Map(), f.type, out);
      continue;
    }
    if (f.omitempty && isEmpty(x, f.type)) continue;
    out[f.json] = toJSON(x, f.type);
  }
  return out;
}
