// Shell arithmetic ($((…)), ((…)), let): 64-bit signed integers, C operators.

import type { Arith, Word } from './nodes.js';

export interface ArithHost {
  expand(word: Word): Promise<string>;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseNumber(text: string): bigint {
  const s = text.trim();
  if (s === '') return 0n;
  const m = /^([+-]?)(?:(0[xX][0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*)|([0-9]+)#([0-9a-zA-Z@_]+))$/.exec(s);
  if (!m) throw new ArithError(`${s}: syntax error: invalid arithmetic operator`);
  const sign = m[1] === '-' ? -1n : 1n;
  let value: bigint;
  if (m[2]) value = BigInt(m[2]);
  else if (m[3]) value = m[3] === '0' ? 0n : BigInt(`0o${m[3].slice(1)}`);
  else if (m[4]) value = BigInt(m[4]);
  else value = fromBase(m[6], Number(m[5]), s);
  return wrap(sign * value);
}

function fromBase(digits: string, base: number, text: string): bigint {
  if (base < 2 || base > 64) throw new ArithError(`${text}: invalid arithmetic base`);
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_';
  let value = 0n;
  for (const ch of digits) {
    const d = base <= 36 ? alphabet.indexOf(ch.toLowerCase()) : alphabet.indexOf(ch);
    if (d < 0 || d >= base) throw new ArithError(`${text}: value too great for base`);
    value = wrap(value * BigInt(base) + BigInt(d));
  }
  return value;
}

function power(base: bigint, exp: bigint): bigint {
  if (exp < 0n) throw new ArithError('exponent less than 0');
  let result = 1n;
  for (let b = base, e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = wrap(result * b);
    b = wrap(b * b);
  }
  return result;
}

function binary(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/':
    case '%':
      if (b === 0n) throw new ArithError('division by zero');
      return wrap(op === '/' ? a / b : a % b);
    case '**': return power(a, b);
    case '<<': return wrap(a << (b & 63n));
    case '>>': return a >> (b & 63n);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case ',': return b;
    default: throw new ArithError(`syntax error: operand expected`);
  }
}

export class ArithEvaluator {
  constructor(private readonly host: ArithHost) {}

  async eval(expr: Arith): Promise<bigint> {
    switch (expr.type) {
      case 'word':
        return this.valueOf(await this.host.expand(expr.word));
      case 'ternary':
        return (await this.eval(expr.cond)) !== 0n ? this.eval(expr.then) : this.eval(expr.orElse);
      case 'unary':
        return this.unary(expr.op, expr.post, expr.operand);
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right);
    }
  }

  private valueOf(text: string, seen = 0): bigint {
    const s = text.trim();
    if (!NAME.test(s)) return parseNumber(s);
    if (seen > 16) throw new ArithError(`${s}: expression recursion level exceeded`);
    return this.valueOf(this.host.get(s) ?? '', seen + 1);
  }

  private async nameOf(expr: Arith): Promise<string> {
    const name = expr.type === 'word' ? (await this.host.expand(expr.word)).trim() : '';
    if (!NAME.test(name)) throw new ArithError('attempted assignment to non-variable');
    return name;
  }

  private async unary(op: string, post: boolean, operand: Arith): Promise<bigint> {
    if (op === '++' || op === '--') {
      const name = await this.nameOf(operand);
      const old = this.valueOf(name);
      const updated = wrap(op === '++' ? old + 1n : old - 1n);
      this.host.set(name, updated.toString());
      return post ? old : updated;
    }
    const v = await this.eval(operand);
    switch (op) {
      case '-': return wrap(-v);
      case '+': return v;
      case '!': return v === 0n ? 1n : 0n;
      case '~': return ~v;
      default: throw new ArithError('syntax error: operand expected');
    }
  }

  private async binary(op: string, left: Arith, right: Arith): Promise<bigint> {
    if (op === '&&') return (await this.eval(left)) !== 0n && (await this.eval(right)) !== 0n ? 1n : 0n;
    if (op === '||') return (await this.eval(left)) !== 0n || (await this.eval(right)) !== 0n ? 1n : 0n;
    if (op.endsWith('=') && !['==', '!=', '<=', '>='].includes(op)) {
      const name = await this.nameOf(left);
      const rhs = await this.eval(right);
      const value = op === '=' ? rhs : binary(op.slice(0, -1), this.valueOf(name), rhs);
      this.host.set(name, value.toString());
      return value;
    }
    return binary(op, await this.eval(left), await this.eval(right));
  }
}
