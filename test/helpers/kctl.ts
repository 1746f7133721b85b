// Runs the real bin/kctl on a temporary state file, as users and scripts do.
//
// Every process is awaited rather than run with spawnSync: a test that blocks its worker for
// long stops the worker from answering the test runner, and under load that alone fails a run.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KCTL = fileURLToPath(new URL('../../bin/kctl', import.meta.url));

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string>;
}

export interface Running {
  output(re: RegExp): Promise<string>;
  /** Like output, for what the program writes to stderr (kubectl's -v=6 request log). */
  errorOutput(re: RegExp): Promise<string>;
  exited: Promise<Result>;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface ProcessOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Starts a program and returns at once, for commands that keep running (get -w). `output(re)`
 * resolves once stdout matches re, and fails if the program exits first; `exited` resolves with
 * the whole result.
 */
export function startProcess(command: string, args: string[], opts: ProcessOptions = {}, shown = `${command} ${args.join(' ')}`): Running {
  const p = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd });
  let stdout = '';
  let stderr = '';
  const waiting = new Set<() => void>();
  p.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const check of waiting) check();
  });
  p.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const check of waiting) check();
  });
  p.stdin.on('error', () => undefined);
  p.stdin.end(opts.stdin ?? '');
  const exited = new Promise<Result>((done, fail) => {
    p.on('error', fail);
    p.on('close', (code) => {
      done({ stdout, stderr, code: code ?? -1 });
      for (const check of waiting) check();
    });
  });
  const matching = (re: RegExp, err = false) =>
    new Promise<string>((done, fail) => {
      const check = () => {
        const text = err ? stderr : stdout;
        if (re.test(text)) {
          waiting.delete(check);
          done(text);
        } else if (p.exitCode !== null || p.signalCode !== null) {
          waiting.delete(check);
          fail(new Error(`${shown} ended without printing ${re}:\n${stdout}\n${stderr}`));
        }
      };
      waiting.add(check);
      check();
    });
  return { output: (re) => matching(re), errorOutput: (re) => matching(re, true), exited, kill: (signal: NodeJS.Signals = 'SIGTERM') => p.kill(signal) };
}

/** Runs a program to its end; code is -1 when a signal ended it. */
export function runProcess(command: string, args: string[], opts: ProcessOptions = {}): Promise<Result> {
  return new Promise((done, fail) => {
    const p = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', fail);
    p.on('close', (code) => done({ stdout, stderr, code: code ?? -1 }));
    // A program that exits without reading its input is no error.
    p.stdin.on('error', () => undefined);
    p.stdin.end(opts.stdin ?? '');
  });
}

export class Sandbox {
  readonly dir: string;
  readonly state: string;

  constructor(readonly seed = '1') {
    this.dir = mkdtempSync(join(tmpdir(), 'kctl-test-'));
    this.state = join(this.dir, 'state.json');
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    // kctl's own kubeconfig (its current context's namespace) is the sandbox's, never the user's.
    const env: NodeJS.ProcessEnv = { ...process.env, KCTL_STATE: this.state, KCTL_SEED: this.seed, NO_COLOR: '1', KCTL_KUBECONFIG: join(this.dir, 'kubeconfig'), ...extra };
    delete env.KCTL_DEBUG;
    // kctl never opens a network connection, so the extra CA certificates Node would load at
    // every start (tens of milliseconds, over a thousand starts in the suite) are left out.
    if (!('NODE_EXTRA_CA_CERTS' in extra)) delete env.NODE_EXTRA_CA_CERTS;
    return env;
  }

  /** Runs kctl in the sandbox directory and resolves when it exits. */
  run(args: string[], opts: RunOptions = {}): Promise<Result> {
    return runProcess(process.execPath, [KCTL, ...args], { stdin: opts.stdin, env: this.env(opts.env), cwd: this.dir });
  }

  /**
   * Starts kctl and returns at once, for commands that keep running (get -w). `output(re)`
   * resolves once stdout matches re, and fails if kctl exits first; `exited` resolves with the
   * whole result.
   */
  start(args: string[], opts: RunOptions = {}): Running {
    return startProcess(process.execPath, [KCTL, ...args], { env: this.env(opts.env), cwd: this.dir, stdin: opts.stdin }, `kctl ${args.join(' ')}`);
  }

  /** kctl with the given args must succeed; resolves to its stdout. */
  async ok(args: string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`kctl ${args.join(' ')} exited ${r.code}\n${r.stderr}`);
    return r.stdout;
  }

  /** Writes a file into the sandbox directory; returns its path. */
  file(name: string, content: string): string {
    const p = join(this.dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  }

  stateText(): string {
    return readFileSync(this.state, 'utf8');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Replaces AGE-like cells so tables can be compared exactly. */
export function normalizeAges(text: string): string {
  return text.replace(/\b\d+(s|m\d*s?|h\d*m?|d\d*h?|y\d*d?)\b/g, '<age>');
}
