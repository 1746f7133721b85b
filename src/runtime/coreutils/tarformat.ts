// The tar archive format as GNU tar writes it (GNU headers, long names in `././@LongLink`
// entries) and reads it (ustar, GNU and PAX forms, octal or base-256 numbers).

export const BLOCK = 512;
/** GNU tar's default record: 20 blocks; an archive is padded to a whole record. */
export const RECORD = 20 * BLOCK;

function field(buf: Buffer, offset: number, length: number, text: string): void {
  Buffer.from(text, 'utf8').copy(buf, offset, 0, length);
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, type: string, size: number, mode: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  field(h, 0, 100, name);
  field(h, 100, 8, octal(mode, 8));
  field(h, 108, 8, octal(0, 8));
  field(h, 116, 8, octal(0, 8));
  field(h, 124, 12, octal(size, 12));
  field(h, 136, 12, octal(0, 12));
  field(h, 148, 8, '        ');
  field(h, 156, 1, type);
  field(h, 257, 8, 'ustar  \0');
  field(h, 265, 32, 'root');
  field(h, 297, 32, 'root');
  let sum = 0;
  for (const b of h) sum += b;
  field(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

const padding = (size: number) => '\0'.repeat((BLOCK - (size % BLOCK)) % BLOCK);

/** One member: a GNU long-name entry first when its name does not fit the header. */
export function entry(name: string, type: string, content: string, mode: number): string {
  const size = Buffer.byteLength(content);
  let out = '';
  if (Buffer.byteLength(name) > 100) {
    const long = `${name}\0`;
    out += header('././@LongLink', 'L', Buffer.byteLength(long), 0o644).toString('utf8') + long + padding(Buffer.byteLength(long));
  }
  return out + header(name, type, size, mode).toString('utf8') + content + padding(size);
}

export interface Member {
  name: string;
  type: string;
  content: Buffer;
  link: string;
}

function text(buf: Buffer, offset: number, length: number): string {
  const raw = buf.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function number(buf: Buffer, offset: number, length: number): number {
  if (buf[offset] & 0x80) {
    let n = buf[offset] & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + buf[offset + i];
    return n;
  }
  const t = text(buf, offset, length).trim();
  return t ? parseInt(t, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return number(h, 148, 8) === sum;
}

/** The members of an archive; null when it does not look like one. */
export function* members(data: Buffer): Generator<Member | null> {
  let at = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (at + BLOCK <= data.length) {
    const h = data.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return;
    if (!checksumOk(h)) return yield null;
    const size = number(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const content = data.subarray(at + BLOCK, at + BLOCK + size);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') longName = text(content, 0, content.length);
    else if (type === 'K') longLink = text(content, 0, content.length);
    else if (type === 'x') pax = paxRecords(content);
    else if (type !== 'g') {
      const prefix = text(h, 257, 6) === 'ustar' ? text(h, 345, 155) : '';
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
      const link = pax.linkpath ?? longLink ?? text(h, 157, 100);
      yield { name, type, content, link };
      [longName, longLink, pax] = [undefined, undefined, {}];
    }
  }
}

function paxRecords(content: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    if (space < 0) break;
    const length = parseInt(content.subarray(at, space).toString(), 10);
    if (!(length > 0)) break;
    const record = content.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}
