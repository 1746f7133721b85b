// The state file's text: plain JSON, with every top-level field and every resource under
// "objects" on a line of its own. A command that only looks parses just the lines it reads
// (`get svc` in a cluster of 10,000 pods never parses the pods); other JSON layouts of the
// same content (an older kctl's compact file, a file pretty-printed by hand) are read whole.

import { isAscii } from 'node:buffer';

/** The state as JSON text, one line per section. */
export function serialize(data: object): string {
  const lines = ['{'];
  // As JSON.stringify does, fields holding undefined (or functions) are left out.
  const present = (entries: [string, unknown][]) => entries.filter(([, v]) => v !== undefined && typeof v !== 'function');
  const fields = present(Object.entries(data));
  fields.forEach(([key, value], i) => {
    const comma = i < fields.length - 1 ? ',' : '';
    if (key === 'objects' && value && typeof value === 'object' && !Array.isArray(value)) {
      lines.push('"objects":{');
      const resources = present(Object.entries(value as object));
      resources.forEach(([r, bucket], j) => lines.push(`${JSON.stringify(r)}:${JSON.stringify(bucket)}${j < resources.length - 1 ? ',' : ''}`));
      lines.push(`}${comma}`);
    } else {
      lines.push(`${JSON.stringify(key)}:${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

const KEY = /^"[a-z][a-zA-Z0-9.-]*"$/;

/**
 * Parses serialize()'s layout, leaving each section to be decoded and parsed on first access
 * (the property then becomes a plain value). `onError` turns a section's JSON error into the
 * error to throw. Returns undefined for any other layout.
 */
export function parseLazily(bytes: Buffer, onError: (e: Error) => Error): Record<string, unknown> | undefined {
  // Byte ranges end on ASCII newlines and commas, so they never split a UTF-8 sequence.
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  const text = (start: number, end: number) => bytes.toString(encoding, start, end);
  const lines: [number, number][] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const nl = bytes.indexOf(NEWLINE, pos);
    const end = nl < 0 ? bytes.length : nl;
    lines.push([pos, end]);
    pos = end + 1;
  }
  const line = (i: number) => text(lines[i][0], Math.min(lines[i][1], lines[i][0] + 12));
  if (lines.length < 2 || line(0) !== '{' || line(lines.length - 1) !== '}') return undefined;
  const root: Record<string, unknown> = {};
  let target = root;
  for (let i = 1; i < lines.length - 1; i++) {
    const [start, end] = lines[i];
    const head = line(i);
    if (target === root && head === '"objects":{' && end - start === head.length) {
      target = {};
      root.objects = target;
      continue;
    }
    if (target !== root && (head === '}' || head === '},')) {
      target = root;
      continue;
    }
    const colon = bytes.indexOf(COLON, start);
    if (colon < 0 || colon > Math.min(end, start + 64) || !KEY.test(text(start, colon))) return undefined;
    const valueEnd = bytes[end - 1] === COMMA ? end - 1 : end;
    defineLazy(target, text(start + 1, colon - 1), () => text(colon + 1, valueEnd), onError);
  }
  return target === root ? root : undefined;
}

const NEWLINE = 0x0a;
const COLON = 0x3a;
const COMMA = 0x2c;

/** The file's text: decoding tens of megabytes as UTF-8 costs more than parsing, so ASCII is copied. */
export function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

function defineLazy(target: Record<string, unknown>, key: string, json: () => string, onError: (e: Error) => Error): void {
  const settle = (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      let value: unknown;
      try {
        value = JSON.parse(json());
      } catch (e) {
        throw onError(e as Error);
      }
      settle(value);
      return value;
    },
    set: settle,
  });
}
