import { describe, expect, it } from 'vitest';
import { bash, run, sh, world } from '../helpers/shell.js';
import { stringInput, type ProgramContext } from '../../src/runtime/program.js';
import { runCommand, runScript } from '../../src/runtime/shell/index.js';

const out = async (script: string, opts: Parameters<typeof run>[1] = {}) => (await sh(script, opts)).stdout;

describe('redirections', () => {
  it('writes, appends and reads files', async () => {
    const w = world();
    const r = await sh('echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; wc -l < /tmp/f', { world: w });
    expect(r.stdout).toBe('one\ntwo\n2\n');
    expect(w.fs.readFile('/tmp/f')).toBe('one\ntwo\n');
    expect(w.diff['/tmp/f']).toEqual({ t: 'f', c: 'one\ntwo\n' });
  });

  it('redirects stderr and duplicates descriptors', async () => {
    const r = await sh('ls /nope 2>/dev/null; echo "[$?]"; ls /nope 2>&1 | sed 2>/dev/null; ls /nope 2>&1 >/dev/null | cat');
    expect(r.stdout).toBe("[2]\nls: cannot access '/nope': No such file or directory\n");
    expect(r.stderr).toBe('');
    const b = await bash('{ echo out; echo err >&2; } &> /tmp/both; cat /tmp/both; echo x >/dev/stderr');
    expect(b.stdout).toBe('out\nerr\n');
    expect(b.stderr).toBe('x\n');
  });

  it('provides /dev/null, /dev/stdout, /dev/stderr and /dev/stdin', async () => {
    const r = await sh('cat /dev/null; wc -c < /dev/null; echo out > /dev/stdout; echo err > /dev/stderr; echo in | cat /dev/stdin; echo t | tee /dev/stderr');
    expect(r.stdout).toBe('0\nout\nin\nt\n');
    expect(r.stderr).toBe('err\nt\n');
  });

  it('truncates the target before the command runs', async () => {
    const w = world();
    await sh('echo data > /tmp/f; cat /tmp/f > /tmp/f', { world: w });
    expect(w.fs.readFile('/tmp/f')).toBe('');
  });

  it('reports redirection errors', async () => {
    const r = await sh('echo x > /no/such/file; echo $?; cat < /nope; echo $?');
    expect(r.stdout).toBe('2\n2\n');
    expect(r.stderr).toBe('sh: 1: cannot create /no/such/file: Directory nonexistent\nsh: 1: cannot open /nope: No such file\n');
    const b = await bash('echo x > /no/such/file; cat < /nope; echo x > /etc');
    expect(b.stderr).toBe('bash: /no/such/file: No such file or directory\nbash: /nope: No such file or directory\nbash: /etc: Is a directory\n');
  });

  it('supports here-documents and here-strings', async () => {
    const script = 'X=val; cat <<EOF\nvalue: $X\n$(echo sub) \\$X\nEOF\ncat <<\'EOF\'\nraw $X\nEOF\ncat <<-END\n\tindented\n\tEND\n';
    expect(await out(script)).toBe('value: val\nsub $X\nraw $X\nindented\n');
    expect((await bash('tr a-z A-Z <<< "hello $HOME"')).stdout).toBe('HELLO /ROOT\n');
  });

  it('redirects compound commands', async () => {
    const w = world();
    const r = await sh('for i in 1 2 3; do echo $i; done > /tmp/n; while read n; do echo "n=$n"; done < /tmp/n', { world: w });
    expect(r.stdout).toBe('n=1\nn=2\nn=3\n');
  });

  it('reports write errors when the file limit is exceeded', async () => {
    const r = await sh('printf "%01048577d" 0 > /tmp/big; echo $?');
    expect(r.stdout).toBe('1\n');
    // dash reports a failed write of a builtin as EIO, whatever errno was.
    expect(r.stderr).toBe('sh: 1: printf: printf: I/O error\n');
  });
});

