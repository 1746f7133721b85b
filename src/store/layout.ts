// The state file's text: plain JSON, with every top-level field on a line of its own, and every
// entry of the maps that grow with the cluster (resources under "objects", pods under
// "containers", the change history's versions under "changes" and "recentChanges") on a line of its own too. A command parses just the lines it reads (`get svc` in
// a cluster of 10,000 pods never parses a pod), and a write copies the lines it did not change as
// bytes, so creating a ConfigMap costs the same at 10 pods as at 10,000. Other JSON layouts of the
// same content (an older kctl's compact file, a file pretty-printed by hand) are read whole.

import { isAscii } from 'node:buffer';

/** The maps written one entry per line. */
const NESTED = new Set(['objects', 'containers', 'changes', 'recentChanges']);

/** A section's place in the file's bytes, kept for writing it back unchanged. */
interface Raw {
  bytes: Buffer;
  /** What the bytes parsed into, once they were read (it may since have changed). */
  value?: unknown;
}

/** Each lazily parsed map → its sections' bytes, by key. */
const RAW = new WeakMap<object, Map<string, Raw>>();

/**
 * The state as the file's chunks, in serialize()'s layout. A section that was never parsed is its
 * bytes as read; so is one that was parsed but that `unchanged` vouches for (`objects/pods`), as
 * only the store knows which resources it wrote.
 */
export function serializeChunks(data: object, unchanged: (section: string) => boolean = () => false): (string | Buffer)[] {
  const out: (string | Buffer)[] = ['{\n'];
  const fields = present(data);
  fields.forEach((key, i) => {
    const comma = i < fields.length - 1 ? ',' : '';
    // A nested map still as read goes back as its bytes; one that was read, entry by entry.
    const d = Object.getOwnPropertyDescriptor(data, key)!;
    const value = NESTED.has(key) && d.get === undefined ? d.value : undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      out.push(`${JSON.stringify(key)}:{\n`);
      const entries = present(value);
      entries.forEach((k, j) => section(out, value, k, `${key}/${k}`, j < entries.length - 1 ? ',' : '', unchanged));
      out.push(`}${comma}\n`);
    } else {
      section(out, data, key, key, comma, unchanged);
    }
  });
  out.push('}\n');
  return out;
}

/** The state as JSON text, in the layout serializeChunks writes. */
export function serialize(data: object): string {
  return serializeChunks(data)
    .map((c) => (typeof c === 'string' ? c : c.toString('utf8')))
    .join('');
}

function section(out: (string | Buffer)[], target: object, key: string, path: string, comma: string, unchanged: (section: string) => boolean): void {
  const raw = RAW.get(target)?.get(key);
  const d = Object.getOwnPropertyDescriptor(target, key)!;
  // Still lazy, or parsed into the value that is there now and vouched for: the bytes as read.
  const asRead = raw && (d.get !== undefined || (raw.value === d.value && unchanged(path)));
  out.push(`${JSON.stringify(key)}:`);
  if (asRead) out.push(raw.bytes, `${comma}\n`);
  else out.push(`${JSON.stringify(d.value)}${comma}\n`);
}

/** Keys whose values JSON.stringify would write (not undefined, not functions), without parsing a lazy one. */
function present(o: object): string[] {
  return Object.keys(o).filter((k) => {
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    return d.get !== undefined || (d.value !== undefined && typeof d.value !== 'function');
  });
}

const KEY = /^"[a-z][a-zA-Z0-9.-]*"$/;
/** Where the JSON string that starts at `pos` ends (just past its closing quote), or -1. */
function stringEnd(bytes: Buffer, pos: number, limit: number): number {
  if (bytes[pos] !== QUOTE) return -1;
  for (let i = pos + 1; i < limit; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === QUOTE) return i + 1;
  }
  return -1;
}

