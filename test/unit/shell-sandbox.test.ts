import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMAGE, bash, run, sh, world } from '../helpers/shell.js';
import { stringInput } from '../../src/runtime/program.js';
import { runScript } from '../../src/runtime/shell/index.js';
import { assertProperty } from '../helpers/seed.js';

/**
 * Runs a script and checks it ends with a non-zero status and no exception. Each limit is a
 * count (steps, bytes, depth), not a time, so what ends the script is the same on any machine;
 * a limit that failed to hold would leave the test hanging until the runner's timeout.
 */
async function bounded(script: string, opts: Parameters<typeof run>[1] = {}) {
  const r = await sh(script, opts);
  expect(r.status).not.toBe(0);
  return r;
}

describe('the virtual filesystem is the only one', () => {
  it('reads image files, never the host\'s', async () => {
    expect((await sh('cat /etc/passwd')).stdout).toBe(IMAGE.files['/etc/passwd']);
    const w = world();
    w.fs.remove('/etc/passwd');
    const r = await sh('cat /etc/passwd; ls /proc/self 2>&1; cat /etc/shadow', { world: w });
    expect(r.stdout).toBe("ls: cannot access '/proc/self': No such file or directory\n");
    expect(r.stderr).toBe('cat: /etc/passwd: No such file or directory\ncat: /etc/shadow: No such file or directory\n');
  });

  it('rm -rf / clears only the virtual tree', async () => {
    const host = mkdtempSync(join(tmpdir(), 'kctl-sandbox-'));
    writeFileSync(join(host, 'keep'), 'precious');
    try {
      const w = world();
      w.fs.mkdir('/tmp/mine');
      w.fs.writeFile('/tmp/mine/file', 'x');
      const r = await sh(`rm -rf ${host} ${join(host, 'keep')}; rm -rf /; ls -A /; ls -A /dev`, { world: w });
      expect(existsSync(join(host, 'keep'))).toBe(true);
      expect(r.stdout).toBe('dev\nnull\n');
      expect(IMAGE.files['/etc/passwd']).toContain('root');
      expect(Object.values(w.diff).every((e) => e.t === 'x')).toBe(true);
      expect(w.fs.readFile('/etc/passwd')).toBeNull();
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('writes only into the diff', async () => {
    const w = world();
    const r = await sh('for i in 1 2 3; do f=/tmp/host-file-$RANDOM$i; echo x > $f; echo $f; done; echo y > /etc/new; cp /etc/motd /root/m', { world: w });
    const created = r.stdout.trim().split('\n');
    expect(created).toHaveLength(3);
    for (const path of [...created, '/etc/new', '/root/m']) {
      expect(existsSync(path)).toBe(false);
      expect(w.diff[path]?.t).toBe('f');
    }
  });

  it('keeps substitutions, eval and absolute redirections inside', async () => {
    const w = world();
    const path = join(tmpdir(), `kctl-never-${process.pid}`);
    await sh(`x=$(echo a > ${path}); y=\`echo b >> ${path}\`; eval "echo c > ${path}.2"`, { world: w });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.2`)).toBe(false);
    expect(w.fs.readFile(path)).toBe('ab'.split('').join('\n') + '\n');
  });
});

describe('bounded work', () => {
  it('stops endless loops', async () => {
    const r = await bounded('while true; do :; done');
    expect(r.status).toBe(152);
    expect(r.stderr).toBe('sh: step limit exceeded (100000 commands)\n');
    expect((await bounded('until false; do echo x >/dev/null; done')).status).toBe(152);
  });

  it('stops runaway recursion', async () => {
    const r = await bounded('f() { f; }; f');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sh: maximum nesting depth exceeded (64)\n');
    expect((await bounded('f() { echo $(f); }; f')).status).toBe(2);
    expect((await bounded('f() { x=`f`; }; f')).status).toBe(2);
  });

  it('stops fork bombs', async () => {
    expect((await bounded('f(){ f|f; }; f')).status).toBe(2);
    expect((await bounded('f(){ f|f& }; f; wait; false')).status).not.toBe(0);
    expect((await run(['bash', '-c', ':(){ :|:& };:; wait; false'])).status).not.toBe(0);
  });

  it('stops deeply nested shells', async () => {
    const r = await bounded(`CMD='sh -c "$CMD"'; export CMD; sh -c "$CMD"`);
    expect(r.stderr).toContain('maximum nesting depth exceeded');
    const w = world();
    w.fs.writeFile('/tmp/self.sh', 'sh /tmp/self.sh\n');
    expect((await bounded('sh /tmp/self.sh', { world: w })).status).not.toBe(0);
  });

  it('refuses huge arguments and scripts', async () => {
    const big = 'a'.repeat(10 * 1024 * 1024);
    const r = await run(['sh', '-c', `echo ${big}`]);
    expect(r).toMatchObject({ status: 126, stdout: '', stderr: 'sh: Argument list too long\n' });
    const w = world();
    let stderr = '';
    const status = await runScript(`echo ${big}`, {
      argv: ['sh'], env: new Map(), cwd: '/', fs: w.fs, stdin: stringInput(''), stdout: () => {}, stderr: (t) => { stderr += t; },
    }, { name: 'sh', programs: w.programs, available: w.available });
    expect({ status, stderr }).toEqual({ status: 2, stderr: 'sh: script too large\n' });
  });

  it('bounds values and output', async () => {
    const grow = await bounded('x=aaaaaaaaaaaaaaaa; while :; do x=$x$x; done');
    expect(grow.status).toBe(153);
    const flood = await bounded('seq 1 100000000');
    expect(flood.status).toBe(153);
    expect(flood.stdout.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect((await bounded('x=$(seq 1 100000000)')).status).toBe(153);
    expect((await bounded('printf "%0100000000d" 1')).status).toBe(153);
    expect((await run(['bash', '-c', 'echo {1..10}{1..10}{1..10}{1..10}{1..10}{1..10}'])).status).toBe(153);
  });

  it('handles hostile patterns quickly', async () => {
    // grep's automaton and the shell's pattern matcher count their work and give up past a cap,
    // so the right answers prove the cost stayed under it.
    const r = await sh(`echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab | grep -E '(a+)+$'; echo $?; x=$(printf '%020000d' 0); case $x in *0*0*0*0*0*0*1) echo m;; esac; echo \${x%%*0*0*0*1}|wc -c; echo $((2**1000000000000))`);
    expect(r.stdout).toBe('1\n20001\n0\n');
    expect(r.stderr).not.toContain('too expensive');
  });

  it('gives up on pattern matching that would cost too much', async () => {
    const r = await bounded(`x=$(printf '%01000000d' 0); case $x in ${'*0'.repeat(30)}1) echo m;; esac; echo after`);
    expect(r).toMatchObject({ status: 2, stdout: '', stderr: 'sh: 1: pattern matching too expensive\n' });
  });

  it('caps and interrupts sleep', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // Only the abort can end this loop: 130 says it did.
    const r = await sh('while :; do sleep 100000; done', { signal: controller.signal });
    expect(r.status).toBe(130);
  });

  it('refuses absurd nesting in the source', async () => {
    const r = await bounded(`${'('.repeat(5000)}echo${')'.repeat(5000)}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sh: 1: Syntax error: nesting too deep\n');
    expect((await bounded(`${'$('.repeat(3000)}${')'.repeat(3000)}`)).status).toBe(2);
  });
});

describe('arbitrary input', () => {
  const tokens = [
    'echo', 'x', '$x', '${x:-y}', '$(', ')', '`', '"', "'", '|', '||', '&&', ';', '&', 'if', 'then', 'else', 'fi', 'for',
    'in', 'do', 'done', 'while', 'case', 'esac', '{', '}', '(', '*', '?', '>', '>>', '<', '2>&1', '<<', 'EOF', '\n', 'f()',
    'f', 'sh -c', 'eval', 'exit', 'break', 'return', 'set -e', 'cd', '..', '/', 'rm -rf', 'cat', '$((', '))', '[', ']', '\\',
    'read', 'shift', 'trap', 'local', 'export', 'unset', '$@', '$#', '~', '!', 'true', 'false',
  ];
  const word = fc.constantFrom(
    'x', '"a b"', "'q'", '$x', '"$@"', '$1', '${x:-d}', '${#x}', '${x%/*}', '$(echo s)', '`echo t`', '$((x+1))', '*', '/etc/*',
    '~', '-n', '/tmp/f', '$?', '\\$', '""', '$RANDOM', '{a,b}',
  );
  const command = fc.letrec<{ cmd: string }>((tie) => ({
    cmd: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fc.constantFrom('echo', 'printf %s', 'cat', 'ls', 'x=1', 'f', 'g', 'sh -c', 'eval', 'read x', 'shift', 'set --', 'local y', 'test', '[', 'cd', 'export x', 'unset x', 'exit', 'return', 'break', 'continue', 'true', 'false', 'wc -l', 'grep a', 'sort', 'head -1', 'tr a b', 'cut -c1', 'rm -rf', 'mkdir -p', 'touch'), fc.array(word, { maxLength: 3 }))
        .map(([c, args]) => [c, ...args].join(' ')),
      fc.tuple(tie('cmd'), fc.constantFrom(' | ', ' && ', ' || ', '; ', ' & '), tie('cmd')).map(([a, op, b]) => `${a}${op}${b}`),
      fc.tuple(tie('cmd'), fc.constantFrom(' > /tmp/o', ' >> /tmp/o', ' < /etc/motd', ' 2>&1', ' 2>/dev/null', ' <<< w')).map(([c, r]) => `{ ${c}; }${r}`),
      tie('cmd').map((c) => `( ${c} )`),
      tie('cmd').map((c) => `$(${c})`),
      fc.tuple(tie('cmd'), tie('cmd')).map(([a, b]) => `if ${a}; then ${b}; else :; fi`),
      fc.tuple(tie('cmd'), tie('cmd')).map(([a, b]) => `while ${a}; do ${b}; done`),
      fc.tuple(fc.array(word, { maxLength: 3 }), tie('cmd')).map(([ws, b]) => `for v in ${ws.join(' ')}; do ${b}; done`),
      fc.tuple(word, tie('cmd')).map(([w, b]) => `case ${w} in a*|x) ${b};; *) :;; esac`),
      fc.tuple(fc.constantFrom('f', 'g'), tie('cmd')).map(([n, b]) => `${n}() { ${b}; }`),
    ),
  })).cmd;
  const scripts = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((parts) => parts.join(' ')),
    fc.array(command, { minLength: 1, maxLength: 4 }).map((cmds) => cmds.join('\n')),
  );

  for (const flavor of ['sh', 'bash'] as const) {
    it(`never throws and always terminates (${flavor})`, async () => {
      await assertProperty(
        fc.asyncProperty(scripts, async (script) => {
          const controller = new AbortController();
          // Only a guard against a script that never ends; the assertions hold either way.
          const timer = setTimeout(() => controller.abort(), 60_000);
          try {
            // A smaller budget keeps the many runs quick; the bounds themselves are tested above.
            const r = await run([flavor, '-c', script], { signal: controller.signal, world: world({ limits: { maxSteps: 5000 } }) });
            expect(Number.isInteger(r.status)).toBe(true);
            expect(r.status).toBeGreaterThanOrEqual(0);
            expect(r.status).toBeLessThan(256);
            expect(r.stderr).not.toContain('internal error');
          } finally {
            clearTimeout(timer);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
