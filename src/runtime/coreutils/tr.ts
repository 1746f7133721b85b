// tr: translate (SET1 SET2), delete (-d), squeeze (-s), complement (-c / -C). Sets accept
// escapes (\n \t \\ \NNN), ranges (a-z), classes ([:upper:] …) and [c*n] repeats.

import type { Program } from '../program.js';
import { fail, parseOptions } from './common.js';

const CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
CLASSES.alpha = CLASSES.lower + CLASSES.upper;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;
CLASSES.xdigit = `${CLASSES.digit}abcdefABCDEF`;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** Expands a set into its characters; throws a message for invalid sets. */
export function expandSet(set: string): string[] {
  const chars: string[] = [];
  const atoms: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i] === '\\' && i + 1 < set.length) {
      const oct = /^[0-7]{1,3}/.exec(set.slice(i + 1));
      if (oct) {
        atoms.push(String.fromCharCode(parseInt(oct[0], 8)));
        i += oct[0].length;
      } else atoms.push(ESCAPES[set[++i]] ?? set[i]);
      continue;
    }
    const cls = /^\[:(\w+):\]/.exec(set.slice(i));
    if (cls) {
      if (!CLASSES[cls[1]]) throw new Error(`invalid character class '${cls[1]}'`);
      atoms.push(`\0class:${cls[1]}`);
      i += cls[0].length - 1;
      continue;
    }
    const rep = /^\[(.)\*(\d*)\]/s.exec(set.slice(i));
    if (rep) {
      atoms.push(`\0rep:${rep[2] || '0'}:${rep[1]}`);
      i += rep[0].length - 1;
      continue;
    }
    atoms.push(set[i]);
  }
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i];
    if (atom.startsWith('\0class:')) chars.push(...CLASSES[atom.slice(7)]);
    else if (atom.startsWith('\0rep:')) {
      const [, count, ch] = /^\0rep:(\d+):(.)$/s.exec(atom)!;
      chars.push(...ch.repeat(Math.min(Number(count) || 1, 65536)));
    } else if (atoms[i + 1] === '-' && i + 2 < atoms.length) {
      const from = atom.charCodeAt(0);
      const to = atoms[i + 2].charCodeAt(0);
      if (to < from) throw new Error(`range-endpoints of '${atom}-${atoms[i + 2]}' are in reverse collating sequence order`);
      for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
      i += 2;
    } else chars.push(atom);
  }
  return chars;
}

export const tr: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', truncate: 't' } });
  if (!p) return 1;
  const del = p.opts.has('d');
  const squeeze = p.opts.has('s');
  const complement = p.opts.has('c') || p.opts.has('C');
  const needed = del && squeeze ? 2 : del || (squeeze && p.args.length < 2) ? 1 : 2;
  if (p.args.length < needed) {
    fail(ctx, p.args.length === 0 ? 'missing operand' : `missing operand after '${p.args[p.args.length - 1]}'`);
    ctx.stderr("Try 'tr --help' for more information.\n");
    return 1;
  }
  let set1: string[];
  let set2: string[];
  try {
    set1 = expandSet(p.args[0]);
    set2 = p.args[1] === undefined ? [] : expandSet(p.args[1]);
  } catch (e) {
    fail(ctx, (e as Error).message);
    return 1;
  }
  const input = await ctx.stdin.readAll();
  const in1 = new Set(set1);
  const member = (c: string) => in1.has(c) !== complement;
  let out = '';
  const translate = !del && set2.length > 0;
  const map = new Map<string, string>();
  if (translate && !complement) set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]));
  const squeezeSet = new Set(del || !translate ? (del ? set2 : set1) : set2);
  for (const c of input) {
    if (del && member(c)) continue;
    let ch = c;
    if (translate) ch = complement ? (member(c) ? set2[set2.length - 1] : c) : (map.get(c) ?? c);
    const squeezable = del || translate ? squeezeSet.has(ch) : member(ch);
    if (squeeze && squeezable && out.endsWith(ch)) continue;
    out += ch;
  }
  ctx.stdout(out);
  return 0;
};
