// The state lock on its own: a lock naming a dead process is taken over at once with what that
// process left; one naming a live process that makes no progress, or one this process cannot
// look at, is waited for until the limit; a lock file naming no process is never trusted for
// file names.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Lock } from '../../src/store/lock.js';
import { currentOwner } from '../../src/store/liveness.js';

const dir = mkdtempSync(join(tmpdir(), 'kctl-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A fresh state path and its lock path. */
function paths(): { state: string; lock: string } {
  const state = join(dir, `s${n++}.json`);
  return { state, lock: `${state}.lock` };
}

/** A process that ran and is gone: its pid names no process now. */
async function deadPid(): Promise<number> {
  const p = spawn('true');
  await new Promise((r) => p.on('close', r));
  return p.pid!;
}

function ownerText(fields: Partial<ReturnType<typeof currentOwner>>): string {
  return `${JSON.stringify({ ...currentOwner(), ...fields })}\n`;
}

describe('the state lock', () => {
  it('takes over a dead holder’s lock at once, with its temp files and a dead breaker’s break file', async () => {
    const { state, lock } = paths();
    const pid = await deadPid();
    writeFileSync(lock, ownerText({ pid, start: '1', nonce: 'dead1' }));
    const temp = join(dir, `.${state.split('/').pop()}.${pid}.tmp`);
    writeFileSync(temp, 'half a state');
    const breakFile = `${join(dir, '.' + lock.split('/').pop())}.other.break`;
    writeFileSync(breakFile, ownerText({ pid, start: '1', nonce: 'other' }));
    const held = await Lock.acquire(lock, state, { waitMs: 0 });
    expect(readFileSync(lock, 'utf8')).toContain(`"pid":${process.pid}`);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(breakFile)).toBe(false);
    held.verify(state);
    held.release();
    expect(readdirSync(dir).filter((f) => f.includes(state.split('/').pop()!))).toEqual([]);
  });

  it('waits for a live holder that makes no progress, then gives up with its pid', async () => {
    const { state, lock } = paths();
    const sleeper = spawn('sleep', ['30']);
    try {
      const start = readFileSync(`/proc/${sleeper.pid}/stat`, 'latin1').split(') ')[1].split(' ')[19];
      writeFileSync(lock, ownerText({ pid: sleeper.pid!, start, nonce: 'sleeper' }));
      await expect(Lock.acquire(lock, state, { waitMs: 300 })).rejects.toThrow(
        `timed out waiting for the lock on ${state}: process ${sleeper.pid} holds it and has made no progress for 0.3s (KCTL_LOCK_TIMEOUT sets how long to wait)`,
      );
      expect(readFileSync(lock, 'utf8')).toContain('"nonce":"sleeper"');
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a pid that now names another process (a start time that differs) is a dead holder', async () => {
    const { state, lock } = paths();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(lock, ownerText({ pid: sleeper.pid!, start: '1', nonce: 'reused' }));
      (await Lock.acquire(lock, state, { waitMs: 0 })).release();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a holder on another host is waited for, never judged dead', async () => {
    const { state, lock } = paths();
    writeFileSync(lock, ownerText({ pid: await deadPid(), host: `not-${hostname()}`, nonce: 'remote' }));
    await expect(Lock.acquire(lock, state, { waitMs: 300 })).rejects.toThrow(`of host not-${hostname()} holds it and has kept it for 0.3s`);
    expect(readFileSync(lock, 'utf8')).toContain('"nonce":"remote"');
  });

  it('a lock file that names no process, or whose nonce is no plain word, is left alone and reported', async () => {
    for (const text of ['taken by hand\n', ownerText({ pid: 1 << 30, nonce: '../../escape' })]) {
      const { state, lock } = paths();
      writeFileSync(lock, text);
      await expect(Lock.acquire(lock, state, { waitMs: 200 })).rejects.toThrow(`timed out waiting for the lock on ${state}: ${lock} names no process; remove it if no kctl is running`);
      expect(readFileSync(lock, 'utf8')).toBe(text);
    }
    expect(readdirSync(join(dir, '..')).some((f) => f.includes('escape'))).toBe(false);
  });

  it('a holder that lost its lock is told so before it writes', async () => {
    const { state, lock } = paths();
    const held = await Lock.acquire(lock, state);
    writeFileSync(lock, 'taken by hand\n');
    expect(() => held.verify(state)).toThrow(`lost the lock on ${state}: ${lock} was removed or replaced while this command ran; nothing was written`);
    held.release();
    expect(readFileSync(lock, 'utf8')).toBe('taken by hand\n');
  });
});
