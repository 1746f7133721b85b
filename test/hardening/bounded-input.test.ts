// Input is read with a cap whatever its source: a device, a pipe or kctl's stdin, for a manifest
// (8 MiB) or for a container's process (8 MiB). Past the cap kctl stops reading and refuses in
// one line. The tests count the bytes kctl took from a pipe they feed, not the time it took.

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, type Result } from '../helpers/kctl.js';

const MiB = 1024 * 1024;
const CAP = 8 * MiB;
/** What a pipe and Node's stream buffers may hold beyond what kctl read. */
const SLACK = 2 * MiB;
const STACK = /\n\s+at |TypeError|RangeError/;

/** kctl with stdin from a file or device (/dev/zero). */
function runWithStdinFile(sb: Sandbox, args: string[], path: string): Promise<Result> {
  const fd = openSync(path, 'r');
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [KCTL, ...args], { env: sb.env(), cwd: sb.dir, stdio: [fd, 'pipe', 'pipe'] });
    closeSync(fd);
    let stdout = '';
    let stderr = '';
    p.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', fail);
    p.on('close', (code) => done({ stdout, stderr, code: code ?? -1 }));
  });
}

/**
 * kctl fed through a pipe with up to `total` bytes of `fill`, written as fast as kctl takes
 * them; `written` is how much it took before it stopped reading or ended.
 */
function runFed(sb: Sandbox, args: string[], total: number, fill = 'x'): Promise<Result & { written: number }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [KCTL, ...args], { env: sb.env(), cwd: sb.dir });
    let stdout = '';
    let stderr = '';
    let written = 0;
    let closed = false;
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.stdin.on('error', () => (closed = true));
    const chunk = Buffer.alloc(64 * 1024, fill);
    const pump = () => {
      while (!closed && written < total) {
        written += chunk.length;
        if (!p.stdin.write(chunk)) return void p.stdin.once('drain', pump);
      }
      if (!closed) p.stdin.end();
    };
    pump();
    p.on('error', fail);
    p.on('close', (code) => {
      closed = true;
      done({ stdout, stderr, code: code ?? -1, written });
    });
  });
}

describe('bounded input', () => {
  const sb = new Sandbox();
  let state: string;
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    await sb.ok(['run', 'web', '--image=nginx']);
    state = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  it('apply -f /dev/zero is refused once 8 MiB were read', async () => {
    const r = await sb.run(['apply', '-f', '/dev/zero']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: the file /dev/zero is too large: kctl reads manifests of at most 8 MiB\n' });
    expect(sb.stateText()).toBe(state);
  });

  it('apply -f - from /dev/zero is refused', async () => {
    const r = await runWithStdinFile(sb, ['apply', '-f', '-'], '/dev/zero');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: STDIN is too large: kctl reads manifests of at most 8 MiB\n' });
    expect(sb.stateText()).toBe(state);
  });

  it('apply -f - stops reading a 64 MiB pipe at the cap', async () => {
    const r = await runFed(sb, ['apply', '-f', '-'], 64 * MiB);
    expect(r.stderr).toBe('error: STDIN is too large: kctl reads manifests of at most 8 MiB\n');
    expect(r.code).toBe(1);
    expect(r.written).toBeLessThanOrEqual(CAP + SLACK);
    expect(sb.stateText()).toBe(state);
  });

  it('a manifest within the cap read from a pipe still applies', async () => {
    const r = await sb.run(['apply', '-f', '-', '--dry-run=client'], { stdin: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped\ndata:\n  a: "${'y'.repeat(200_000)}"\n` });
    expect(r).toEqual({ code: 0, stdout: 'configmap/piped created (dry run)\n', stderr: '' });
  });

  it('exec -i from /dev/zero (one endless line) ends with a refusal', async () => {
    const r = await runWithStdinFile(sb, ['exec', '-i', 'web', '--', 'wc', '-c'], '/dev/zero');
    expect(r.stderr).toBe('error: stdin is too large: kctl passes at most 8 MiB of input to a container\n');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(1);
  });

  it('exec -i takes at most 8 MiB of lines from a 64 MiB pipe, and passes on the lines within it', async () => {
    const r = await runFed(sb, ['exec', '-i', 'web', '--', 'wc', '-l'], 64 * MiB, 'y\n');
    expect(r.stderr).toBe('error: stdin is too large: kctl passes at most 8 MiB of input to a container\n');
    expect(r.code).toBe(1);
    expect(r.written).toBeLessThanOrEqual(CAP + SLACK);
    const lines = Number(r.stdout.trim());
    expect(lines).toBeGreaterThan(CAP / 2 - 64 * 1024);
    expect(lines).toBeLessThanOrEqual(CAP / 2);
  });

  it('run -i --rm from /dev/zero refuses and still removes its pod', async () => {
    const r = await runWithStdinFile(sb, ['run', '-i', '--rm', 'zero', '--image=busybox', '--restart=Never', '-q', '--', 'wc', '-c'], '/dev/zero');
    expect(r.stderr).toMatch(/^error: stdin is too large: kctl passes at most 8 MiB of input to a container\n$/m);
    expect(r.code).toBe(1);
    expect((await sb.run(['get', 'pod', 'zero'])).stderr).toBe('Error from server (NotFound): pods "zero" not found\n');
  });

  it('exec -i passes input within the cap through unchanged', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    expect(await sb.ok(['exec', '-i', 'web', '--', 'cat'], { stdin: text })).toBe(text);
  });
});
