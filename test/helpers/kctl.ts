// Runs the real bin/kctl on a temporary state file, as users and scripts do.

import { spawn, spawnSync } from 'node:child_process';
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

export class Sandbox {
  readonly dir: string;
  readonly state: string;

  constructor(readonly seed = '1') {
    this.dir = mkdtempSync(join(tmpdir(), 'kctl-test-'));
    this.state = join(this.dir, 'state.json');
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, KCTL_STATE: this.state, KCTL_SEED: this.seed, NO_COLOR: '1', ...extra };
    delete env.KCTL_DEBUG;
    return env;
  }

  /** Runs kctl synchronously. */
  run(args: string[], opts: RunOptions = {}): Result {
    const r = spawnSync(process.execPath, [KCTL, ...args], { input: opts.stdin ?? '', env: this.env(opts.env), encoding: 'utf8', cwd: this.dir });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  }

  /** Runs kctl and resolves when it exits (for concurrency tests). */
  spawn(args: string[], opts: RunOptions = {}): Promise<Result> {
    return new Promise((done) => {
      const p = spawn(process.execPath, [KCTL, ...args], { env: this.env(opts.env), cwd: this.dir });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => done({ stdout, stderr, code: code ?? -1 }));
      p.stdin.end(opts.stdin ?? '');
    });
  }

  /** kctl with the given args must succeed; returns stdout. */
  ok(args: string[], opts: RunOptions = {}): string {
    const r = this.run(args, opts);
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
