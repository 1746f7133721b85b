import type { Schema, StructType, TypeExpr } from './schema.js';
import { base64ErrorAt } from './base64.js';
import { goJSONString, goNumber, goTrimSpace, intError, isObject, kindOf, sortedKeys } from './goerrors.js';
import { quantityError } from '../quantity.js';
import { RFC3339, RFC3339_MICRO, parseTime } from './time.js';

/** An error returned by a type's own UnmarshalJSON: it stops decoding and wins over saved errors. */
export class Abort extends Error {}

const MAX_STRICT_ERRORS = 100;

export class Decoder {
  unknown: string[] = [];
  /** Every unknown field as its object and key, for dropping them as decoding into Go structs does. */
  readonly unknownAt: [Record<string, unknown>, string][] = [];
  saved?: string;
  private seen = new Set<string>();
  /** encoding/json's error context: JSON names of the struct fields entered, and the innermost struct. */
  private fieldStack: string[] = [];
  private struct = '';
  /** sigs.k8s.io/json's path for strict errors: `a.b[0].c`. */
  private path = '';

  constructor(private readonly schema: Schema) {}

  value(v: unknown, expr: TypeExpr): void {
    // null leaves any Go value unset; the custom unmarshalers accept it too.
    if (v === null || v === undefined) return;
    const type = this.underlying(expr);
    switch (type) {
      case 'raw':
        return;
      case 'quantity':
        return this.quantity(v);
      case 'intstr':
        // IntOrString decodes a string as such and anything else as an int32.
        if (typeof v !== 'string') this.inner(v, 'int32');
        return;
      case 'time':
      case 'microtime':
        if (typeof v !== 'string') this.inner(v, 'string');
        else {
          const err = parseTime(type === 'time' ? RFC3339 : RFC3339_MICRO, v);
          if (err) throw new Abort(err);
        }
        return;
      case 'string':
        if (typeof v !== 'string') this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
      case 'int32':
      case 'int64':
      case 'uint8': {
        const err = intError(v, type);
        if (err) this.save(this.typeError(err, this.goType(expr)));
        return;
      }
      case 'bytes':
        if (typeof v === 'string') {
          const at = base64ErrorAt(v);
          if (at !== undefined) this.save(`illegal base64 data at input byte ${at}`);
        } else if (Array.isArray(v)) this.array(v, 'uint8');
        else this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
    }
    if (type.startsWith('[]')) {
      if (Array.isArray(v)) this.array(v, type.slice(2));
      else this.save(this.typeError(kindOf(v), this.goType(expr)));
      return;
    }
    if (type.startsWith('{')) {
      if (isObject(v)) this.map(v, type.slice(type.indexOf('}') + 1));
      else this.save(this.typeError(kindOf(v), this.goType(expr)));
      return;
    }
    if (!Object.hasOwn(this.schema.structs, type)) throw new Error(`schema: unknown type ${type}`);
    const st = this.schema.structs[type];
    if (isObject(v)) this.object(v, st);
    else this.save(this.typeError(kindOf(v), st.t));
  }

  private object(v: Record<string, unknown>, st: StructType): void {
    const name = st.t.slice(st.t.indexOf('.') + 1);
    for (const key of sortedKeys(v)) {
      if (!Object.hasOwn(st.f, key)) {
        this.unknownAt.push([v, key]);
        this.strictError(this.path ? `${this.path}.${key}` : key);
        continue;
      }
      const [stack, struct, path] = [this.fieldStack.length, this.struct, this.path];
      this.fieldStack.push(key);
      this.struct = name;
      this.path = path ? `${path}.${key}` : key;
      this.value(v[key], st.f[key]);
      this.fieldStack.length = stack;
      this.struct = struct;
      this.path = path;
    }
  }

  private map(v: Record<string, unknown>, elem: TypeExpr): void {
    const path = this.path;
    for (const key of sortedKeys(v)) {
      this.path = path ? `${path}.${key}` : key;
      this.value(v[key], elem);
    }
    this.path = path;
  }

  private array(v: unknown[], elem: TypeExpr): void {
    const path = this.path;
    v.forEach((x, i) => {
      this.path = `${path}[${i}]`;
      this.value(x, elem);
    });
    this.path = path;
  }

  /** A custom unmarshaler decoding the value into a plain Go value: its type error stops everything. */
  private inner(v: unknown, goType: 'int32' | 'string'): void {
    const err = goType === 'int32' ? intError(v, 'int32') : kindOf(v);
    if (err) throw new Abort(this.typeError(err, goType));
  }

  private quantity(v: unknown): void {
    // Quantity.UnmarshalJSON parses the raw JSON text, without its quotes if it has both.
    const text = typeof v === 'string' ? goTrimSpace(goJSONString(v).slice(1, -1)) : typeof v === 'number' ? goNumber(v) : JSON.stringify(v);
    const err = quantityError(text);
    if (err) throw new Abort(err);
  }

  private typeError(value: string, goType: string): string {
    if (!this.struct && this.fieldStack.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
    return `json: cannot unmarshal ${value} into Go struct field ${this.struct}.${this.fieldStack.join('.')} of type ${goType}`;
  }

  private save(err: string): void {
    this.saved ??= err;
  }

  private strictError(path: string): void {
    if (this.unknown.length >= MAX_STRICT_ERRORS || this.seen.has(path)) return;
    this.seen.add(path);
    this.unknown.push(path);
  }

  private underlying(expr: TypeExpr): TypeExpr {
    return Object.hasOwn(this.schema.named, expr) ? this.schema.named[expr] : expr;
  }

  /** The type as Go's reflect prints it in `of type …`. */
  private goType(expr: TypeExpr): string {
    if (Object.hasOwn(this.schema.named, expr)) return expr;
    if (Object.hasOwn(this.schema.structs, expr)) return this.schema.structs[expr].t;
    if (expr.startsWith('[]')) return `[]${this.goType(expr.slice(2))}`;
    if (expr.startsWith('{')) {
      const end = expr.indexOf('}');
      return `map[${expr.slice(1, end)}]${this.goType(expr.slice(end + 1))}`;
    }
    return SPECIAL_GO_TYPES[expr] ?? expr;
  }
}

const SPECIAL_GO_TYPES: Record<string, string> = {
  bytes: '[]uint8',
  quantity: 'resource.Quantity',
  intstr: 'intstr.IntOrString',
  time: 'v1.Time',
  microtime: 'v1.MicroTime',
};
