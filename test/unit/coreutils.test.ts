import { describe, expect, it, vi } from 'vitest';
import { coreutils } from '../../src/runtime/coreutils/index.js';
import { OverlayFS, type FsDiff } from '../../src/runtime/overlayfs.js';
import { stringInput, type CommandRunner, type ProgramContext } from '../../src/runtime/program.js';

const IMAGE = {
  files: {
    '/etc/hostname': 'web-1\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n',
    '/etc/group': 'root:x:0:\napp:x:1000:\n',
    '/etc/hosts': '127.0.0.1 localhost\n10.0.0.7 web-1\n',
    '/data/fruits': 'banana\napple\ncherry\napple\n',
    '/data/nums': '10\n9\n100\n-1\n',
    '/data/csv': 'name,age,city\nann,31,oslo\nbob,27,rome\n',
    '/data/sub/deep.txt': 'deep apple\n',
    '/bin/ls': '',
  },
  dirs: ['/tmp', '/root', '/home/app', '/empty'],
};

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  fs: OverlayFS;
  diff: FsDiff;
}

async function run(argv: string[], opts: { stdin?: string; env?: Record<string, string>; cwd?: string; fs?: OverlayFS; diff?: FsDiff; commands?: CommandRunner; signal?: AbortSignal } = {}): Promise<Run> {
  const diff = opts.diff ?? {};
  const fs = opts.fs ?? new OverlayFS(IMAGE, diff);
  let stdout = '';
  let stderr = '';
  const ctx: ProgramContext = {
    argv,
    env: new Map(Object.entries(opts.env ?? { HOME: '/root', PATH: '/bin' })),
    cwd: opts.cwd ?? '/',
    fs,
    stdin: stringInput(opts.stdin ?? ''),
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    commands: opts.commands,
    signal: opts.signal,
  };
  const status = await coreutils[argv[0]](ctx);
  return { status, stdout, stderr, fs, diff };
}

const ok = (stdout: string) => ({ status: 0, stdout, stderr: '' });
const err = (status: number, stderr: string, stdout = '') => ({ status, stdout, stderr });

describe('echo and printf', () => {
  it('echo', async () => {
    expect(await run(['echo', '-n', 'a', 'b'])).toMatchObject(ok('a b'));
    expect(await run(['echo', '-e', 'x\\ty\\c', 'z'])).toMatchObject(ok('x\ty'));
    expect(await run(['echo', '-x'])).toMatchObject(ok('-x\n'));
  });

  it('printf', async () => {
    expect(await run(['printf', '%s-%s\n', 'a', 'b', 'c'])).toMatchObject(ok('a-b\nc-\n'));
    expect(await run(['printf', '%5.1f|%e|%g|%o|%X|%+d|% d\n', '3.14159', '1234.5', '0.0001', '8', '255', '5', '5'])).toMatchObject(ok('  3.1|1.234500e+03|0.0001|10|FF|+5| 5\n'));
    expect(await run(['printf', '%d\n', 'abc'])).toMatchObject(err(1, "printf: 'abc': expected a numeric value\n", '0\n'));
    expect(await run(['printf'])).toMatchObject(err(1, 'printf: missing operand\n'));
  });
});

describe('cat', () => {
  it('concatenates files and stdin', async () => {
    expect(await run(['cat', '/etc/hostname', '-', 'data/csv'], { stdin: 'IN\n', cwd: '/' })).toMatchObject(ok('web-1\nIN\nname,age,city\nann,31,oslo\nbob,27,rome\n'));
    expect(await run(['cat', '-n', '/etc/hosts'])).toMatchObject(ok('     1\t127.0.0.1 localhost\n     2\t10.0.0.7 web-1\n'));
  });

  it('reports errors like GNU cat', async () => {
    expect(await run(['cat', '/nope', '/etc', '/etc/hostname'])).toMatchObject(err(1, 'cat: /nope: No such file or directory\ncat: /etc: Is a directory\n', 'web-1\n'));
    expect(await run(['cat', '-z'])).toMatchObject(err(1, "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n"));
  });
});

