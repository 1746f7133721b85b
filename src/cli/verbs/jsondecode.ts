// A stream of JSON values read as Go's encoding/json Decoder reads it, failing with its messages:
// `json: offset 63: invalid character '}' looking for beginning of object key string`, or
// `unexpected EOF` for a value cut short.

class JsonSyntaxError extends Error {}

/** Go's quoteChar: how a syntax error shows the offending byte. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c).slice(1, -1);
  return `'${/^[\x20-\x7e]$/.test(c) || q.startsWith('\\') ? q : c}'`;
}

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonSyntaxError('unexpected EOF');
    throw new JsonSyntaxError(`json: offset ${this.pos + 1}: invalid character ${quoteChar(this.text[this.pos])} ${context}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (c === word[0]) {
        for (let i = 1; i < word.length; i++) {
          this.pos++;
          if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
        }
        this.pos++;
        return v;
      }
    }
    return this.fail('looking for beginning of value');
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      const value = this.value();
      // An object key "__proto__" is data, as encoding/json and JSON.parse make it.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return out;
      if (c !== ',') {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return out;
      if (c !== ',') {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('in string literal');
      if (c === '"') break;
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.text[this.pos];
        if (e === 'u') {
          for (let i = 0; i < 4; i++) {
            this.pos++;
            if (!/[0-9a-fA-F]/.test(this.text[this.pos] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private number(): number {
    const start = this.pos;
    const digits = () => {
      while (/[0-9]/.test(this.text[this.pos] ?? '')) this.pos++;
    };
    if (this.text[this.pos] === '-') {
      this.pos++;
      if (!/[0-9]/.test(this.text[this.pos] ?? '')) this.fail('in numeric literal');
    }
    if (this.text[this.pos] === '0') this.pos++;
    else digits();
    if (this.text[this.pos] === '.') {
      this.pos++;
      if (!/[0-9]/.test(this.text[this.pos] ?? '')) this.fail('after decimal point in numeric literal');
      digits();
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      if (!/[0-9]/.test(this.text[this.pos] ?? '')) this.fail('in exponent of numeric literal');
      digits();
    }
    return Number(this.text.slice(start, this.pos));
  }
}

/** Every value in the stream, in order; throws an Error with Go's message at the first fault. */
export function decodeJsonStream(text: string): unknown[] {
  const s = new Scanner(text);
  const out: unknown[] = [];
  while (!s.atEnd()) {
    const v = s.value();
    if (v !== null) out.push(v);
  }
  return out;
}
