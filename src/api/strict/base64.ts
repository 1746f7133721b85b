// ---- encoding/base64 StdEncoding.Decode ----

const BASE64 = /[A-Za-z0-9+/]/;

/** The input byte at which Go's base64.StdEncoding rejects s, or undefined when it decodes. */
export function base64ErrorAt(s: string): number | undefined {
  const src = Buffer.from(s);
  const len = src.length;
  const isNewline = (b: number) => b === 0x0a || b === 0x0d;
  const valid = (b: number) => b < 0x80 && BASE64.test(String.fromCharCode(b));
  let si = 0;
  while (si < len) {
    // One quantum of four characters, newlines skipped.
    for (let j = 0; j < 4; j++) {
      if (si === len) {
        if (j === 0) return undefined;
        return si - j;
      }
      const b = src[si++];
      if (valid(b)) continue;
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d || j < 2) return si - 1;
      if (j === 2) {
        while (si < len && isNewline(src[si])) si++;
        if (si === len) return len;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < len && isNewline(src[si])) si++;
      return si < len ? si : undefined;
    }
  }
  return undefined;
}
