import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Regex, RegexError } from '../../src/runtime/coreutils/regex.js';
import { assertProperty } from '../helpers/seed.js';

const ere = (src: string, flags: { ignoreCase?: boolean } = {}) => new Regex(src, { extended: true, ...flags });
const bre = (src: string) => new Regex(src);

describe('Regex', () => {
  it('matches extended expressions', () => {
    expect(ere('^a(b|c)+d$').test('abcbd')).toBe(true);
    expect(ere('^a(b|c)+d$').test('ad')).toBe(false);
    expect(ere('colou?r').test('the color')).toBe(true);
    expect(ere('x{2,3}').exec('axxxxb')).toEqual({ start: 1, end: 4 });
    expect(ere('[^[:space:]]+').exec('  word  ')).toEqual({ start: 2, end: 6 });
    expect(ere('\\bcat\\b').test('concat')).toBe(false);
    expect(ere('\\<cat\\>').test('a cat!')).toBe(true);
    expect(ere('A.C', { ignoreCase: true }).test('xabcx')).toBe(true);
    expect(ere('a|').test('zzz')).toBe(true);
  });

  it('matches basic expressions, where ( { + ? | are literal unless escaped', () => {
    expect(bre('a+b').test('a+b')).toBe(true);
    expect(bre('a\\+b').test('aaab')).toBe(true);
    expect(bre('\\(ab\\)*c').exec('xababc')).toEqual({ start: 1, end: 6 });
    expect(bre('*a').test('x*a')).toBe(true);
    expect(bre('a\\|b').test('b')).toBe(true);
    expect(bre('a$b').test('a$b')).toBe(true);
    expect(bre('^^').test('^x')).toBe(true);
  });

  it('finds leftmost-longest matches', () => {
    expect(ere('a|ab|abc').exec('xabcd')).toEqual({ start: 1, end: 4 });
    expect(ere('b*').exec('abb', 1)).toEqual({ start: 1, end: 3 });
  });

  it('rejects invalid or unsupported expressions', () => {
    expect(() => ere('(a')).toThrow(RegexError);
    expect(() => ere('a)')).toThrow(RegexError);
    expect(() => ere('[a')).toThrow(RegexError);
    expect(() => bre('\\(a\\)\\1')).toThrow('back-references are not supported');
    expect(() => ere('(((a{255}){255}){255})')).toThrow('Regular expression too big');
  });

  it('takes linear time on patterns that make backtracking engines explode', () => {
    // Measured in the automaton's own count of steps rather than in wall time: twice the text
    // costs at most twice the work.
    const work = (re: Regex) => (re as unknown as { work: number }).work;
    const cases: [Regex, Regex, string, string][] = [
      [ere('(a+)+$'), ere('(a+)+$'), `${'a'.repeat(5000)}b`, `${'a'.repeat(10000)}b`],
      [ere('(a|aa)*c'), ere('(a|aa)*c'), 'a'.repeat(5000), 'a'.repeat(10000)],
      [ere('(x*)*y', { ignoreCase: true }), ere('(x*)*y', { ignoreCase: true }), 'x'.repeat(5000), 'x'.repeat(10000)],
    ];
    for (const [short, long, text, twice] of cases) {
      expect(short.test(text)).toBe(false);
      expect(long.test(twice)).toBe(false);
      expect(work(short)).toBeGreaterThan(0);
      expect(work(long)).toBeLessThanOrEqual(2 * work(short) + 10);
    }
  });

  it('costs work linear in the text, not in text × pattern, on a pattern of 250 stars', () => {
    const re = ere(`(${'.*'.repeat(10)}){25}x`);
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'y'.repeat(i % 40)}`);
    expect(lines.filter((l) => re.test(l))).toEqual([]);
    const chars = lines.reduce((n, l) => n + l.length + 1, 0);
    expect(re.work).toBeLessThanOrEqual(chars);
    expect(ere(`(${'.*'.repeat(10)}){25}9 `).exec(lines[99])).toEqual({ start: 0, end: 8 });
  });

  it('agrees with JS RegExp on simple patterns', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '.', '*', '+', '?', '|', '(a|b)', '[ab]', '^', '$'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    let compared = 0;
    assertProperty(
      fc.property(pattern, fc.stringMatching(/^[abc]{0,12}$/), (src, text) => {
        let js: RegExp;
        try {
          js = new RegExp(src);
          new Regex(src, { extended: true });
        } catch {
          return true;
        }
        if (/(^|[|(])[*+?]|[*+?]{2}|\^[*+?]|\$[*+?]/.test(src)) return true;
        compared++;
        return new Regex(src, { extended: true }).test(text) === js.test(text);
      }),
      { numRuns: 500 },
    );
    // Patterns the engines disagree on by design are skipped; most runs still compare.
    expect(compared).toBeGreaterThan(100);
  });
});