describe('cp, mv, rm, mkdir, rmdir, touch, chmod', () => {
  it('cp copies files and, with -r, trees', async () => {
    const r = await run(['cp', '/etc/hostname', '/tmp/h']);
    expect(r).toMatchObject(ok(''));
    expect(r.fs.readFile('/tmp/h')).toBe('web-1\n');
    const t = await run(['cp', '-r', '/data', '/tmp'], { fs: r.fs });
    expect(t.status).toBe(0);
    expect(t.fs.readFile('/tmp/data/sub/deep.txt')).toBe('deep apple\n');
    expect(await run(['cp', '/data', '/tmp/x'])).toMatchObject(err(1, "cp: -r not specified; omitting directory '/data'\n"));
    expect(await run(['cp', '/nope', '/tmp'])).toMatchObject(err(1, "cp: cannot stat '/nope': No such file or directory\n"));
    expect(await run(['cp', '/etc/hostname', '/etc/hosts', '/etc/passwd'])).toMatchObject(err(1, "cp: target '/etc/passwd' is not a directory\n"));
    expect(await run(['cp', '/etc/hostname'])).toMatchObject(err(1, "cp: missing destination file operand after '/etc/hostname'\nTry 'cp --help' for more information.\n"));
    expect(await run(['cp', '-r', '/data', '/data/sub'])).toMatchObject(err(1, "cp: cannot copy a directory, '/data', into itself, '/data/sub/data'\n"));
  });

  it('mv renames files and directories', async () => {
    const r = await run(['mv', '/data', '/moved']);
    expect(r).toMatchObject(ok(''));
    expect(r.fs.stat('/data')).toBeNull();
    expect(r.fs.readFile('/moved/sub/deep.txt')).toBe('deep apple\n');
    expect(await run(['mv', '/nope', '/x'])).toMatchObject(err(1, "mv: cannot stat '/nope': No such file or directory\n"));
    expect(await run(['mv', '/data', '/data/sub'])).toMatchObject(err(1, "mv: cannot move '/data' to a subdirectory of itself, '/data/sub/data'\n"));
  });

  it('rm removes files, and trees with -r', async () => {
    expect(await run(['rm', '/x'])).toMatchObject(err(1, "rm: cannot remove '/x': No such file or directory\n"));
    expect(await run(['rm', '-f', '/x'])).toMatchObject(ok(''));
    expect(await run(['rm', '/data'])).toMatchObject(err(1, "rm: cannot remove '/data': Is a directory\n"));
    expect(await run(['rm'])).toMatchObject(err(1, "rm: missing operand\nTry 'rm --help' for more information.\n"));
    const r = await run(['rm', '-rf', '/data', '/etc/hostname']);
    expect(r).toMatchObject(ok(''));
    expect(r.fs.stat('/data')).toBeNull();
    expect(r.diff['/data/sub/deep.txt']).toEqual({ t: 'x' });
    expect(IMAGE.files['/data/fruits']).toBeDefined();
  });

  it('mkdir creates directories, with -p their parents', async () => {
    expect(await run(['mkdir', '/a/b'])).toMatchObject(err(1, "mkdir: cannot create directory '/a/b': No such file or directory\n"));
    expect(await run(['mkdir', '/etc'])).toMatchObject(err(1, "mkdir: cannot create directory '/etc': File exists\n"));
    const r = await run(['mkdir', '-p', '/a/b/c', '/etc']);
    expect(r).toMatchObject(ok(''));
    expect(r.fs.stat('/a/b/c')?.type).toBe('dir');
    const m = await run(['mkdir', '-m', '700', '/private']);
    expect(m.fs.stat('/private')?.mode).toBe(0o700);
  });

  it('rmdir, touch and chmod', async () => {
    expect(await run(['rmdir', '/data'])).toMatchObject(err(1, "rmdir: failed to remove '/data': Directory not empty\n"));
    expect((await run(['rmdir', '/empty'])).fs.stat('/empty')).toBeNull();
    const t = await run(['touch', '/tmp/new', '/etc/hostname']);
    expect(t.fs.readFile('/tmp/new')).toBe('');
    expect(t.fs.readFile('/etc/hostname')).toBe('web-1\n');
    expect(await run(['touch', '/no/x'])).toMatchObject(err(1, "touch: cannot touch '/no/x': No such file or directory\n"));
    const c = await run(['chmod', '+x', '/data/fruits']);
    expect(c.fs.stat('/data/fruits')?.mode).toBe(0o755);
    await run(['chmod', 'go-rx,u=rw', '/data/fruits'], { fs: c.fs });
    expect(c.fs.stat('/data/fruits')?.mode).toBe(0o600);
    expect(await run(['chmod', '600', '/nope'])).toMatchObject(err(1, "chmod: cannot access '/nope': No such file or directory\n"));
  });
});

