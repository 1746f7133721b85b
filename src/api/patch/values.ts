// JSON values as the Go patch code sees them after k8s.io/apimachinery/pkg/util/json decodes them:
// integers are int64, other numbers float64. Helpers for the comparisons and the %v printing the
// upstream algorithms and their error messages depend on.

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** The Go dynamic type of a decoded JSON value: what reflect.TypeOf compares. */
export type GoType = 'nil' | 'bool' | 'string' | 'int64' | 'float64' | 'slice' | 'map';

export function goType(v: unknown): GoType {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int64' : 'float64';
  return Array.isArray(v) ? 'slice' : 'map';
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const has = (o: JsonObject, k: string): boolean => Object.hasOwn(o, k);

/** Sets an own data property: a key such as `__proto__` stays a plain key, never the prototype. */
export function put(o: JsonObject, k: string, v: Json): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export const get = (o: JsonObject, k: string): Json | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

/** Go's == on interface values holding decoded JSON (maps and slices compare by identity). */
export function goEqual(a: unknown, b: unknown): boolean {
  if (goType(a) !== goType(b)) return false;
  return a === b || (a == null && b == null);
}

/** reflect.DeepEqual over decoded JSON. */
export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return goType(a) === goType(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A deep copy that keeps every own key as data. */
export function copy<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => copy(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) put(out, k, copy(v[k]));
    return out as T;
  }
  return v;
}

/** reflect.TypeOf(v).String() for a decoded JSON value, as mergepatch.ErrBadArgType prints it. */
export function goTypeName(v: Json | undefined): string {
  switch (goType(v)) {
    case 'nil':
      return '%!s(<nil>)';
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    default:
      return goType(v);
  }
}
