import { describe, expect, it } from 'vitest';
import { parse } from '../../src/runtime/shell/ast.js';
import type { Command, Script, Stmt, Word } from '../../src/runtime/shell/nodes.js';
import { glob, hasGlob, matchPattern, removeAffix, replacePattern } from '../../src/runtime/shell/pattern.js';
import { OverlayFS } from '../../src/runtime/overlayfs.js';

function script(src: string, dialect: 'posix' | 'bash' = 'posix'): Script {
  const r = parse(src, dialect);
  if (!r.ok) throw new Error(r.error.text);
  return r.script;
}

const cmd = (src: string, dialect: 'posix' | 'bash' = 'posix'): Command => script(src, dialect).stmts[0].cmd!;
const lit = (value: string): Word => ({ parts: [{ type: 'lit', value }] });

describe('parse', () => {
  it('converts simple commands with assignments and redirections', () => {
    const stmt: Stmt = script('A=1 echo "hi $B" > out 2>&1').stmts[0];
    expect(stmt.cmd).toEqual({
      type: 'call',
      assigns: [{ name: 'A', append: false, value: lit('1') }],
      args: [lit('echo'), { parts: [{ type: 'dq', parts: [{ type: 'lit', value: 'hi ' }, expect.objectContaining({ type: 'param', name: 'B', op: null })] }] }],
    });
    expect(stmt.redirs).toEqual([
      { op: '>', fd: null, word: lit('out'), hdoc: null },
      { op: '>&', fd: 2, word: lit('1'), hdoc: null },
    ]);
    expect(stmt.line).toBe(1);
  });

  it('converts lists, pipelines and negation', () => {
    const c = cmd('! a | b && c');
    expect(c.type).toBe('binary');
    if (c.type !== 'binary') return;
    expect(c.op).toBe('&&');
    expect(c.left.negated).toBe(true);
    expect(c.left.cmd).toMatchObject({ type: 'binary', op: '|' });
    expect(script('a &\nb').stmts.map((s) => [s.background, s.line])).toEqual([[true, 1], [false, 2]]);
  });

  it('converts compound commands', () => {
    expect(cmd('if a; then b; elif c; then d; else e; fi')).toMatchObject({
      type: 'if',
      clauses: [{ cond: [{ cmd: { type: 'call' } }], body: [{}] }, { cond: [{}], body: [{}] }],
      orElse: [{}],
    });
    expect(cmd('while a; do b; done')).toMatchObject({ type: 'while', until: false });
    expect(cmd('until a; do b; done')).toMatchObject({ type: 'while', until: true });
    expect(cmd('for i in a b; do :; done')).toMatchObject({ type: 'for', name: 'i', items: [lit('a'), lit('b')] });
    expect(cmd('for i; do :; done')).toMatchObject({ type: 'for', items: null });
    expect(cmd('case x in a|b) :;; *) :;& esac', 'bash')).toMatchObject({ type: 'case', items: [{ patterns: [lit('a'), lit('b')], op: ';;' }, { op: ';&' }] });
    expect(cmd('f() { :; }')).toMatchObject({ type: 'func', name: 'f', body: { cmd: { type: 'block' } } });
    expect(cmd('(a)')).toMatchObject({ type: 'subshell' });
    expect(cmd('export A=1 B', 'bash')).toMatchObject({ type: 'decl', variant: 'export', args: [{ kind: 'assign' }, { kind: 'word' }] });
  });

  it('converts expansions', () => {
    const args = (cmd('echo ${A:-x} ${#A} $(b) `c` $((1+2)) \'q\'') as Extract<Command, { type: 'call' }>).args.slice(1);
    expect(args.map((w) => w.parts[0].type)).toEqual(['param', 'param', 'cmdsubst', 'cmdsubst', 'arith', 'sq']);
    expect(args[0].parts[0]).toMatchObject({ op: ':-', arg: lit('x') });
    expect(args[1].parts[0]).toMatchObject({ length: true });
    expect(args[4].parts[0]).toMatchObject({ expr: { type: 'binary', op: '+' } });
  });

  it('handles here-documents, quoted or not, and <<- tab stripping', () => {
    const plain = script('cat <<EOF\na $X\nEOF\n').stmts[0].redirs[0];
    expect(plain.op).toBe('<<');
    expect(plain.hdoc?.parts.map((p) => p.type)).toEqual(['hdoc', 'param', 'hdoc']);
    const quoted = script("cat <<'EOF'\na $X\nEOF\n").stmts[0].redirs[0];
    expect(quoted.hdoc).toEqual({ parts: [{ type: 'sq', value: 'a $X\n', ansi: false }] });
    const tabs = script('cat <<-EOF\n\ta\n\t\tb\n\tEOF\n').stmts[0].redirs[0];
    expect(tabs.hdoc).toEqual({ parts: [{ type: 'hdoc', value: 'a\nb\n' }] });
  });

  it('splits braces and parses [[ ]] only for bash', () => {
    const bashArgs = (cmd('echo a{b,c}', 'bash') as Extract<Command, { type: 'call' }>).args[1];
    expect(bashArgs.parts.map((p) => p.type)).toEqual(['lit', 'brace', 'lit']);
    expect((cmd('echo a{b,c}') as Extract<Command, { type: 'call' }>).args[1]).toEqual(lit('a{b,c}'));
    expect(cmd('[[ -f x ]]', 'bash')).toMatchObject({ type: 'test', expr: { type: 'unary', op: '-f' } });
    expect(cmd('[[ -f x ]]')).toMatchObject({ type: 'call' });
  });

  it('reports syntax errors with position and completeness', () => {
    expect(parse('if true; then', 'posix')).toMatchObject({ ok: false, error: { line: 1, incomplete: true } });
    expect(parse('echo )', 'posix')).toMatchObject({ ok: false, error: { incomplete: false } });
    expect(parse('a=(1 2)', 'posix')).toMatchObject({ ok: false, error: { text: 'arrays not supported' } });
    expect(parse('a=(1 2)', 'bash')).toMatchObject({ ok: true, script: { stmts: [{ cmd: { type: 'unsupported' } }] } });
  });

  it('caches results', () => {
    // No other test in this file parses this text, so the first parse is a fresh one.
    const text = 'echo parsed-by-the-cache-test-only';
    expect(parse(text, 'posix').fresh).toBe(true);
    const again = parse(text, 'posix');
    expect(again.fresh).toBe(false);
    expect(again.ok).toBe(true);
  });

  it('refuses absurdly deep trees', () => {
    expect(parse(`${'('.repeat(2000)}a${')'.repeat(2000)}`, 'posix')).toMatchObject({ ok: false, error: { text: 'nesting too deep' } });
  });
});