describe('ls', () => {
  it('lists one name per line', async () => {
    expect(await run(['ls', '/data'])).toMatchObject(ok('csv\nfruits\nnums\nsub\n'));
    expect(await run(['ls', '-1', '/etc/hostname', '/empty'])).toMatchObject(ok('/etc/hostname\n\n/empty:\n'));
    expect(await run(['ls', '-a', '/data/sub'])).toMatchObject(ok('.\n..\ndeep.txt\n'));
    expect(await run(['ls', '-F', '/'])).toMatchObject(ok('bin/\ndata/\ndev/\nempty/\netc/\nhome/\nroot/\ntmp/\n'));
  });

  it('shows details with -l', async () => {
    const r = await run(['ls', '-l', '/data']);
    expect(r.stdout).toBe([
      'total 16',
      '-rw-r--r-- 1 root root   38 Jan  1 00:00 csv',
      '-rw-r--r-- 1 root root   26 Jan  1 00:00 fruits',
      '-rw-r--r-- 1 root root   12 Jan  1 00:00 nums',
      'drwxr-xr-x 2 root root 4096 Jan  1 00:00 sub',
      '',
    ].join('\n'));
    expect((await run(['ls', '-ld', '/bin/ls'])).stdout).toBe('-rwxr-xr-x 1 root root 0 Jan  1 00:00 /bin/ls\n');
  });

  it('reports missing operands with status 2', async () => {
    expect(await run(['ls', '/nope'])).toMatchObject(err(2, "ls: cannot access '/nope': No such file or directory\n"));
  });
});

