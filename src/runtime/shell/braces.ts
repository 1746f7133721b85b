// Bash brace expansion: a{b,c}d and {1..5}, {a..e}, {01..10..2}. Runs before every other
// expansion; the number of words it may produce is bounded.

import { LimitError, type ShellLimits } from './limits.js';
import type { Word, WordPart } from './nodes.js';

const MAX_WORDS = 100_000;

function litText(word: Word): string | null {
  return word.parts.every((p) => p.type === 'lit') ? word.parts.map((p) => (p as { value: string }).value).join('') : null;
}

/** The words of a sequence, or null when it is not one (then bash leaves it as it is). */
function sequence(elems: Word[], limits: ShellLimits): string[] | null {
  const [from, to, step] = elems.map(litText);
  if (from === null || to === null || step === null) return null;
  const by = Math.abs(Number(step ?? 1)) || 1;
  if (/^-?\d+$/.test(from) && /^-?\d+$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    if (Math.abs(b - a) / by > MAX_WORDS) throw new LimitError('output', limits);
    const width = /^-?0\d/.test(from) || /^-?0\d/.test(to) ? Math.max(from.length, to.length) : 0;
    const out: string[] = [];
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? by : -by) {
      const digits = String(Math.abs(n)).padStart(width - (n < 0 ? 1 : 0), '0');
      out.push(n < 0 ? `-${digits}` : digits);
    }
    return out;
  }
  if (from.length === 1 && to.length === 1) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    const out: string[] = [];
    for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? by : -by) out.push(String.fromCharCode(c));
    return out;
  }
  return null;
}

export function braceExpand(word: Word, limits: ShellLimits): Word[] {
  const i = word.parts.findIndex((p) => p.type === 'brace');
  if (i < 0) return [word];
  const brace = word.parts[i] as Extract<WordPart, { type: 'brace' }>;
  const before = word.parts.slice(0, i);
  const after = word.parts.slice(i + 1);
  let alternatives: WordPart[][];
  if (brace.sequence) {
    const values = sequence(brace.elems, limits);
    if (values === null) {
      const text = `{${brace.elems.map((e) => litText(e) ?? '').join('..')}}`;
      return braceExpand({ parts: [...before, { type: 'lit', value: text }, ...after] }, limits);
    }
    alternatives = values.map((v) => [{ type: 'lit', value: v }]);
  } else {
    alternatives = brace.elems.map((e) => e.parts);
  }
  const out: Word[] = [];
  for (const alt of alternatives) {
    for (const w of braceExpand({ parts: [...before, ...alt, ...after] }, limits)) {
      out.push(w);
      if (out.length > MAX_WORDS) throw new LimitError('output', limits);
    }
  }
  return out;
}