describe('a full disk', () => {
  const MiB = 1024 * 1024;

  it('stops a program at its first failed write, keeping what fitted, with the tool\'s message', async () => {
    // Before, the output was held until the program ended and then dropped whole.
    const w = world();
    const r = await sh('seq 1 1000000 > /tmp/f; echo "seq $?"; cat /tmp/f /tmp/f > /tmp/g; echo "cat $?"; seq 1 200000 | tee /tmp/t | wc -l; wc -c /tmp/f /tmp/g /tmp/t', { world: w });
    expect(r.stderr).toBe('seq: write error: No space left on device\ncat: write error: No space left on device\ntee: /tmp/t: No space left on device\n');
    expect(r.stdout).toBe(`seq 1\ncat 1\n200000\n${MiB} /tmp/f\n${MiB} /tmp/g\n${MiB} /tmp/t\n${3 * MiB} total\n`);
    expect(w.fs.readFile('/tmp/f')!.startsWith('1\n2\n3\n')).toBe(true);
  });

  it('fails a builtin\'s write as each shell reports it', async () => {
    const fill = 'printf "%01048570d" 0 > /tmp/f; ';
    expect((await sh(`${fill}echo 1234567890 >> /tmp/f; echo $?`)).stderr).toBe('sh: 1: echo: echo: I/O error\n');
    expect((await bash(`${fill}echo 1234567890 >> /tmp/f; echo $?`))).toMatchObject({ stdout: '1\n', stderr: 'bash: echo: write error: No space left on device\n' });
    expect((await run(['ash', '-c', `${fill}echo 1234567890 >> /tmp/f`])).stderr).toBe('ash: write error: No space left on device\n');
    // What fitted was written, as a short write(2) stores it.
    const w = world();
    await sh(`${fill}echo 1234567890 >> /tmp/f`, { world: w });
    expect(w.fs.readFile('/tmp/f')!.slice(-7)).toBe('0123456');
    expect(w.fs.stat('/tmp/f')!.size).toBe(MiB);
  });

  it('bounds a loop that keeps writing to a full disk by the step budget', async () => {
    // A real shell would loop for ever; each failed write costs one line of stderr.
    const w = world({ limits: { maxSteps: 2000 } });
    const r = await sh('printf "%01048576d" 0 > /tmp/f; while true; do echo x >> /tmp/f; done', { world: w });
    expect(r.status).toBe(152);
    const lines = r.stderr.split('\n');
    expect(lines.length).toBeLessThanOrEqual(1000 + 2);
    expect(new Set(lines)).toEqual(new Set(['sh: 1: echo: echo: I/O error', 'sh: step limit exceeded (2000 commands)', '']));
    expect(w.fs.stat('/tmp/f')!.size).toBe(MiB);
  });
});

describe('pipelines', () => {
  it('feeds each stage the previous output', async () => {
    expect(await out('cat /etc/motd | grep o | sort -r | head -1')).toBe('world\n');
    expect(await out('echo a b c | tr " " "\\n" | wc -l')).toBe('3\n');
  });

  it('returns the last status, or the failing one with pipefail', async () => {
    expect((await sh('false | true')).status).toBe(0);
    expect((await sh('true | false')).status).toBe(1);
    expect((await bash('set -o pipefail; false | true')).status).toBe(1);
  });

  it('runs every stage in a subshell', async () => {
    expect(await out('x=1; echo 2 | read x; echo $x')).toBe('1\n');
  });
});