describe('grep', () => {
  it('selects lines', async () => {
    expect(await run(['grep', 'apple', '/data/fruits'])).toMatchObject(ok('apple\napple\n'));
    expect(await run(['grep', '-c', 'apple', '/data/fruits'])).toMatchObject(ok('2\n'));
    expect(await run(['grep', '-vn', 'apple', '/data/fruits'])).toMatchObject(ok('1:banana\n3:cherry\n'));
    expect(await run(['grep', '-i', 'APPLE', '/data/sub/deep.txt'])).toMatchObject(ok('deep apple\n'));
    expect(await run(['grep', '-o', '-E', 'an+', '/data/fruits'])).toMatchObject(ok('an\nan\n'));
    expect(await run(['grep', '-q', 'cherry', '/data/fruits'])).toMatchObject(ok(''));
    expect(await run(['grep', 'kiwi', '/data/fruits'])).toMatchObject({ status: 1, stdout: '' });
    expect(await run(['grep', '-r', 'apple', '/data'])).toMatchObject(ok('/data/fruits:apple\n/data/fruits:apple\n/data/sub/deep.txt:deep apple\n'));
    expect(await run(['grep', '-w', 'app', '/data/fruits'])).toMatchObject({ status: 1 });
    expect(await run(['grep', '-x', 'apple', '/data/fruits', '/data/sub/deep.txt'])).toMatchObject(ok('/data/fruits:apple\n/data/fruits:apple\n'));
    expect(await run(['grep', '-e', 'ban', '-e', 'che', '/data/fruits'])).toMatchObject(ok('banana\ncherry\n'));
    expect(await run(['grep', '-F', 'a.', '-'], { stdin: 'a.b\naxb\n' })).toMatchObject(ok('a.b\n'));
  });

  it('understands basic and extended regular expressions', async () => {
    const input = 'aaa\nab\nabab\nx+y\n(z)\n';
    expect((await run(['grep', 'a\\{3\\}', '-'], { stdin: input })).stdout).toBe('aaa\n');
    expect((await run(['grep', '\\(ab\\)\\{2\\}', '-'], { stdin: input })).stdout).toBe('abab\n');
    expect((await run(['grep', 'x+y', '-'], { stdin: input })).stdout).toBe('x+y\n');
    expect((await run(['grep', '-E', '^(ab)+$', '-'], { stdin: input })).stdout).toBe('ab\nabab\n');
    expect((await run(['grep', '-E', '\\(z\\)|^a{3}$', '-'], { stdin: input })).stdout).toBe('aaa\n(z)\n');
    expect((await run(['grep', '[[:digit:]]', '/data/csv'])).stdout).toBe('ann,31,oslo\nbob,27,rome\n');
  });

  it('reports errors with status 2', async () => {
    expect(await run(['grep', 'a', '/nope'])).toMatchObject(err(2, 'grep: /nope: No such file or directory\n'));
    expect(await run(['grep', '-E', '(a'])).toMatchObject(err(2, 'grep: Unmatched ( or \\(\n'));
    expect(await run(['grep'])).toMatchObject({ status: 2 });
  });
});

