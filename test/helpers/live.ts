// A program that keeps running while a test talks to it (kubectl logs -f, attach, run -it): its
// output as it comes, input written on demand, and its end. `atTerminal` runs it under a
// pseudo-terminal made by util-linux's `script`, so kubectl -t sees a terminal and goes raw.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Result } from './kctl.js';

export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export class Live {
  stdout = '';
  stderr = '';
  readonly ended: Promise<Result>;
  private readonly proc: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
    this.proc = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const changed = () => this.listeners.forEach((l) => l());
    this.proc.stdout!.setEncoding('utf8').on('data', (d: string) => ((this.stdout += d), changed()));
    this.proc.stderr!.setEncoding('utf8').on('data', (d: string) => ((this.stderr += d), changed()));
    this.proc.stdin!.on('error', () => undefined);
    this.ended = new Promise((done) =>
      this.proc.on('close', (code) => {
        this.closed = true;
        changed();
        done({ stdout: this.stdout, stderr: this.stderr, code: code ?? -1 });
      }),
    );
  }

  /** Runs `command args` under a pseudo-terminal; what it prints and echoes comes on stdout. */
  static atTerminal(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Live {
    return new Live('script', ['-qfec', [command, ...args].map(quote).join(' '), '/dev/null'], opts);
  }

  /** Resolves once stdout matches; fails if the program ends first, or after a generous bound. */
  waitFor(want: string | RegExp, ms = 5 * 60_000): Promise<string> {
    const matches = () => (typeof want === 'string' ? this.stdout.includes(want) : want.test(this.stdout));
    return new Promise((resolve, reject) => {
      const check = () => {
        if (matches()) {
          done();
          resolve(this.stdout);
        } else if (this.closed) {
          done();
          reject(new Error(`ended without printing ${String(want)}:\n${this.stdout}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${String(want)} within ${ms} ms:\n${this.stdout}\n${this.stderr}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  write(text: string): void {
    this.proc.stdin!.write(text);
  }

  endInput(): void {
    this.proc.stdin!.end();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.closed) this.proc.kill(signal);
  }
}
