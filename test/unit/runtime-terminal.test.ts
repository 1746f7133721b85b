// A shell fed from a terminal saves its changes after each line and holds no lock while it
// waits for the next one.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/root.js';
import type { IO } from '../../src/cli/session.js';
import { withStateLock } from '../../src/store/statefile.js';

const dir = mkdtempSync(join(tmpdir(), 'kctl-terminal-'));
const state = join(dir, 'state.json');
const env = { KCTL_STATE: state, KCTL_SEED: '1', NO_COLOR: '1' };

function terminal(lines: (string | null)[], onRead: (n: number) => Promise<void> = async () => {}): { io: IO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let n = 0;
  const io: IO = {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    readStdin: async () => '',
    readLine: async () => {
      await onRead(n);
      return lines[n++] ?? null;
    },
    stdinIsTTY: true,
    stdoutIsTTY: false,
  };
  return { io, out, err };
}

function fileInState(pod: string, container: string, path: string): unknown {
  const data = JSON.parse(readFileSync(state, 'utf8'));
  const obj = data.objects.pods[`default/${pod}`];
  return data.containers[obj.metadata.uid]?.[container]?.fs?.[path];
}

describe('an interactive shell at a terminal', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('commits each line before waiting for the next, with the lock released', async () => {
    expect(await run(['run', 'box', '--image=busybox', '--', 'sleep', '3600'], { env, io: terminal([]).io })).toBe(0);
    const seen: unknown[] = [];
    const t = terminal(['echo hello > /tmp/a', 'cat /tmp/a', 'exit 3'], async (n) => {
      if (n === 0) return;
      // Another kctl process could take the lock now and sees the previous line's work.
      await withStateLock(state, async (cur) => ({ write: null, result: cur }));
      seen.push(fileInState('box', 'box', '/tmp/a'));
    });
    const code = await run(['exec', '-i', '-t', 'box', '--', 'sh', '-i'], { env, io: t.io });
    expect(seen).toEqual([{ t: 'f', c: 'hello\n' }, { t: 'f', c: 'hello\n' }]);
    expect(t.out.join('')).toContain('hello\n');
    expect(t.err.join('')).toBe('command terminated with exit code 3\n');
    expect(code).toBe(3);
  });

  it('ends the session when the pod is deleted between two lines', async () => {
    const t = terminal(['echo one', 'echo two'], async (n) => {
      if (n === 1) await run(['delete', 'pod', 'box'], { env, io: terminal([]).io });
    });
    const code = await run(['exec', '-i', '-t', 'box', '--', 'sh', '-i'], { env, io: t.io });
    expect(code).toBe(1);
    expect(t.err.join('')).toContain('error: pod box is gone\n');
  });
});
