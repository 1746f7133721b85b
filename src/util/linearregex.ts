// Regular expressions written by users (grep patterns, [[ =~ ]], nginx locations and snippets)
// run on re2js, a port of RE2: automata instead of backtracking, so a match costs time linear in
// the text. Its lazy DFA answers yes/no in a pass over the text; finding where a match lies, or a
// DFA that gives up on a pattern whose states explode, falls back to its NFA, which costs up to
// (program size × text length). That fallback is charged to a work budget before it runs, so an
// expensive search fails at once with RegexLimitError instead of taking seconds.
// re2js is required on first use, so commands that match no regex never load it.

import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';

type Module = { RE2JS: typeof RE2JSClass };
let loaded: Module | undefined;
function re2js(): Module {
  return (loaded ??= createRequire(import.meta.url)('re2js') as Module);
}

/** The pattern does not parse, or the engine lacks one of its constructs. */
export class RegexSyntaxError extends Error {}

/** A search would cost more than the budget allows. */
export class RegexLimitError extends Error {
  constructor() {
    super('regular expression too expensive');
  }
}

export interface LinearRegexOptions {
  ignoreCase?: boolean;
  /** POSIX leftmost-longest instead of Perl's leftmost-first. */
  longest?: boolean;
  /** Allows (?<=…) and (?<!…), which re2js matches in linear time on its NFA. */
  lookbehinds?: boolean;
  /** Largest program (in instructions) the pattern may compile to. */
  maxProgram: number;
  /** Work units the expression may spend over its life; see charge(). */
  maxWork: number;
}

/** re2js's compiled program, whose NFA entry point the budget wraps. */
interface Engine {
  doExecuteNFA: (input: { endPos(): number }, pos: number, ...rest: unknown[]) => unknown;
}

export class LinearRegex {
  private readonly re: RE2JSClass;
  /** Work spent so far: one unit per character scanned, (program size) per character the NFA may scan. */
  work = 0;

  constructor(
    readonly source: string,
    private readonly opts: LinearRegexOptions,
  ) {
    const { RE2JS } = re2js();
    const flags = (opts.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (opts.longest ? RE2JS.LONGEST_MATCH : 0) | (opts.lookbehinds ? RE2JS.LOOKBEHINDS : 0);
    try {
      this.re = RE2JS.compile(source, flags);
    } catch (e) {
      throw new RegexSyntaxError((e as Error).message.replace(/^error parsing regexp: /, ''));
    }
    if (this.re.programSize() > opts.maxProgram) throw new RegexSyntaxError('expression too large');
    const engine = (this.re as unknown as { re2(): Engine }).re2();
    const nfa = engine.doExecuteNFA;
    // Checked here so that an re2js without this entry point fails every test instead of running unbounded.
    if (typeof nfa !== 'function') throw new Error('re2js: NFA entry point not found');
    const size = this.re.programSize();
    engine.doExecuteNFA = (input, pos, ...rest) => {
      this.charge(size * (input.endPos() - pos + 1));
      return nfa.call(engine, input, pos, ...rest);
    };
  }

  /** Counts work; throws once the budget is spent. */
  charge(units: number): void {
    this.work += units;
    if (this.work > this.opts.maxWork) throw new RegexLimitError();
  }

  /** Starts a new budget, for a matcher whose limit applies per search (PCRE's match limit). */
  resetWork(): void {
    this.work = 0;
  }

  programSize(): number {
    return this.re.programSize();
  }

  test(text: string): boolean {
    this.charge(text.length + 1);
    return this.re.test(text);
  }

  /** The first match at or after `from`, with its groups (undefined for those that took no part). */
  exec(text: string, from = 0): { start: number; end: number; groups: (string | undefined)[] } | null {
    this.charge(text.length - from + 1);
    const m = this.re.matcher(text);
    if (!m.find(from)) return null;
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
    return { start: m.start(), end: m.end(), groups };
  }

  /** Only the bounds of the first match at or after `from`. */
  find(text: string, from = 0): { start: number; end: number } | null {
    this.charge(text.length - from + 1);
    const m = this.re.matcher(text);
    return m.find(from) ? { start: m.start(), end: m.end() } : null;
  }
}
