// The nginx snippet interpreter: the 実践 notes' User-Agent redirect, conditions, captures,
// rewrite, headers, and what it reports instead of running.

import { describe, expect, it, vi } from 'vitest';
import { MatchLimitError } from '../../src/networking/ingress/pcre.js';
import { parseSnippet, runSnippet, type SnippetRequest } from '../../src/networking/ingress/snippet.js';
import { LinearRegex } from '../../src/util/linearregex.js';

const JISSEN = `set $agentflag 0;

if ($http_user_agent ~* "(Mobile)" ){
  set $agentflag 1;
}

if ( $agentflag = 1 ) {
  return 301 http://gihyo.jp/;
}
`;

function req(headers: Record<string, string> = {}, uri = '/', args = ''): SnippetRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase().replace(/-/g, '_'), v]));
  return { uri, args, variables: (n) => (n.startsWith('http_') ? lower[n.slice(5)] : n === 'host' ? 'ch05.gihyo.local' : undefined) };
}

const run = (text: string, r = req()) => {
  const s = parseSnippet(text);
  expect(s.issues).toEqual([]);
  return runSnippet(s, r);
};

describe('the 実践 server-snippet', () => {
  it('redirects a mobile User-Agent, case-insensitively', () => {
    expect(run(JISSEN, req({ 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) Mobile/15A372 Safari/604.1' })).response).toEqual({ status: 301, location: 'http://gihyo.jp/' });
    expect(run(JISSEN, req({ 'User-Agent': 'something mobile' })).response).toEqual({ status: 301, location: 'http://gihyo.jp/' });
  });

  it('lets curl through', () => {
    expect(run(JISSEN, req({ 'User-Agent': 'curl/7.68.0' })).response).toBeUndefined();
    expect(run(JISSEN).response).toBeUndefined();
  });
});

describe('conditions', () => {
  it('compares with = and !=, matches with ~ (case-sensitive) and !~*', () => {
    expect(run('if ($host = ch05.gihyo.local) { return 403; }').response).toEqual({ status: 403, body: undefined });
    expect(run('if ($host != ch05.gihyo.local) { return 403; }').response).toBeUndefined();
    expect(run('if ($http_x_test ~ "^A") { return 418; }', req({ 'X-Test': 'abc' })).response).toBeUndefined();
    expect(run('if ($http_x_test !~* "^A") { return 418; }', req({ 'X-Test': 'xyz' })).response).toEqual({ status: 418, body: undefined });
  });

  it('treats an empty or "0" variable as false', () => {
    expect(run('set $f 0; if ($f) { return 500; }').response).toBeUndefined();
    expect(run('if ($http_missing) { return 500; }').response).toBeUndefined();
    expect(run('set $f yes; if ($f) { return 200 "on"; }').response).toEqual({ status: 200, body: 'on' });
  });

  it('fills $1.. from the last regex match', () => {
    expect(run('if ($http_user_agent ~ "curl/([0-9.]+)") { return 200 "curl $1"; }', req({ 'User-Agent': 'curl/7.68.0' })).response).toEqual({ status: 200, body: 'curl 7.68.0' });
  });
});

describe('rewrite, headers and return', () => {
  it('rewrites the URI with break, and redirects with permanent keeping the arguments', () => {
    // break ends the rewrite directives: the return after it never runs.
    expect(run('rewrite ^/old/(.*)$ /new/$1 break; return 200 "$uri";', req({}, '/old/x')).response).toBeUndefined();
    expect(run('rewrite ^/old/(.*)$ /new/$1; return 200 "$uri";', req({}, '/old/x')).response).toEqual({ status: 200, body: '/new/x' });
    expect(run('rewrite ^/old/(.*)$ /new/$1 break;', req({}, '/old/x')).uri).toBe('/new/x');
    expect(run('rewrite ^/old/(.*)$ /new/$1 permanent;', req({}, '/old/x', 'a=1')).response).toEqual({ status: 301, location: '/new/x?a=1' });
    expect(run('rewrite ^ https://example.com/? redirect;', req({}, '/x', 'a=1')).response).toEqual({ status: 302, location: 'https://example.com/' });
  });

  it('collects add_header and more_set_headers', () => {
    expect(run('add_header X-A "1"; more_set_headers "X-B: two";').headers).toEqual([
      ['X-A', '1'],
      ['X-B', 'two'],
    ]);
  });

  it('takes a bare URL as a 302', () => {
    expect(run('return https://example.com$request_uri;', { ...req(), variables: (n) => (n === 'request_uri' ? '/p?q' : undefined) }).response).toEqual({ status: 302, location: 'https://example.com/p?q' });
  });

  it('handles comments, quotes and ${braces}', () => {
    expect(run('# comment\nset $a "x y"; # trailing\nreturn 200 "${a}!";').response).toEqual({ status: 200, body: 'x y!' });
  });
});

describe('what is reported instead of run', () => {
  it('names unknown directives and keeps running the rest', () => {
    const s = parseSnippet('proxy_set_header X-A b;\nreturn 204;');
    expect(s.issues).toEqual(['directive "proxy_set_header" (line 1) is not simulated and is ignored']);
    expect(runSnippet(s, req()).response).toEqual({ status: 204, body: undefined });
  });

  it('reports file tests, whose block never runs', () => {
    const s = parseSnippet('if (-f /tmp/x) { return 500; }');
    expect(s.issues).toEqual(['condition "(-f /tmp/x)" (line 1) is not simulated; the block never runs']);
    expect(runSnippet(s, req()).response).toBeUndefined();
  });

  it('reports syntax errors and ignores the whole snippet', () => {
    expect(parseSnippet('if ($a = 1) { return 301 x;').issues).toEqual(['unexpected end of file, expecting "}"; the snippet is ignored']);
    expect(parseSnippet('set $a 1').issues).toEqual(['unexpected end of file, expecting ";" or "}" in line 1; the snippet is ignored']);
    expect(parseSnippet('return 200 "open').issues[0]).toMatch(/^unexpected end of file, expecting " in line 1/);
  });
});

describe('regexes', () => {
  /** Work units the regex engine was charged while `f` ran. */
  function work(f: () => void): number {
    const charge = vi.spyOn(LinearRegex.prototype, 'charge');
    try {
      f();
      return charge.mock.calls.reduce((sum, [units]) => sum + units, 0);
    } finally {
      charge.mockRestore();
    }
  }

  it('match in time linear in the subject, where a backtracking engine takes 2^n steps', () => {
    // A backtracking engine needs about 2^28 steps for 28 a's and a `!` (tens of seconds).
    const evil = (n: number) => work(() => {
      const r = run('if ($http_x_evil ~ "^(a+)+$") { return 418; }\nrewrite ^/(a|aa)*c$ /x break;', req({ 'X-Evil': `${'a'.repeat(n)}!` }, `/${'a'.repeat(n)}`));
      expect(r).toMatchObject({ response: undefined, uri: `/${'a'.repeat(n)}` });
    });
    expect(evil(28)).toBeGreaterThan(0);
    expect(evil(5000)).toBeLessThanOrEqual(4 * 5002);
    expect(run('if ($http_x_evil ~ "^(a+)+$") { return 418; }', req({ 'X-Evil': 'a'.repeat(5000) })).response).toEqual({ status: 418, body: undefined });
  });

  it('report the PCRE constructs kctl does not run, which never match', () => {
    const s = parseSnippet('if ($http_x ~ "^(?!admin)") { return 403; }\nrewrite "^/(a)\\1" /b break;\nif ($uri ~* "^/(?<name>v[0-9])/") { return 200 $1; }');
    expect(s.issues).toEqual([
      'regex "^(?!admin)" (line 1) is not simulated (invalid or unsupported Perl syntax: `(?!`); it never matches',
      'regex "^/(a)\\1" (line 2) is not simulated (invalid escape sequence: `\\1`); the rewrite never applies',
    ]);
    expect(runSnippet(s, req({ X: 'user' }, '/aa'))).toMatchObject({ response: undefined, uri: '/aa' });
    expect(runSnippet(s, req({}, '/V2/x')).response).toEqual({ status: 200, body: 'V2' });
  });

  it('fail the request past PCRE\'s match limit', () => {
    // 6,000 alternatives compile to a program the NFA steps through for every character.
    const big = Array.from({ length: 6000 }, (_, i) => `x${i}y`).join('|');
    const s = parseSnippet(`if ($http_x ~ "(${big})(z|zz)*$") { return 418; }`);
    expect(s.issues).toEqual([]);
    expect(() => runSnippet(s, req({ X: `x5999y${'z'.repeat(8000)}` }))).toThrow(MatchLimitError);
  });
});
