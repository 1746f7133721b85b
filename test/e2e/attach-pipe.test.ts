// run -i and exec -i fed from a pipe: while the pipe has nothing to give, the state lock is free,
// so other kctl commands go on, and their changes are what the process sees next.

import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox } from '../helpers/kctl.js';

/** A kctl whose stdin the test writes; resolves `said(text)` once stdout or stderr holds it. */
function piped(sb: Sandbox, args: string[]) {
  const p = spawn(process.execPath, [KCTL, ...args], { env: sb.env(), cwd: sb.dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: (() => void)[] = [];
  const seen = (d: Buffer) => {
    out += d;
    waiters.forEach((w) => w());
  };
  p.stdout.on('data', seen);
  p.stderr.on('data', seen);
  const ended = new Promise<number | null>((done) => p.on('close', done));
  return {
    said: (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (out.includes(text) ? resolve() : undefined);
        waiters.push(check);
        void ended.then(() => (out.includes(text) ? resolve() : reject(new Error(`ended without ${JSON.stringify(text)}:\n${out}`))));
        check();
      }),
    write: (text: string) => p.stdin.write(text),
    end: async () => {
      p.stdin.end();
      return { code: await ended, out };
    },
  };
}

describe('a container reading a pipe', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('run -i holds no lock while the pipe is silent; other commands land meanwhile', async () => {
    const run = piped(sb, ['run', 'reader', '-i', '--rm', '--restart=Never', '--image=busybox', '--', 'sh', '-c', 'echo ready; read x; echo "got $x"; cat /etc/hostname']);
    // Output shows once the process reads stdin: it is now waiting on the pipe.
    await run.said('ready\n');
    expect(await sb.ok(['create', 'configmap', 'meanwhile', '--from-literal=a=b'])).toBe('configmap/meanwhile created\n');
    run.write('hello\n');
    await run.said('got hello\n');
    const { code, out } = await run.end();
    expect(code).toBe(0);
    expect(out).toContain('reader\npod "reader" deleted\n');
    expect(await sb.ok(['get', 'configmap', 'meanwhile', '-o', 'name'])).toBe('configmap/meanwhile\n');
  });

  it('exec -i too, and reads what arrived in one go without letting go of the lock in between', async () => {
    await sb.ok(['run', 'box', '--image=busybox', '--', 'sleep', '3600']);
    const exec = piped(sb, ['exec', '-i', 'box', '--', 'sh', '-c', 'read a; read b; echo "$a $b"; read c; echo "$c"']);
    exec.write('one\ntwo\n');
    await exec.said('one two\n');
    expect(await sb.ok(['label', 'pod', 'box', 'seen=yes'])).toBe('pod/box labeled\n');
    exec.write('three\n');
    await exec.said('three\n');
    expect((await exec.end()).code).toBe(0);
  });
});
