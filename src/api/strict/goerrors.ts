// How Go's encoding/json, strconv and strings write the values that appear in decode errors.

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How encoding/json names a JSON value in `cannot unmarshal <value>`. */
export function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** Own keys in the order Go's json.Marshal writes a map: by their UTF-8 bytes. */
export function sortedKeys(v: Record<string, unknown>): string[] {
  return Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The JSON text Go writes for a number that came from YAML. */
export function goNumber(v: number): string {
  // Go and JavaScript agree on the shortest round-trip digits and on when to switch to exponents.
  return String(v);
}

const INT_RANGE = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
} as const;

/** What `cannot unmarshal …` says when v does not fit the integer type, or undefined when it does. */
export function intError(v: unknown, type: keyof typeof INT_RANGE): string | undefined {
  if (typeof v !== 'number' && typeof v !== 'bigint') return kindOf(v);
  const text = typeof v === 'bigint' ? v.toString() : goNumber(v);
  const [min, max] = INT_RANGE[type];
  if (!/^-?\d+$/.test(text) || BigInt(text) < min || BigInt(text) > max) return `number ${text}`;
  return undefined;
}

/** Go's json.Marshal of a string. */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** strings.TrimSpace: Unicode white space at both ends. */
export function goTrimSpace(s: string): string {
  const space = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  return s.replace(new RegExp(`^${space}+|${space}+$`, 'g'), '');
}

/** strconv.Quote, as fmt's %q prints a field path. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
    if (named[ch]) out += named[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
