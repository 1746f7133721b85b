// The protobuf wire format as gogo's generated Unmarshal methods read it, with their error messages.

export class ProtobufError extends Error {
  override name = 'ProtobufError';
  /** The kind the envelope named (with the defaults filled in), once it was read. */
  gvk?: { apiVersion: string; kind: string };
}

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as an unsigned 64-bit value: a number while it is exact, else a bigint. */
  varint(): number | bigint {
    let n = 0;
    for (let shift = 0; shift < 49; shift += 7) {
      const b = this.byte();
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
    let big = BigInt(n);
    for (let shift = 49n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufError('proto: integer overflow');
      const b = this.byte();
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, big);
    }
  }

  /** A length-delimited field's bounds, checked against the enclosing message as gogo does: a length read as a negative int is invalid, any other that runs past the end is an EOF. */
  length(): number {
    const len = this.varint();
    if (typeof len === 'bigint' && len >= 2n ** 63n) throw new ProtobufError('proto: negative length found during unmarshaling');
    if (typeof len === 'bigint' || this.pos + len > this.end) throw new ProtobufError('unexpected EOF');
    return len;
  }

  bytes(): Uint8Array {
    const len = this.length();
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  fixed64(): DataView {
    return this.view(8);
  }

  fixed32(): DataView {
    return this.view(4);
  }

  /** Reads a field key: [field number, wire type]. */
  key(message: string): [number, number] {
    const wire = this.varint();
    // fieldNum := int32(wire >> 3): exact in doubles while the key fits 34 bits.
    const small = typeof wire === 'number' && wire < 2 ** 34;
    const type = small ? wire % 8 : Number(BigInt(wire) & 7n);
    const field = small ? (Math.floor(wire / 8) | 0) : Number(BigInt.asIntN(32, BigInt(wire) >> 3n));
    if (type === WIRE.endGroup) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wire})`);
    return [field, type];
  }

  /** Skips a field's value, as skipGenerated does for unknown fields: groups by depth, without recursion. */
  skip(type: number): void {
    let depth = 0;
    for (;;) {
      switch (type) {
        case WIRE.varint:
          this.varint();
          break;
        case WIRE.fixed64:
          this.view(8);
          break;
        case WIRE.bytes: {
          const len = this.length();
          this.pos += len;
          break;
        }
        case WIRE.startGroup:
          depth++;
          break;
        case WIRE.endGroup:
          if (depth === 0) throw new ProtobufError('proto: unexpected end of group');
          depth--;
          break;
        case WIRE.fixed32:
          this.view(4);
          break;
        default:
          throw new ProtobufError(`proto: illegal wireType ${type}`);
      }
      if (depth === 0) return;
      type = Number(BigInt(this.varint()) & 7n);
    }
  }

  private byte(): number {
    if (this.pos >= this.end) throw new ProtobufError('unexpected EOF');
    return this.buf[this.pos++];
  }

  private view(n: number): DataView {
    if (this.pos + n > this.end) throw new ProtobufError('unexpected EOF');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
}

/** The low 32 or 64 bits of a varint, signed or not, as Go's integer conversions keep them. */
export function toInt(v: number | bigint, bits: 32 | 64, signed: boolean): number | bigint {
  if (typeof v === 'number' && v < 2 ** 31) return v;
  const big = signed ? BigInt.asIntN(bits, BigInt(v)) : BigInt.asUintN(bits, BigInt(v));
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

/** Builds a message front to back; nested messages are built apart and added with their length. */
export class Writer {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(256);
  private pos = 0;
  private total = 0;

  get length(): number {
    return this.total + this.pos;
  }

  key(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** An unsigned varint; negative numbers are written as their 64-bit two's complement, as Go's uint64(int32(x)) does. */
  varint(v: number | bigint): void {
    if (typeof v === 'number' && v >= 0 && v < 2 ** 31) {
      while (v >= 0x80) {
        this.byte((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.byte(v);
      return;
    }
    let big = BigInt.asUintN(64, BigInt(v));
    while (big >= 0x80n) {
      this.byte(Number(big & 0x7fn) | 0x80);
      big >>= 7n;
    }
    this.byte(Number(big));
  }

  bytes(field: number, data: Uint8Array): void {
    this.key(field, WIRE.bytes);
    this.varint(data.length);
    this.raw(data);
  }

  string(field: number, s: string): void {
    this.bytes(field, utf8Encoder.encode(s));
  }

  fixed(field: number, wire: typeof WIRE.fixed32 | typeof WIRE.fixed64, v: number): void {
    this.key(field, wire);
    const b = new Uint8Array(wire === WIRE.fixed32 ? 4 : 8);
    const view = new DataView(b.buffer);
    if (wire === WIRE.fixed32) view.setFloat32(0, v, true);
    else view.setFloat64(0, v, true);
    this.raw(b);
  }

  raw(data: Uint8Array): void {
    if (this.pos + data.length > this.buf.length) {
      this.flush();
      // Large pieces (nested messages) are kept as they are rather than copied.
      if (data.length > this.buf.length / 2) {
        this.chunks.push(data);
        this.total += data.length;
        return;
      }
    }
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private byte(b: number): void {
    if (this.pos === this.buf.length) this.flush();
    this.buf[this.pos++] = b;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.slice(0, this.pos));
    this.total += this.pos;
    this.pos = 0;
  }
}

const utf8Encoder = new TextEncoder();
