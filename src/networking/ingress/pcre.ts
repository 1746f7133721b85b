// nginx's regular expressions (locations, `if` and `rewrite`) are PCRE. kctl runs them on the
// linear-time engine (util/linearregex.ts), whose syntax is PCRE's without back-references,
// lookahead, atomic groups, possessive quantifiers, \Z, \h, \R and (?x): a pattern using them is
// reported by the controller and never matches. Each search gets PCRE's default match limit as
// its budget; past it nginx fails the request with 500, and so does kctl.

import { LinearRegex, RegexLimitError, RegexSyntaxError } from '../../util/linearregex.js';

/** PCRE's default match limit, counted in the engine's units. */
const MATCH_LIMIT = 10_000_000;
const MAX_PROGRAM = 50_000;
const CACHE_SIZE = 256;

/** A search ran past the match limit; nginx logs it and answers 500. */
export class MatchLimitError extends Error {
  constructor(
    readonly pattern: string,
    readonly subject: string,
  ) {
    // PCRE2_ERROR_MATCHLIMIT, as nginx's error log names it.
    super(`pcre2_match() failed: -47 on "${subject}" using "${pattern}"`);
  }
}

type Compiled = { re: LinearRegex } | { reason: string };
const cache = new Map<string, Compiled>();

function compile(pattern: string, caseless: boolean): Compiled {
  const key = `${caseless ? 'i' : '-'}${pattern}`;
  let c = cache.get(key);
  if (!c) {
    try {
      c = { re: new LinearRegex(pattern, { ignoreCase: caseless, lookbehinds: true, maxProgram: MAX_PROGRAM, maxWork: MATCH_LIMIT }) };
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      c = { reason: e.message };
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, c);
  }
  return c;
}

/** Why kctl cannot run `pattern`, or undefined when it can. */
export function unsupportedRegex(pattern: string): string | undefined {
  const c = compile(pattern, false);
  return 'reason' in c ? c.reason : undefined;
}

/** Whether `pattern` matches; throws MatchLimitError past the match limit. */
export function pcreTest(pattern: string, subject: string, caseless = false): boolean {
  const c = compile(pattern, caseless);
  if ('reason' in c) return false;
  c.re.resetWork();
  try {
    return c.re.test(subject);
  } catch (e) {
    if (e instanceof RegexLimitError) throw new MatchLimitError(pattern, subject);
    throw e;
  }
}

/** The match's groups ($0, $1…; '' for a group that took no part), or null without a match. */
export function pcreExec(pattern: string, subject: string, caseless = false): string[] | null {
  const c = compile(pattern, caseless);
  if ('reason' in c) return null;
  c.re.resetWork();
  try {
    const m = c.re.exec(subject);
    return m && m.groups.map((g) => g ?? '');
  } catch (e) {
    if (e instanceof RegexLimitError) throw new MatchLimitError(pattern, subject);
    throw e;
  }
}
