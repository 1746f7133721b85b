// Go values as a template sees the unstructured object kubectl gives it: whole numbers are
// int64 and others float64 (JS numbers here), strings, bools, []interface{},
// map[string]interface{}. Template constants and len are Go ints (bigint), float constants
// Float64; a value read out of a map or slice stays boxed in interface{}.

import { Float64, isGoInt } from '../../util/goformat.js';

export { Float64 };

/** A value held in an interface{} (null: a nil interface). */
export class Iface {
  constructor(readonly v: Concrete | null) {}
}

/** A byte (uint8), as index gives for a string. */
export class Byte {
  constructor(readonly v: number) {}
}

export type Concrete = string | number | bigint | boolean | Byte | Float64 | Concrete[] | { [k: string]: Concrete } | null;
/** undefined: Go's invalid reflect.Value (a missing key). */
export type Value = Concrete | Iface | undefined;

/** Boxes a decoded JSON value as a map or slice element. */
export function box(v: unknown): Iface {
  return new Iface(v === undefined ? null : (v as Concrete));
}

export function isMap(v: unknown): v is Record<string, Concrete> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Iface) && !(v instanceof Byte) && !(v instanceof Float64);
}

/** A float64: a float constant, or a JSON number that is not a whole int64. */
export function floatOf(v: unknown): number | undefined {
  if (v instanceof Float64) return v.value;
  if (typeof v === 'number' && !isGoInt(v)) return v;
  return undefined;
}

/** An int of any size and sign: int, int64 or uint8. */
export function intOf(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof Byte) return BigInt(v.v);
  if (typeof v === 'number' && isGoInt(v)) return BigInt(v);
  return undefined;
}

/** reflect's indirect: through interfaces, reporting a nil one. */
export function indirect(v: Value): [Value, boolean] {
  if (v instanceof Iface) return v.v === null ? [v, true] : [v.v, false];
  return [v, false];
}

/** indirectInterface: the value inside an interface, or invalid for a nil one. */
export function unbox(v: Value): Value {
  if (v instanceof Iface) return v.v === null ? undefined : v.v;
  return v;
}

export function typeName(v: Value): string {
  if (v instanceof Iface) return 'interface {}';
  if (v instanceof Byte) return 'uint8';
  if (v instanceof Float64) return 'float64';
  if (v === null) return 'interface {}';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return isGoInt(v) ? 'int64' : 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  return 'map[string]interface {}';
}

/** reflect's Kind as the template cares for it. */
export type Kind = 'invalid' | 'interface' | 'string' | 'float' | 'int' | 'uint' | 'bool' | 'slice' | 'map';

export function kindOf(v: Value): Kind {
  if (v === undefined) return 'invalid';
  if (v instanceof Iface || v === null) return 'interface';
  if (v instanceof Byte) return 'uint';
  if (v instanceof Float64) return 'float';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return isGoInt(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
  }
  return 'map';
}

/** isTrue: the zero of each type is false; ok is false for what has no truth. */
export function isTrue(v: Value): [boolean, boolean] {
  if (v === undefined) return [false, true];
  if (v instanceof Iface || v === null) return [v !== null && (v as Iface).v !== null, true];
  if (v instanceof Byte) return [v.v !== 0, true];
  if (v instanceof Float64) return [v.value !== 0, true];
  if (Array.isArray(v)) return [v.length > 0, true];
  switch (typeof v) {
    case 'string':
      return [v.length > 0, true];
    case 'number':
      return [v !== 0, true];
    case 'bigint':
      return [v !== 0n, true];
    case 'boolean':
      return [v, true];
  }
  return [Object.keys(v).length > 0, true];
}
