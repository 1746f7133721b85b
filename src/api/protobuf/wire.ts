// The protobuf wire format as gogo's generated Unmarshal methods read it, with their error messages.

export class ProtobufError extends Error {
  override name = 'ProtobufError';
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

  /** A length-delimited field's bounds, checked against the enclosing message. */
  length(): number {
    const len = this.varint();
    if (typeof len === 'bigint' || len > 2 ** 31 - 1) throw new ProtobufError('proto: negative length found during unmarshaling');
    if (this.pos + len > this.end) throw new ProtobufError('unexpected EOF');
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
    const type = Number(BigInt(wire) & 7n);
    const field = Number(BigInt.asIntN(32, BigInt(wire) >> 3n));
    if (type === WIRE.endGroup) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wire})`);
    return [field, type];
  }

  /** Skips a field's value, as skipGenerated does for unknown fields. */
  skip(type: number): void {
    switch (type) {
      case WIRE.varint:
        this.varint();
        return;
      case WIRE.fixed64:
        this.view(8);
        return;
      case WIRE.bytes:
        this.pos += this.length();
        return;
      case WIRE.startGroup:
        for (;;) {
          const wire = this.varint();
          const inner = Number(BigInt(wire) & 7n);
          if (inner === WIRE.endGroup) return;
          this.skip(inner);
        }
      case WIRE.fixed32:
        this.view(4);
        return;
      default:
        throw new ProtobufError(`proto: illegal wireType ${type}`);
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
