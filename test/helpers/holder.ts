// A kctl process that holds the state lock while a test stops it, signals it, kills it or
// takes its lock away, and the files it leaves beside the state.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { KCTL, type Sandbox } from './kctl.js';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Holder {
  pid: number;
  ended: Promise<Ended>;
  /** Whether the process has ended. */
  done(): boolean;
  kill(signal: NodeJS.Signals): void;
}

/** Starts kctl with args and returns at once. */
export function startKctl(sb: Sandbox, args: string[], env: Record<string, string> = {}): Holder {
  const p = spawn(process.execPath, [KCTL, ...args], { env: sb.env(env), cwd: sb.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let finished = false;
  p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const ended = new Promise<Ended>((done, fail) => {
    p.on('error', fail);
    p.on('close', (code, signal) => {
      finished = true;
      done({ code, signal, stdout, stderr });
    });
  });
  return { pid: p.pid!, ended, done: () => finished, kill: (signal) => void p.kill(signal) };
}

/** Resolves once `check()` holds; fails if `p` ends first. Looks every few milliseconds. */
export async function until(p: Holder, what: string, check: () => boolean): Promise<void> {
  while (!check()) {
    if (p.done()) throw new Error(`kctl ${p.pid} ended before ${what}:\n${(await p.ended).stderr}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Resolves once the state file has a lock beside it (taken by `p`, the only writer running). */
export function locked(p: Holder, state: string): Promise<void> {
  return until(p, 'it locked the state', () => existsSync(`${state}.lock`));
}

/** Files beside the state file other than the state itself: locks, temp files, break files. */
export function leftovers(state: string): string[] {
  const name = basename(state);
  return readdirSync(dirname(state)).filter((f) => f !== name && f.includes(name));
}
