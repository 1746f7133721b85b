import { describe, expect, it } from 'vitest';
import { bash, run, sh, world } from '../helpers/shell.js';

const out = async (script: string, opts: Parameters<typeof run>[1] = {}) => (await sh(script, opts)).stdout;
const bout = async (script: string, opts: Parameters<typeof run>[1] = {}) => (await bash(script, opts)).stdout;

describe('quoting', () => {
  it('handles single, double and backslash quoting', async () => {
    expect(await out(`echo 'a  $HOME' "b  $HOME" c\\ \\$d "e\\"f" 'g"h'`)).toBe('a  $HOME b  /root c $d e"f g"h\n');
    expect(await out('echo "a\\$b\\\\c\\d"')).toBe('a$b\\c\\d\n');
    expect(await out("echo ''x'' \"\"")).toBe('x \n');
  });

  it('keeps quoted empty strings as arguments and drops unquoted empty expansions', async () => {
    expect(await out('set -- "" $UNSET "$UNSET" x; echo $#')).toBe('3\n');
  });

  it('supports $\'…\' in bash', async () => {
    expect(await bout("printf '%s' $'a\\tb\\n'")).toBe('a\tb\n');
  });
});

describe('parameters', () => {
  it('expands variables and defaults', async () => {
    expect(await out('A=1; echo $A ${A} ${B:-x} ${B-y} ${A:+set} ${B:+set} "${#A}"')).toBe('1 1 x y set 1\n');
    expect(await out('echo ${B:=z}; echo $B')).toBe('z\nz\n');
    expect(await out('A=; echo "${A-unset}" "${A:-empty}"')).toBe(' empty\n');
    expect(await out('P=/usr/local/bin/tool.tar.gz; echo ${P##*/} ${P#*/} ${P%.*} ${P%%.*}')).toBe('tool.tar.gz usr/local/bin/tool.tar.gz /usr/local/bin/tool.tar /usr/local/bin/tool\n');
    expect(await out('echo ${#HOME}')).toBe('5\n');
  });

  it('reports ${x?} errors and exits', async () => {
    const r = await sh('echo ${NOPE?not here}; echo after');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sh: 1: NOPE: not here\n');
  });

  it('has special parameters', async () => {
    const r = await run(['sh', '-c', 'echo $0 $1 $2 $# "$@" "$*"; echo $$', 'name', 'a b', 'c']);
    const [first, pid] = r.stdout.split('\n');
    expect(first).toBe('name a b c 2 a b c a b c');
    expect(pid).toMatch(/^\d+$/);
    expect(await out('false; echo $?; true; echo $?')).toBe('1\n0\n');
  });

  it('keeps "$@" words apart', async () => {
    const r = await run(['sh', '-c', 'for a in "$@"; do echo "[$a]"; done; for a in $@; do echo "<$a>"; done', 'x', 'a b', '']);
    expect(r.stdout).toBe('[a b]\n[]\n<a>\n<b>\n');
    expect(await out('set --; for a in "$@"; do echo no; done; echo done')).toBe('done\n');
  });

  it('splits fields on IFS', async () => {
    expect(await out('A="a  b"; for x in $A; do echo "[$x]"; done')).toBe('[a]\n[b]\n');
    expect(await out('IFS=:; A="a::b"; for x in $A; do echo "[$x]"; done')).toBe('[a]\n[]\n[b]\n');
    expect(await out('A="  lead"; set -- $A; echo $#')).toBe('1\n');
  });

  it('expands ~', async () => {
    expect(await out('echo ~ ~/x ~app "~"')).toBe('/root /root/x /home/app ~\n');
  });

  it('supports bash-only expansions in bash', async () => {
    expect(await bout('A=hello; echo ${A/l/L} ${A//l/L} ${A:1:3} ${A^^} ${A:(-2)}')).toBe('heLlo heLLo ell HELLO lo\n');
    expect(await bout('echo a{b,c}d {1..3} {a..c}')).toBe('abd acd 1 2 3 a b c\n');
  });

  it('evaluates arithmetic', async () => {
    expect(await out('i=3; echo $((i * 2 + 1)) $((10 / 3)) $((10 % 3)) $(( (1 << 4) | 1 )) $((i > 2 ? 7 : 8))')).toBe('7 3 1 17 7\n');
    expect(await out('i=0; i=$((i+1)); : $((i+=5)); echo $i')).toBe('6\n');
    const r = await sh('echo $((1/0))');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('division by zero');
  });
});