describe('patterns', () => {
  it('matches like fnmatch', () => {
    expect(matchPattern('*.txt', 'a.txt')).toBe(true);
    expect(matchPattern('*.txt', 'a.txt.gz')).toBe(false);
    expect(matchPattern('a?c', 'abc')).toBe(true);
    expect(matchPattern('[a-c]x', 'bx')).toBe(true);
    expect(matchPattern('[!a-c]x', 'bx')).toBe(false);
    expect(matchPattern('[[:digit:]]*', '7up')).toBe(true);
    expect(matchPattern('\\*', '*')).toBe(true);
    expect(matchPattern('\\*', 'x')).toBe(false);
    expect(matchPattern('[ab', '[ab')).toBe(true);
    expect(hasGlob('a\\*')).toBe(false);
  });

  it('removes prefixes and suffixes', () => {
    expect(removeAffix('a/b/c', '*/', 'prefix', false)).toBe('b/c');
    expect(removeAffix('a/b/c', '*/', 'prefix', true)).toBe('c');
    expect(removeAffix('x.tar.gz', '.*', 'suffix', false)).toBe('x.tar');
    expect(removeAffix('x.tar.gz', '.*', 'suffix', true)).toBe('x');
    expect(removeAffix('abc', 'z*', 'prefix', true)).toBe('abc');
  });

  it('replaces', () => {
    expect(replacePattern('hello', 'l', 'L', false)).toBe('heLlo');
    expect(replacePattern('hello', 'l', 'L', true)).toBe('heLLo');
    expect(replacePattern('hello', '#he', 'X', false)).toBe('Xllo');
    expect(replacePattern('hello', '%l*', 'X', false)).toBe('heX');
  });

  it('stays fast on hostile patterns', () => {
    // The matcher counts its work and throws PatternTooComplex past its cap, so an answer
    // proves the cost stayed under it, however busy the machine.
    const text = 'a'.repeat(20000);
    expect(matchPattern('*a*a*a*a*a*a*a*b', text)).toBe(false);
    expect(removeAffix(text, '*a*a*b', 'suffix', false)).toBe(text);
  });

  it('globs over a virtual filesystem', () => {
    const fs = new OverlayFS({ files: { '/d/a.txt': '', '/d/b.txt': '', '/d/.h.txt': '', '/d/s/c.txt': '' } }, {});
    expect(glob(fs, '/', '/d/*.txt')).toEqual(['/d/a.txt', '/d/b.txt']);
    expect(glob(fs, '/d', '*/*.txt')).toEqual(['s/c.txt']);
    expect(glob(fs, '/d', '*/')).toEqual(['s/']);
    expect(glob(fs, '/d', '.*')).toEqual(['.h.txt']);
    expect(glob(fs, '/', '/nope/*')).toEqual([]);
  });
});
