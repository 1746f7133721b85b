import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLog, logTime, parseEntry } from '../../src/store/containerlogs.js';
import { assertProperty } from '../helpers/seed.js';

describe('container logs', () => {
  it('stamps entries with nanoseconds', () => {
    expect(logTime(Date.UTC(2026, 10, 23, 6, 0, 0, 5), 42)).toBe('2026-11-23T06:00:00.005000042Z');
  });

  it('never lets an entry be older than the one before it', () => {
    const state = { fs: {}, log: [] as string[] };
    appendLog(state, '2026-11-23T06:00:00.005999500Z', 'a\n');
    appendLog(state, '2026-11-23T06:00:00.005000001Z', 'b\n');
    appendLog(state, '2026-11-23T06:00:00.006000000Z', 'c\n');
    expect(state.log).toEqual(['2026-11-23T06:00:00.005999500Z a\n', '2026-11-23T06:00:00.006000500Z b\n', '2026-11-23T06:00:00.006001500Z c\n']);
    assertProperty(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(999_999)), { minLength: 1, maxLength: 30 }), (stamps) => {
        const s = { fs: {}, log: [] as string[] };
        for (const [ms, nanos] of stamps) appendLog(s, logTime(Date.UTC(2026, 0, 1) + ms, nanos), 'x\n');
        const times = s.log.map((e) => parseEntry(e).time);
        for (let i = 1; i < times.length; i++) expect(times[i] > times[i - 1]).toBe(true);
      }),
    );
  });
});
