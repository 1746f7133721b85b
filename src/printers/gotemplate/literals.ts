// Go's literals as the template parser reads them: strconv.ParseInt, ParseFloat, Unquote.

export function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m || /__|_$/.test(m[2])) return undefined;
  let digits = m[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(digits)) digits = '0o' + digits.slice(1);
  const v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

export function parseGoFloat(text: string): number | undefined {
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text.replace(/_/g, ''));
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.Unquote of a "…" or `…` literal; undefined where Go says "invalid syntax". */
export function unquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  if (s[0] === '`') return s.endsWith('`') ? s.slice(1, -1).replace(/\r/g, '') : undefined;
  if (s[0] !== '"' || !s.endsWith('"')) return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (Object.hasOwn(SIMPLE_ESCAPES, e)) out += SIMPLE_ESCAPES[e];
    else if (e === '"') out += '"';
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (e === 'x') out += Buffer.from([code]).toString('latin1');
      else if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
      else out += String.fromCodePoint(code);
      i += len;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}

export function unquoteChar(s: string): number | undefined {
  const inner = s.slice(1, -1);
  if (inner === "\\'") return 39;
  const u = unquote('"' + inner.replace(/"/g, '\\"') + '"');
  if (u === undefined || [...u].length !== 1) return undefined;
  return u.codePointAt(0);
}
