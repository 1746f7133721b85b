// bin/kctl and its code caches: which cache a command loads, when a cache is written, and that
// runs with Node flags of their own leave the caches alone.

import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, runProcess } from '../helpers/kctl.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('bin/kctl code caches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(KCTL, join(dir, 'bin', 'kctl'));
  copyFileSync(join(ROOT, 'bin', 'package.json'), join(dir, 'bin', 'package.json'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  const bin = join(dir, 'bin', 'kctl');
  const full = join(dir, 'dist', 'kctl.cjs.cache');
  const read = join(dir, 'dist', 'kctl.cjs.read.cache');
  const env = { ...process.env, KCTL_STATE: join(dir, 'state.json'), NO_COLOR: '1', KCTL_REFRESH_CODE_CACHE: '' };
  const kctl = (nodeFlags: string[], ...args: string[]) => runProcess(process.execPath, [...nodeFlags, bin, ...args], { env });

  it('ships both caches from the build, and a plain run writes a missing one for its kind of verb', async () => {
    expect(statSync(full).size).toBeGreaterThan(100_000);
    expect(statSync(read).size).toBeGreaterThan(100_000);
    rmSync(read);
    expect((await kctl([], 'version', '--client')).code).toBe(0);
    expect(existsSync(read)).toBe(false);
    expect((await kctl([], 'get', 'ns', '-o', 'name')).stdout).toContain('namespace/default\n');
    expect(existsSync(read)).toBe(true);
  });

  it('leaves the caches alone when Node runs with flags of its own (their code would not suit plain runs)', async () => {
    const before = [readFileSync(full), readFileSync(read)];
    const r = await kctl(['--no-opt'], 'get', 'ns', '-o', 'name');
    expect(r.stdout).toContain('namespace/default\n');
    expect((await kctl(['--no-opt'], 'version', '--client')).code).toBe(0);
    // Compared as booleans: a diff of two caches would be megabytes long.
    expect([readFileSync(full).equals(before[0]), readFileSync(read).equals(before[1])]).toEqual([true, true]);
  });
});
