import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CustomColumnsError,
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
} from '../../src/printers/customcolumns.js';
import { assertProperty } from '../helpers/seed.js';

// The pods a local API server gave kubectl v1.32; expected tables are what `kubectl get pods -o ...` printed.
const pods = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'sample-app-6cd85bd5f-abcde',
      namespace: 'default',
      labels: { app: 'sample-app', 'pod-template-hash': '6cd85bd5f' },
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'side', image: 'busybox' }] },
    status: {
      phase: 'Running',
      podIP: '10.1.0.5',
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
      containerStatuses: [{ name: 'app', restartCount: 3, ready: true }, { name: 'side', restartCount: 0, ready: false }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db-0', namespace: 'default', labels: { app: 'db' } },
    spec: { containers: [{ name: 'postgres', image: 'postgres:16' }] },
    status: { phase: 'Pending', containerStatuses: [{ name: 'postgres', restartCount: 10, ready: false }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-2', namespace: 'default' },
    spec: { nodeName: 'node-2', containers: [{ name: 'web', image: 'httpd' }] },
    status: {
      phase: 'Running',
      podIP: '10.1.0.7',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'web', restartCount: 0, ready: true }],
    },
  },
];

function print(spec: string, noHeaders = false, objects: unknown[] = pods): string {
  return printCustomColumns(objects, parseCustomColumns(spec), { noHeaders });
}

describe('printCustomColumns matches kubectl v1.32', () => {
  it('aligns columns, joins several results with commas, prints maps as Go does', () => {
    const spec =
      'NAME:.metadata.name,IP:.status.podIP,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels,' +
      'RESTARTS:.status.containerStatuses[*].restartCount,READY:{.status.conditions[?(@.type=="Ready")].status}';
    expect(print(spec)).toBe(
      'NAME                         IP         IMAGES               LABELS                                            RESTARTS   READY\n' +
        'sample-app-6cd85bd5f-abcde   10.1.0.5   nginx:1.25,busybox   map[app:sample-app pod-template-hash:6cd85bd5f]   3,0        True\n' +
        'db-0                         <none>     postgres:16          map[app:db]                                       10         <none>\n' +
        'web-2                        10.1.0.7   httpd                <none>                                            0          False\n',
    );
  });
  it('drops the header line with --no-headers', () => {
    expect(print('NAME:.metadata.name,IP:.status.podIP', true)).toBe(
      'sample-app-6cd85bd5f-abcde   10.1.0.5\ndb-0                         <none>\nweb-2                        10.1.0.7\n',
    );
  });
  it('prints <none> for an empty path and keeps an empty header', () => {
    expect(print('N:')).toBe('N\n<none>\n<none>\n<none>\n');
    expect(print(':.metadata.name,B:metadata.namespace')).toBe(
      '                             B\nsample-app-6cd85bd5f-abcde   default\ndb-0                         default\nweb-2                        default\n',
    );
  });
  it('filters inside a column', () => {
    expect(print('N:.metadata.name,S:.status.containerStatuses[?(@.restartCount>=3)].name')).toBe(
      'N                            S\nsample-app-6cd85bd5f-abcde   app\ndb-0                         postgres\nweb-2                        <none>\n',
    );
  });
  it('prints the header alone for an empty list', () => {
    expect(print('NAME:.metadata.name')).not.toBe('');
    expect(print('NAME:.metadata.name', false, [])).toBe('NAME\n');
    expect(print('NAME:.metadata.name', true, [])).toBe('');
  });
  it('formats numbers, nulls and control characters like kubectl', () => {
    const x = {
      a: 0.5, b: 1e21, c: 1000000.5, d: 1e-7, e: 123456789.123, f: 1.0, g: 12345678, h: 1e20, i: true, j: null,
      k: [1, 'two', null, { z: 1, y: [] }], l: {}, m: 'esc\u001b\r\nend', n: -0.00001, o: 2.5e-5, p: 1e20, q: 9007199254740992,
    };
    const spec = 'ABCDEFGHIJKLMNOPQ'.split('').map((c) => `${c}:.x.${c.toLowerCase()}`).join(',');
    // The newline inside M's value ends the line, as it did in kubectl's output.
    expect(print(spec, false, [{ x }])).toBe(
      'A     B        C               D       E                   F     G          H       I      J       K                             L       M     N     O     P     Q\n' +
        '0.5   1e+21    1.0000005e+06   1e-07   1.23456789123e+08   1     12345678   1e+20   true   <nil>   [1 two <nil> map[y:[] z:1]]   map[]   esc^[\\r\n' +
        'end   -1e-05   2.5e-05         1e+20   9007199254740992\n',
    );
  });
});