describe('text filters', () => {
  it('head and tail', async () => {
    expect(await run(['head', '-n', '2', '/data/fruits'])).toMatchObject(ok('banana\napple\n'));
    expect(await run(['head', '-1', '/data/fruits'])).toMatchObject(ok('banana\n'));
    expect(await run(['tail', '-n', '2', '/data/fruits'])).toMatchObject(ok('cherry\napple\n'));
    expect(await run(['tail', '-n', '+3', '/data/fruits'])).toMatchObject(ok('cherry\napple\n'));
    expect(await run(['head', '-c', '3', '-'], { stdin: 'abcdef' })).toMatchObject(ok('abc'));
    expect(await run(['tail', '-1', '-'], { stdin: 'a\nb' })).toMatchObject(ok('b'));
    expect(await run(['head', '-n', '1', '/etc/hostname', '/data/nums'])).toMatchObject(ok('==> /etc/hostname <==\nweb-1\n\n==> /data/nums <==\n10\n'));
    expect(await run(['head', '/nope'])).toMatchObject(err(1, "head: cannot open '/nope' for reading: No such file or directory\n"));
  });

  it('wc', async () => {
    expect(await run(['wc', '-l', '/data/fruits'])).toMatchObject(ok('4 /data/fruits\n'));
    expect(await run(['wc', '-l'], { stdin: 'a\nb\n' })).toMatchObject(ok('2\n'));
    expect(await run(['wc'], { stdin: 'hello world\n' })).toMatchObject(ok('      1       2      12\n'));
    expect(await run(['wc', '-w', '/data/fruits', '/etc/hostname'])).toMatchObject(ok('4 /data/fruits\n1 /etc/hostname\n5 total\n'));
  });

  it('sort and uniq', async () => {
    expect(await run(['sort', '/data/fruits'])).toMatchObject(ok('apple\napple\nbanana\ncherry\n'));
    expect(await run(['sort', '-u', '-r', '/data/fruits'])).toMatchObject(ok('cherry\nbanana\napple\n'));
    expect(await run(['sort', '-n', '/data/nums'])).toMatchObject(ok('-1\n9\n10\n100\n'));
    expect(await run(['sort', '-t', ',', '-k', '2', '-n', '-'], { stdin: 'a,3\nb,1\nc,2\n' })).toMatchObject(ok('b,1\nc,2\na,3\n'));
    expect(await run(['uniq', '-c'], { stdin: 'a\na\nb\na\n' })).toMatchObject(ok('      2 a\n      1 b\n      1 a\n'));
    expect(await run(['uniq', '-d'], { stdin: 'a\na\nb\n' })).toMatchObject(ok('a\n'));
  });

  it('cut', async () => {
    expect(await run(['cut', '-d', ',', '-f', '1,3', '/data/csv'])).toMatchObject(ok('name,city\nann,oslo\nbob,rome\n'));
    expect(await run(['cut', '-c', '2-4', '-'], { stdin: 'abcdef\n' })).toMatchObject(ok('bcd\n'));
    expect(await run(['cut', '-f', '2-', '-'], { stdin: 'a\tb\tc\nnodelim\n' })).toMatchObject(ok('b\tc\nnodelim\n'));
    expect(await run(['cut', '/data/csv'])).toMatchObject(err(1, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n"));
  });

  it('tr', async () => {
    expect(await run(['tr', 'a-z', 'A-Z'], { stdin: 'hello\n' })).toMatchObject(ok('HELLO\n'));
    expect(await run(['tr', '-d', '[:digit:]'], { stdin: 'a1b22c\n' })).toMatchObject(ok('abc\n'));
    expect(await run(['tr', '-s', ' '], { stdin: 'a   b  c\n' })).toMatchObject(ok('a b c\n'));
    expect(await run(['tr', ',', '\\n'], { stdin: 'a,b' })).toMatchObject(ok('a\nb'));
    expect(await run(['tr', '-cd', 'a-z\\n'], { stdin: 'a-b_c\n' })).toMatchObject(ok('abc\n'));
    expect(await run(['tr', 'abc', 'x'], { stdin: 'aabbcc' })).toMatchObject(ok('xxxxxx'));
  });

  it('tee', async () => {
    const r = await run(['tee', '/tmp/a', '/tmp/b'], { stdin: 'data\n' });
    expect(r).toMatchObject(ok('data\n'));
    expect(r.fs.readFile('/tmp/a')).toBe('data\n');
    await run(['tee', '-a', '/tmp/a'], { stdin: 'more\n', fs: r.fs });
    expect(r.fs.readFile('/tmp/a')).toBe('data\nmore\n');
    expect(await run(['tee', '/no/x'], { stdin: 'd' })).toMatchObject(err(1, 'tee: /no/x: No such file or directory\n', 'd'));
  });
});

describe('system programs', () => {
  it('hostname, uname, id, whoami', async () => {
    expect(await run(['hostname'])).toMatchObject(ok('web-1\n'));
    expect(await run(['hostname', '-i'])).toMatchObject(ok('10.0.0.7\n'));
    expect(await run(['uname'])).toMatchObject(ok('Linux\n'));
    expect(await run(['uname', '-n', '-r'])).toMatchObject(ok('web-1 6.1.0-kctl\n'));
    expect((await run(['uname', '-a'])).stdout).toBe('Linux web-1 6.1.0-kctl #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n');
    expect(await run(['id'])).toMatchObject(ok('uid=0(root) gid=0(root) groups=0(root)\n'));
    expect(await run(['id', '-u'], { env: { USER: 'app' } })).toMatchObject(ok('1000\n'));
    expect(await run(['whoami'], { env: { USER: 'app' } })).toMatchObject(ok('app\n'));
  });

  it('printenv and env', async () => {
    const env = { A: '1', B: 'two' };
    expect(await run(['printenv'], { env })).toMatchObject(ok('A=1\nB=two\n'));
    expect(await run(['printenv', 'B', 'A'], { env })).toMatchObject(ok('two\n1\n'));
    expect(await run(['printenv', 'C'], { env })).toMatchObject({ status: 1, stdout: '' });
    expect(await run(['env', '-i', 'X=1'], { env })).toMatchObject(ok('X=1\n'));
    expect(await run(['env', '-u', 'A'], { env })).toMatchObject(ok('B=two\n'));
    const seen: string[][] = [];
    const commands: CommandRunner = {
      which: (name) => (name === 'ls' ? '/bin/ls' : null),
      run: async (ctx) => {
        seen.push([...ctx.argv, ctx.env.get('X') ?? '']);
        return ctx.argv[0] === 'ls' ? 3 : null;
      },
    };
    expect(await run(['env', 'X=9', 'ls', '-l'], { env, commands })).toMatchObject({ status: 3 });
    expect(seen).toEqual([['ls', '-l', '9']]);
    expect(await run(['env', 'nope'], { commands })).toMatchObject(err(127, "env: 'nope': No such file or directory\n"));
    expect(await run(['which', 'ls', 'nope'], { commands })).toMatchObject({ status: 1, stdout: '/bin/ls\n' });
  });

  it('date', async () => {
    expect(await run(['date', '-u', '-d', '@0', '+%Y-%m-%d %H:%M:%S %a %b %j %s'])).toMatchObject(ok('1970-01-01 00:00:00 Thu Jan 001 0\n'));
    expect(await run(['date', '-d', '2024-02-29T12:34:56Z'])).toMatchObject(ok('Thu Feb 29 12:34:56 UTC 2024\n'));
    expect((await run(['date'])).stdout).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
    expect(await run(['date', '-d', 'garbage'])).toMatchObject(err(1, "date: invalid date 'garbage'\n"));
  });

  it('seq, basename, dirname, pwd, true, false', async () => {
    expect(await run(['seq', '3'])).toMatchObject(ok('1\n2\n3\n'));
    expect(await run(['seq', '-s', ',', '2', '2', '8'])).toMatchObject(ok('2,4,6,8\n'));
    expect(await run(['seq', '-w', '8', '10'])).toMatchObject(ok('08\n09\n10\n'));
    expect(await run(['seq', '1', '0.5', '2'])).toMatchObject(ok('1.0\n1.5\n2.0\n'));
    expect(await run(['seq', '5', '-1', '3'])).toMatchObject(ok('5\n4\n3\n'));
    expect(await run(['basename', '/usr/lib/x.so', '.so'])).toMatchObject(ok('x\n'));
    expect(await run(['basename', '/usr/lib/'])).toMatchObject(ok('lib\n'));
    expect(await run(['dirname', '/usr/lib/x.so', 'file', '/'])).toMatchObject(ok('/usr/lib\n.\n/\n'));
    expect(await run(['pwd'], { cwd: '/tmp' })).toMatchObject(ok('/tmp\n'));
    expect(await run(['true'])).toMatchObject(ok(''));
    expect(await run(['false'])).toMatchObject({ status: 1 });
  });

  it('test and [', async () => {
    expect((await run(['test', '-f', '/etc/hostname'])).status).toBe(0);
    expect((await run(['[', '-d', '/etc/hostname', ']'])).status).toBe(1);
    expect((await run(['[', 'a', '<', 'b', ']'])).status).toBe(0);
    expect((await run(['test', '(', '1', '-gt', '2', ')', '-o', '-n', 'x'])).status).toBe(0);
    expect(await run(['[', '1', '-eq', '1'])).toMatchObject(err(2, "[: missing ']'\n"));
    expect(await run(['test', 'a', '-eq', '1'])).toMatchObject(err(2, 'test: a: integer expression expected\n'));
  });

  it('sleep waits, can be interrupted and rejects bad intervals', async () => {
    // On a fake clock: sleep 0.05 is still asleep at 49 ms and done at 50 ms.
    vi.useFakeTimers();
    try {
      let done = false;
      const slept = run(['sleep', '0.05']).then((r) => {
        done = true;
        return r;
      });
      await vi.advanceTimersByTimeAsync(49);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
      expect(await slept).toMatchObject(ok(''));
    } finally {
      vi.useRealTimers();
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const r = await run(['sleep', 'infinity'], { signal: controller.signal });
    expect(r.status).toBe(130);
    expect(await run(['sleep', 'x'])).toMatchObject(err(1, "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n"));
  });
});
