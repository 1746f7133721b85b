// echo, shared by the shells' builtin and the standalone program.

import type { Program } from '../program.js';

/** Backslash escapes of `echo -e` and printf's %b; `stop` is set by `\c`. */
export function unescapeEcho(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[++i];
    const simple: Record<string, string> = { '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (next in simple) out += simple[next];
    else if (next === 'c') return { text: out, stop: true };
    else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else if (next === '0' || (!octalNeedsZero && /[1-7]/.test(next))) {
      const start = next === '0' && octalNeedsZero ? i + 1 : i;
      const oct = /^[0-7]{0,3}/.exec(text.slice(start))![0];
      out += String.fromCharCode(parseInt(oct || '0', 8) & 0xff);
      i = start + oct.length - 1;
    } else out += `\\${next}`;
  }
  return { text: out, stop: false };
}

/** GNU/bash echo: leading -n, -e, -E options (combinable, like -ne); anything else is text. */
export function echoOutput(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const flag of args[i].slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  const text = args.slice(i).join(' ');
  if (!escapes) return newline ? `${text}\n` : text;
  const result = unescapeEcho(text, true);
  return result.stop || !newline ? result.text : `${result.text}\n`;
}

export const echo: Program = async (ctx) => {
  ctx.stdout(echoOutput(ctx.argv.slice(1)));
  return 0;
};