describe('errors', () => {
  it('reject malformed specs with kubectl wording', () => {
    expect(() => parseCustomColumns('')).toThrow('custom-columns format specified but no custom columns given');
    expect(() => parseCustomColumns('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
    expect(() => parseCustomColumns('NAME:.metadata.name,X')).toThrow(
      'unexpected custom-columns spec: X, expected <header>:<json-path-expr>',
    );
    expect(() => parseCustomColumns('N:.items[0,1]')).toThrow(
      'unexpected custom-columns spec: 1], expected <header>:<json-path-expr>',
    );
    expect(() => parseCustomColumns('N:{.a}{.b}')).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
  it('keep what kubectl printed before a template failed', () => {
    const fail = (spec: string) => {
      try {
        print(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(CustomColumnsError);
        return [(e as CustomColumnsError).message, (e as CustomColumnsError).output];
      }
      throw new Error('expected failure');
    };
    expect(fail('N:.a[')).toEqual(['unterminated array', 'N\n']);
    expect(fail('N:.metadata.name,C:.spec.containers[5].name')).toEqual([
      'array index out of bounds: index 5, length 2',
      'N     C\n',
    ]);
  });
});

describe('parseCustomColumnsFile', () => {
  it('reads headers and specs split on whitespace', () => {
    expect(parseCustomColumnsFile('NAME   IMAGE\n.metadata.name  {.spec.containers[0].image}\n')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IMAGE', fieldSpec: '{.spec.containers[0].image}' },
    ]);
    expect(parseCustomColumnsFile('A\t B\r\n.metadata.name\t{.kind}\r\n')).toEqual([
      { header: 'A', fieldSpec: '{.metadata.name}' },
      { header: 'B', fieldSpec: '{.kind}' },
    ]);
  });
  it('prints what kubectl printed for the file', () => {
    const cols = parseCustomColumnsFile('NAME   IMAGE\n.metadata.name  {.spec.containers[0].image}\n');
    expect(printCustomColumns(pods, cols, { noHeaders: false })).toBe(
      'NAME                         IMAGE\nsample-app-6cd85bd5f-abcde   nginx:1.25\ndb-0                         postgres:16\nweb-2                        httpd\n',
    );
  });
  it('rejects incomplete files with kubectl wording', () => {
    const hint = 'Expected format is one line of space separated headers, one line of space separated column specs.';
    expect(() => parseCustomColumnsFile('')).toThrow(`invalid template, missing header line. ${hint}`);
    expect(() => parseCustomColumnsFile('NAME\n')).toThrow(`invalid template, missing spec line. ${hint}`);
    expect(() => parseCustomColumnsFile('\n')).toThrow(`invalid template, missing spec line. ${hint}`);
    expect(() => parseCustomColumnsFile('A B\n.x\n')).toThrow("number of headers (2) and field specifications (1) don't match");
  });
});

describe('properties', () => {
  it('a column of plain names prints each name on its own row, padded to the widest cell', () => {
    const name = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    assertProperty(
      fc.property(fc.array(name, { maxLength: 10 }), (names) => {
        const out = print('NAME:.metadata.name,NS:.metadata.namespace', false, names.map((n) => ({ metadata: { name: n } })));
        const lines = out.split('\n').slice(0, -1);
        expect(lines.length).toBe(names.length + 1);
        const width = Math.max(6, ...['NAME', ...names].map((n) => n.length + 3));
        lines.forEach((line, i) => {
          expect(line).toBe((i === 0 ? 'NAME' : names[i - 1]).padEnd(width) + (i === 0 ? 'NS' : '<none>'));
        });
      }),
    );
  });
});