describe('command substitution', () => {
  it('captures output without trailing newlines', async () => {
    expect(await out('A=$(echo hi; echo there); echo "$A"')).toBe('hi\nthere\n');
    expect(await out('echo `echo back` "$(echo "nested $(echo deep)")"')).toBe('back nested deep\n');
    expect(await out('x=$(false); echo $?')).toBe('1\n');
  });

  it('runs in a subshell', async () => {
    expect(await out('A=1; B=$(A=2; echo $A); echo $A $B')).toBe('1 2\n');
  });
});

describe('globbing', () => {
  it('matches files in the virtual fs', async () => {
    const w = world();
    await sh('mkdir -p /data/sub && touch /data/a.txt /data/b.txt /data/c.log /data/.hidden', { world: w });
    expect((await sh('echo /data/*.txt', { world: w })).stdout).toBe('/data/a.txt /data/b.txt\n');
    expect((await sh('cd /data && echo * && echo ?.log && echo [ab].* && echo .h*', { world: w })).stdout).toBe('a.txt b.txt c.log sub\nc.log\na.txt b.txt\n.hidden\n');
    expect((await sh('echo /data/*.none "/data/*.txt"', { world: w })).stdout).toBe('/data/*.none /data/*.txt\n');
    expect((await sh('set -f; echo /data/*.txt', { world: w })).stdout).toBe('/data/*.txt\n');
  });
});

describe('assignments and environment', () => {
  it('passes prefix assignments to one command only', async () => {
    expect(await out('A=1 printenv A; echo "[$A]"')).toBe('1\n[]\n');
  });

  it('exports and unsets', async () => {
    expect(await out('A=1; printenv A; export A; printenv A; unset A; printenv A || echo gone')).toBe('1\ngone\n'.replace('1\ngone', '1\ngone'));
    expect(await out('export B=2 C; C=3; env | grep -E "^(B|C)="')).toBe('B=2\nC=3\n');
  });

  it('inherits the process environment', async () => {
    expect(await out('echo $GREETING; printenv GREETING', { env: { GREETING: 'hi' } })).toBe('hi\nhi\n');
  });
});

describe('lists and conditions', () => {
  it('runs ; && || ! correctly', async () => {
    expect(await out('true && echo a; false && echo b; false || echo c; true || echo d; ! false && echo e')).toBe('a\nc\ne\n');
    expect((await sh('false; ! true')).status).toBe(1);
  });

  it('runs if/elif/else', async () => {
    const script = 'for n in 1 2 3; do if [ $n -eq 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo many; fi; done';
    expect(await out(script)).toBe('one\ntwo\nmany\n');
  });

  it('runs while, until, break and continue', async () => {
    expect(await out('i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done')).toBe('1\n3\n');
    expect(await out('i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done')).toBe('0\n1\n');
    expect(await out('for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done')).toBe('1x\n2x\n');
  });

  it('runs case', async () => {
    const script = 'for f in a.txt b.log Makefile; do case $f in *.txt|*.md) echo text;; *.log) echo log;; *) echo other;; esac; done';
    expect(await out(script)).toBe('text\nlog\nother\n');
    expect(await out('case "a*" in "a*") echo literal;; a*) echo glob;; esac')).toBe('literal\n');
  });

  it('supports subshells and groups', async () => {
    expect(await out('A=1; (A=2; cd /tmp; echo $A $PWD); echo $A $PWD')).toBe('2 /tmp\n1 /\n');
    expect(await out('{ echo a; echo b; } | wc -l')).toBe('2\n');
    expect((await sh('(exit 3)')).status).toBe(3);
  });

  it('supports functions, local and return', async () => {
    expect(await out('f() { local x=in; echo "$1-$x-$#"; return 4; }; x=out; f a b; echo $? $x')).toBe('a-in-2\n4 out\n');
    expect(await out('fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5')).toBe('120\n');
  });

  it('supports set -e and set -u', async () => {
    const r = await sh('set -e; echo a; false; echo b');
    expect(r.stdout).toBe('a\n');
    expect(r.status).toBe(1);
    expect(await out('set -e; if false; then :; fi; false || true; ! true; echo survived')).toBe('survived\n');
    const u = await sh('set -u; echo $NOPE');
    expect(u.status).toBe(2);
    expect(u.stderr).toBe('sh: 1: NOPE: parameter not set\n');
  });

  it('traces with set -x', async () => {
    const r = await sh('set -x; echo "a b"');
    expect(r.stderr).toBe("+ echo 'a b'\n");
  });

  it('supports [[ ]] in bash', async () => {
    expect(await bout('[[ abc == a* ]] && echo glob; [[ abc =~ ^a(b|x)c$ ]] && echo re; [[ -n "" || 2 -gt 1 ]] && echo or')).toBe('glob\nre\nor\n');
  });

  it('runs eval', async () => {
    expect(await out('cmd="echo evaluated"; eval $cmd; eval "x=5"; echo $x')).toBe('evaluated\n5\n');
  });

  it('exits with a status', async () => {
    const r = await sh('echo a; exit 7; echo b');
    expect(r).toMatchObject({ status: 7, stdout: 'a\n' });
    expect((await sh('exit 300')).status).toBe(44);
  });

  it('runs the EXIT trap', async () => {
    expect(await out("trap 'echo bye' EXIT; echo hi; exit 0")).toBe('hi\nbye\n');
  });
});

