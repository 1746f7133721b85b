import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineLog } from '../../src/runtime/logs.js';
import { appendLog, logTime, MAX_LINE_LENGTH, MAX_LOG_BYTES, MAX_LOG_ENTRIES, parseEntry } from '../../src/store/containerlogs.js';
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

  it('stores a long line in 16 KiB pieces, all but the last partial, and keeps at most 1 MiB', () => {
    const state = { fs: {}, log: [] as string[] };
    const time = '2026-11-23T06:00:00.000000000Z';
    appendLog(state, time, `${'x'.repeat(40_000)}\n`);
    expect(state.log.map((e) => parseEntry(e).text.length)).toEqual([MAX_LINE_LENGTH, MAX_LINE_LENGTH, 40_001 - 2 * MAX_LINE_LENGTH]);
    expect(state.log.map((e) => parseEntry(e).text.endsWith('\n'))).toEqual([false, false, true]);
    // 10.9 MB of one line (what a looping printf can write) keeps only its last megabyte.
    for (let i = 0; i < 100; i++) appendLog(state, time, 'y'.repeat(109_000));
    const size = state.log.reduce((n, e) => n + e.length, 0);
    expect(size).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(size).toBeGreaterThan(MAX_LOG_BYTES - MAX_LINE_LENGTH - 64);
    for (let i = 0; i < 3 * MAX_LOG_ENTRIES; i++) appendLog(state, time, `${i}\n`);
    expect(state.log.length).toBe(MAX_LOG_ENTRIES);
    expect(parseEntry(state.log[0]).text).toBe(`${2 * MAX_LOG_ENTRIES}\n`);
  });

  it('flushes a growing line in pieces, whatever sizes it is written in', () => {
    const pushed: string[] = [];
    const log = new LineLog((t) => pushed.push(t));
    for (let i = 0; i < 40_000; i++) log.write(i === 20_000 ? 'a\nb' : 'x');
    log.close();
    expect(pushed.map((t) => t.length)).toEqual([MAX_LINE_LENGTH, 20_002 - MAX_LINE_LENGTH, MAX_LINE_LENGTH, 20_000 - MAX_LINE_LENGTH]);
    expect(pushed.join('')).toBe(`${'x'.repeat(20_000)}a\nb${'x'.repeat(19_999)}`);
  });
});