describe('programs', () => {
  it('finds programs by name or path', async () => {
    expect(await out('/bin/echo a; /usr/bin/env printf "%s\\n" b; cat /etc/hostname')).toBe('a\nb\nweb-1\n');
  });

  it('reports unknown commands with status 127', async () => {
    const r = await sh('nope; echo $?');
    expect(r.stdout).toBe('127\n');
    expect(r.stderr).toBe('sh: 1: nope: not found\n');
    expect((await bash('nope')).stderr).toBe('bash: nope: command not found\n');
    expect((await run(['ash', '-c', 'nope'])).stderr).toBe('ash: nope: not found\n');
    expect((await sh('/opt/nope')).stderr).toBe('sh: 1: /opt/nope: not found\n');
  });

  it('only runs programs the image has', async () => {
    const w = world({ without: ['bash'] });
    const r = await sh('bash -c "echo hi"', { world: w });
    expect(r).toMatchObject({ status: 127, stdout: '', stderr: 'sh: 1: bash: not found\n' });
  });

  it('runs nested shells', async () => {
    expect(await out(`sh -c "sh -c 'echo hi'"`)).toBe('hi\n');
    expect(await out(`bash -c 'echo $0 $1' name arg; /bin/sh -c 'exit 5'; echo $?`)).toBe('name arg\n5\n');
    expect(await out('export V=1; sh -c "echo \\$V"')).toBe('1\n');
  });

  it('runs scripts from the virtual fs', async () => {
    const w = world();
    w.fs.writeFile('/tmp/s.sh', '#!/bin/sh\necho "script $1"\nexit 3\n');
    const r = await sh('sh /tmp/s.sh a; echo $?; /tmp/s.sh b; echo $?; chmod +x /tmp/s.sh; /tmp/s.sh c', { world: w });
    expect(r.stdout).toBe('script a\n3\n126\nscript c\n');
    expect(r.stderr).toBe('sh: 1: /tmp/s.sh: Permission denied\n');
    w.fs.writeFile('/tmp/lib.sh', 'LIBVAR=loaded\n');
    expect((await sh('. /tmp/lib.sh; echo $LIBVAR', { world: w })).stdout).toBe('loaded\n');
  });

  it('gives env and which access to the programs', async () => {
    expect(await out('env A=1 printenv A; which ls sh nope; echo $?')).toBe('1\n/bin/ls\n/bin/sh\n1\n');
    const r = await sh('env nope');
    expect(r).toMatchObject({ status: 127, stderr: "env: 'nope': No such file or directory\n" });
  });

  it('exec replaces the shell', async () => {
    const r = await sh('exec echo replaced; echo never');
    expect(r).toMatchObject({ status: 0, stdout: 'replaced\n' });
  });

  it('runs background jobs and waits for them', async () => {
    expect(await out('sleep 0.01 && echo late & echo now; wait; echo done')).toBe('now\nlate\ndone\n');
  });
});

describe('syntax errors', () => {
  it('reports them like dash for sh', async () => {
    const r = await sh('if true; then echo x');
    expect(r).toMatchObject({ status: 2, stdout: '', stderr: 'sh: 1: Syntax error: end of file unexpected\n' });
    expect((await sh('echo "open')).stderr).toBe('sh: 1: Syntax error: Unterminated quoted string\n');
    expect((await sh('echo ok\nfi')).stderr).toBe('sh: 2: Syntax error: "fi" unexpected\n');
  });

  it('reports them like bash for bash', async () => {
    const r = await bash('fi');
    expect(r).toMatchObject({ status: 2, stderr: "bash: -c: line 1: syntax error near unexpected token `fi'\n" });
    expect((await bash('if true; then')).stderr).toBe('bash: -c: line 1: syntax error: unexpected end of file\n');
  });

  it('reports eval syntax errors without ending the shell', async () => {
    const r = await sh('eval "if"; echo $?');
    expect(r.stdout).toBe('2\n');
    expect(r.stderr).toContain('Syntax error');
  });
});

describe('shell invocation', () => {
  it('accepts options', async () => {
    expect((await run(['sh', '-ec', 'false; echo no'])).status).toBe(1);
    expect((await run(['bash', '-xc', 'echo a'])).stderr).toBe('+ echo a\n');
    expect((await run(['sh', '-c'])).stderr).toBe('sh: 0: -c: option requires an argument\n');
    expect((await run(['bash', '-q'])).stderr).toBe('bash: -q: invalid option\n');
    expect((await run(['bash', '--version'])).stdout).toMatch(/^GNU bash, version 4\.4/);
  });

  it('reads a script from stdin with -s', async () => {
    expect((await run(['sh', '-s'], { stdin: 'echo from stdin\n' })).stdout).toBe('from stdin\n');
  });

  it('runs script files and reports missing ones', async () => {
    const w = world();
    w.fs.writeFile('/tmp/x.sh', 'echo $0 $1\nnope\n');
    const r = await run(['bash', '/tmp/x.sh', 'arg'], { world: w });
    expect(r.stdout).toBe('/tmp/x.sh arg\n');
    expect(r.stderr).toBe('/tmp/x.sh: line 2: nope: command not found\n');
    expect(r.status).toBe(127);
    expect((await run(['sh', '/nope.sh'])).stderr).toBe('sh: 0: cannot open /nope.sh: No such file\n');
  });

  it('runs source text with runScript', async () => {
    const w = world();
    let stdout = '';
    const status = await runScript('echo "$0:$1"; exit 4', {
      argv: ['sh'], env: new Map(), cwd: '/', fs: w.fs, stdin: stringInput(''),
      stdout: (t) => { stdout += t; }, stderr: () => {},
    }, { name: 'sh', programs: w.programs, available: w.available, arg0: 'me', args: ['x'] });
    expect({ status, stdout }).toEqual({ status: 4, stdout: 'me:x\n' });
  });
});