describe('builtins', () => {
  it('echo -n and -e', async () => {
    expect(await out('echo -n a; echo -e "b\\tc"; echo -ne "d\\n"; echo -E "e\\n"')).toBe('ab\tc\nd\ne\\n\n');
  });

  it('printf formats', async () => {
    expect(await out('printf "%s=%d|%5s|%-3s|%03d|%x|%.2f|%%\\n" a 42 r l 7 255 3.14159')).toBe('a=42|    r|l  |007|ff|3.14|%\n');
    expect(await out('printf "%s\\n" a b c')).toBe('a\nb\nc\n');
    expect(await out('printf "%c%b" xyz "1\\n"')).toBe('x1\n');
  });

  it('test and [', async () => {
    const script = '[ -f /etc/motd ] && echo f; [ -d /etc ] && echo d; [ -e /nope ] || echo e; [ -z "" ] && echo z; [ -n x ] && echo n; [ a = a ] && echo eq; [ 3 -lt 10 ] && echo lt; [ a != b -a 1 -eq 1 ] && echo and; test ! -f /etc && echo not';
    expect(await out(script)).toBe('f\nd\ne\nz\nn\neq\nlt\nand\nnot\n');
    const r = await sh('[ 1 -eq x ]');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sh: 1: [: x: integer expression expected\n');
    expect((await sh('[ a = a')).stderr).toBe("sh: 1: [: missing ']'\n");
  });

  it('cd and pwd', async () => {
    expect(await out('cd /etc && pwd && cd .. && pwd && cd && pwd && cd - >/dev/null && pwd')).toBe('/etc\n/\n/root\n/\n');
    const r = await sh('cd /nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("sh: 1: cd: can't cd to /nope\n");
    expect((await bash('cd /nope')).stderr).toBe('bash: cd: /nope: No such file or directory\n');
  });

  it('read', async () => {
    expect(await out('while read line; do echo "<$line>"; done', { stdin: 'one\ntwo three\n' })).toBe('<one>\n<two three>\n');
    expect(await out('read a b; echo "$b|$a"', { stdin: 'x y z\n' })).toBe('y z|x\n');
    expect(await out('IFS=: read u x uid rest < /etc/passwd; echo $u $uid')).toBe('root 0\n');
    expect(await out('read -r l; echo "$l"', { stdin: 'a\\b\n' })).toBe('a\\b\n');
    expect((await sh('read x')).status).toBe(1);
  });

  it('shift, set --, command -v, type', async () => {
    expect(await out('set -- a b c; shift; echo $@; shift 2; echo $#')).toBe('b c\n0\n');
    expect(await out('f() { :; }; command -v cat; command -v f; command -v echo; command -v nope || echo missing')).toBe('/bin/cat\nf\necho\nmissing\n');
    expect(await out('type cd; type ls')).toBe('cd is a shell builtin\nls is /bin/ls\n');
  });
});
