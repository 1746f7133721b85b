// Printers and the state layout: HumanDuration, tabwriter alignment (plain, painted and with
// remembered widths), and the state file's migration rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../src/util/duration.js';
import { RememberingTable, TABLE, tableRows } from '../../src/printers/tabwriter.js';
import { migrate, StateFormatError } from '../../src/store/schema.js';
import { assertProperty } from '../helpers/seed.js';

describe('humanDuration', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 4 * s, '5m4s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [93 * d, '93d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [3 * 365 * d + 120 * d, '3y120d'],
    [9 * 365 * d, '9y'],
  ];
  for (const [ms, text] of cases) it(`${ms}ms is ${text}`, () => expect(humanDuration(ms)).toBe(text));

  it('always prints a short, well-formed age', () => {
    assertProperty(
      fc.property(fc.integer({ min: 0, max: 50 * 365 * d }), (ms) => {
        expect(humanDuration(ms)).toMatch(/^(\d+s|\d+m(\d+s)?|\d+h(\d+m)?|\d+d(\d+h)?|\d+y(\d+d)?)$/);
      }),
    );
  });
});

describe('tables', () => {
  it('pad every column but the last to the widest cell plus 3, at least 6', () => {
    expect(tableRows([['NAME', 'READY'], ['a', '1/1'], ['a-much-longer-name', '2/2']])).toBe('NAME                 READY\na                    1/1\na-much-longer-name   2/2\n');
  });

  it('paint cells after aligning them, so colour codes never shift columns', () => {
    const painted = tableRows([['NAME', 'STATUS', 'AGE'], ['p', 'Running', '1s']], TABLE, (line, col, text) => (line > 0 && col === 1 ? `<${text}>` : text));
    expect(painted).toBe('NAME   STATUS    AGE\np      <Running>   1s\n');
  });

  it('under --watch, remember widths so later rows line up and only ever widen', () => {
    const t = new RememberingTable();
    expect(t.rows([['NAME', 'STATUS'], ['web-1', 'Pending']])).toBe('NAME    STATUS\nweb-1   Pending\n');
    expect(t.rows([['w', 'Running']])).toBe('w       Running\n');
    expect(t.rows([['a-longer-name', 'Running']])).toBe('a-longer-name   Running\n');
    expect(t.rows([['x', 'Running']])).toBe('x               Running\n');
  });

  it('every row of a table has its cells start at the same column', () => {
    assertProperty(
      fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const lines = tableRows(rows).trimEnd().split('\n');
        const starts = (l: string) => [0, ...[...l.matchAll(/ {3,}(?=\S)/g)].map((x) => x.index! + x[0].length)];
        const first = starts(lines[0]);
        for (const l of lines) expect(starts(l).slice(0, 3)).toEqual(first.slice(0, 3));
      }),
    );
  });
});

describe('state layout', () => {
  const state = { kind: 'KctlState', version: 1, config: {}, resourceVersion: 5, objects: {} };

  it('accepts the current version and fills the runtime tables it may lack', () => {
    expect(migrate(structuredClone(state), 'f')).toMatchObject({ version: 1, containers: {}, ipam: {}, affinity: {} });
  });

  it('refuses foreign, damaged, older and newer files with a way to start over', () => {
    const refused = (raw: unknown) => {
      try {
        migrate(raw, '/s.json');
      } catch (e) {
        expect(e).toBeInstanceOf(StateFormatError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    for (const raw of [null, [], 'text', { kind: 'List' }, { ...state, version: '1' }, { ...state, version: 1.5 }]) {
      expect(refused(raw)).toBe('the state file /s.json is not a kctl state file; run "kctl cluster reset --state /s.json" to start over (or move the file away)');
    }
    expect(refused({ ...state, objects: undefined })).toMatch(/^the state file \/s\.json is damaged/);
    expect(refused({ ...state, version: 2 })).toMatch(/^the state file \/s\.json was written by a newer kctl \(state version 2; this kctl reads version 1\)/);
    expect(refused({ ...state, version: 0 })).toMatch(/^the state file \/s\.json was written by an older kctl \(state version 0; this kctl reads version 1\) and cannot be migrated/);
  });
});
