// Simulated time starts from KCTL_NOW: date in a container or on kctl host, sleeps and the
// shell's `time` read the same clock, so seeded runs print the same transcript.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const NOW = '2025-01-06T10:00:00Z';

describe('the clock of simulated machines', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const at = async (args: string[]) => await sb.run(args, { env: { KCTL_NOW: NOW } });

  it('date reads KCTL_NOW, and moves with simulated sleeps', async () => {
    const script = 'date; sleep 5; date -u +%FT%TZ; date -d "1 hour ago" +%T; date -d tomorrow +%F';
    expect(await at(['run', 'clock', '--image=busybox', '--restart=Never', '--rm', '-i', '--', 'sh', '-c', script])).toEqual({
      stdout: 'Mon Jan  6 10:00:00 UTC 2025\n2025-01-06T10:00:05Z\n09:00:05\n2025-01-07\npod "clock" deleted\n',
      stderr: '',
      code: 0,
    });
    expect(await at(['host', '--', 'date', '+%s'])).toEqual({ stdout: `${Date.parse(NOW) / 1000}\n`, stderr: '', code: 0 });
    await at(['run', 'detached', '--image=debian', '--restart=Never', '--', 'date', '-R']);
    expect(await sb.ok(['logs', 'detached'])).toBe('Mon, 06 Jan 2025 10:00:00 +0000\n');
  });

  it('the shell\'s time reports simulated time', async () => {
    const r = await at(['host', '--', 'bash', '-c', 'time sleep 61']);
    expect(r.stderr).toBe('\nreal\t1m1.000s\nuser\t0m0.000s\nsys\t0m0.000s\n');
  });
});
