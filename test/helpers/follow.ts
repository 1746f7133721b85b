// A kctl command that keeps running (rollout status, logs -f): its output as it comes, waits for
// a text to appear (bounded generously, never by how fast a run should be), and its end.

import { spawn, type ChildProcess } from 'node:child_process';
import { KCTL, type Sandbox } from './kctl.js';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class Follower {
  stdout = '';
  stderr = '';
  readonly ended: Promise<Ended>;
  private readonly proc: ChildProcess;
  private listeners: (() => void)[] = [];
  private closed = false;

  constructor(sb: Sandbox, args: string[], env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, [KCTL, ...args], { env: sb.env(env), cwd: sb.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const changed = () => this.listeners.forEach((l) => l());
    this.proc.stdout!.on('data', (d) => ((this.stdout += d), changed()));
    this.proc.stderr!.on('data', (d) => ((this.stderr += d), changed()));
    this.ended = new Promise((done) => this.proc.on('close', (code, signal) => ((this.closed = true), changed(), done({ code, signal, stdout: this.stdout, stderr: this.stderr }))));
  }

  /** Resolves once stdout contains text (`times` times); fails if the command ends first or after `ms`. */
  waitFor(text: string, times = 1, ms = 5 * 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      let over = false;
      const check = () => {
        if (over) return;
        if (this.stdout.split(text).length > times) {
          over = true;
          clearTimeout(timer);
          resolve();
        } else if (this.closed) {
          over = true;
          clearTimeout(timer);
          reject(new Error(`ended before printing ${JSON.stringify(text)}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        over = true;
        reject(new Error(`no ${JSON.stringify(text)} after ${ms} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      }, ms);
      this.listeners.push(check);
      check();
      if (over) this.listeners = this.listeners.filter((l) => l !== check);
    });
  }

  kill(signal: NodeJS.Signals = 'SIGINT'): Promise<Ended> {
    this.proc.kill(signal);
    return this.ended;
  }
}