describe('runCommand', () => {
  it('execs a program without a shell, or tells it is missing', async () => {
    const w = world();
    let stdout = '';
    const ctx: ProgramContext = {
      argv: [], env: new Map([['A', '1']]), cwd: '/etc', fs: w.fs, stdin: stringInput(''),
      stdout: (t) => { stdout += t; }, stderr: () => {},
    };
    const opts = { name: 'sh' as const, programs: w.programs, available: w.available };
    expect(await runCommand(['env', 'B=2', 'sh', '-c', 'echo $A$B $PWD; cat hostname'], ctx, opts)).toBe(0);
    expect(stdout).toBe('12 /etc\nweb-1\n');
    expect(await runCommand(['nope'], ctx, opts)).toBeNull();
    expect(await runCommand(['/bin/false'], ctx, opts)).toBe(1);
  });
});

describe('interactive mode', () => {
  it('prompts on stderr and runs lines until end of input', async () => {
    const r = await run(['sh'], { stdin: 'echo one\ncd /tmp\nfalse\n' });
    expect(r.stdout).toBe('one\n');
    expect(r.stderr).toBe('# # # # ');
    expect(r.status).toBe(1);
  });

  it('uses PS1 escapes, bash\'s default prompt and prints exit (logout for a login shell)', async () => {
    const r = await run(['bash', '-i'], { stdin: 'echo hi\nexit 3\necho never\n' });
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toBe('bash-4.4# bash-4.4# exit\n');
    expect((await run(['bash', '-il'], { stdin: 'exit\n' })).stderr).toBe('bash-4.4# logout\n');
    expect(r.status).toBe(3);
    const p = await run(['sh', '-i'], { stdin: 'cd /etc\n', env: { PS1: '\\u@\\h:\\w\\$ ', HOME: '/root' } });
    expect(p.stderr).toBe('root@web-1:/# root@web-1:/etc# ');
  });

  it('accumulates multi-line constructs and survives errors', async () => {
    const r = await run(['sh', '-i'], { stdin: 'if true\nthen echo yes\nfi\nfi\nnope\necho $?\n' });
    expect(r.stdout).toBe('yes\n127\n');
    expect(r.stderr).toBe('# > > # sh: 4: Syntax error: "fi" unexpected\n# sh: 5: nope: not found\n# # ');
  });

  it('ends a runaway line but not the shell', async () => {
    const w = world();
    const r = await run(['sh', '-i'], { stdin: 'while :; do :; done\necho alive\n', world: w });
    expect(r.stdout).toBe('alive\n');
    expect(r.stderr).toContain('step limit exceeded');
  });

  it('uses $ for other users and keeps PS1 parameters', async () => {
    const r = await run(['sh'], { stdin: 'cd /tmp\n', env: { USER: 'app', HOME: '/home/app' } });
    expect(r.stderr).toBe('$ $ ');
    const p = await run(['bash'], { stdin: 'X=2\n', env: { PS1: '[$X \\W]\\$ ', X: '1' } });
    expect(p.stderr).toBe('[1 /]# [2 /]# exit\n');
    // busybox's own default prompt shows the directory.
    expect((await run(['ash', '-i'], { stdin: 'source /nope\n' })).stderr).toBe('/ # ash: source: cannot open /nope: No such file\n/ # ');
  });

  it('reads the profile of login shells', async () => {
    const w = world();
    w.fs.writeFile('/root/.profile', 'export GREETING=hello\nPS1="$ "\n');
    const r = await run(['sh', '-l'], { stdin: 'echo $GREETING\n', world: w });
    expect(r.stdout).toBe('hello\n');
    expect(r.stderr).toBe('$ $ ');
  });
});