/**
 * Parses serialize()'s layout, leaving each section to be decoded and parsed on first access
 * (the property then becomes a plain value); a nested map is split into its entries only when it
 * is first read, and each entry parsed only when it is. `onError` turns a section's JSON error
 * into the error to throw. Returns undefined for any other layout.
 */
export function parseLazily(bytes: Buffer, onError: (e: Error) => Error): Record<string, unknown> | undefined {
  // Byte ranges end on ASCII newlines and commas, so they never split a UTF-8 sequence.
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  if (bytes.length < 4 || bytes[0] !== OPEN || bytes[1] !== NEWLINE) return undefined;
  const root: Record<string, unknown> = {};
  for (let pos = 2; ; ) {
    const end = bytes.indexOf(NEWLINE, pos);
    if (end < 0) return undefined;
    if (end === pos + 1 && bytes[pos] === CLOSE) return end + 1 === bytes.length ? root : undefined;
    const colon = bytes.indexOf(COLON, pos);
    if (colon < 0 || colon > Math.min(end, pos + 64)) return undefined;
    const keyText = bytes.toString(encoding, pos, colon);
    if (!KEY.test(keyText)) return undefined;
    const key = keyText.slice(1, -1);
    if (NESTED.has(key) && end === colon + 2 && bytes[colon + 1] === OPEN) {
      // Entries are JSON on one line each, so the first line that starts with `}` closes the map.
      const close = bytes.indexOf(CLOSING_LINE, end) + 1;
      const closeEnd = close > 0 ? bytes.indexOf(NEWLINE, close) : -1;
      if (closeEnd < 0 || closeEnd - close > 2 || (closeEnd - close === 2 && bytes[close + 1] !== COMMA)) return undefined;
      defineLazy(root, key, bytes.subarray(colon + 1, close + 1), encoding, onError, (block) => parseEntries(block, encoding, onError));
      pos = closeEnd + 1;
      continue;
    }
    const valueEnd = bytes[end - 1] === COMMA ? end - 1 : end;
    defineLazy(root, key, bytes.subarray(colon + 1, valueEnd), encoding, onError);
    pos = end + 1;
  }
}

/** A nested map's block (`{`, an entry per line, `}`) as an object of lazily parsed entries. */
function parseEntries(block: Buffer, encoding: BufferEncoding, onError: (e: Error) => Error): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (let pos = 2; pos < block.length - 1; ) {
    const end = block.indexOf(NEWLINE, pos);
    const colon = end < 0 ? -1 : stringEnd(block, pos, end);
    if (colon < 0 || block[colon] !== COLON) throw new Error(`unexpected line at offset ${pos} of a nested map`);
    const valueEnd = block[end - 1] === COMMA ? end - 1 : end;
    defineLazy(map, JSON.parse(block.toString(encoding, pos, colon)) as string, block.subarray(colon + 1, valueEnd), encoding, onError);
    pos = end + 1;
  }
  return map;
}

const OPEN = 0x7b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;
const CLOSING_LINE = Buffer.from('\n}');
const NEWLINE = 0x0a;
const COLON = 0x3a;
const COMMA = 0x2c;

/** The file's text: decoding tens of megabytes as UTF-8 costs more than parsing, so ASCII is copied. */
export function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

function defineLazy(
  target: Record<string, unknown>,
  key: string,
  bytes: Buffer,
  encoding: BufferEncoding,
  onError: (e: Error) => Error,
  parse: (bytes: Buffer) => unknown = (b) => JSON.parse(b.toString(encoding)),
): void {
  let raws = RAW.get(target);
  if (!raws) RAW.set(target, (raws = new Map()));
  const raw: Raw = { bytes };
  raws.set(key, raw);
  const settle = (value: unknown) => {
    raw.value = value;
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      let value: unknown;
      try {
        value = parse(bytes);
      } catch (e) {
        throw onError(e as Error);
      }
      settle(value);
      return value;
    },
    // Assigned without being read: the bytes no longer say what is there.
    set: (value: unknown) => {
      raws!.delete(key);
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
