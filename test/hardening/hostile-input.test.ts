// Hostile and broken input: a clear kubectl-style error, exit code 1, no stack trace, and a
// state file left byte for byte as it was.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const STACK = /\n\s+at .+\(.*:\d+:\d+\)|\n\s+at file:|TypeError|ReferenceError|RangeError/;

describe('hostile manifests', () => {
  const sb = new Sandbox();
  let state: string;
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    state = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  const rejects = (name: string, content: string, message: RegExp) =>
    it(name, async () => {
      const f = sb.file(`${name.replace(/\W+/g, '-')}.yaml`, content);
      const r = await sb.run(['apply', '-f', f]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK);
      expect(sb.stateText()).toBe(state);
    });

  rejects(
    'a YAML alias bomb',
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n`,
    /^error: error parsing .*: error converting YAML to JSON: yaml: .*alias/im,
  );
  rejects('a deeply nested document', `${'['.repeat(20000)}${']'.repeat(20000)}\n`, /^error: /m);
  rejects('a deeply nested mapping', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`, /^(error|Error from server)/m);
  rejects('malformed YAML', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n', /^error: error parsing .*: error converting YAML to JSON: yaml: line \d+: /m);
  rejects('an unknown kind', 'apiVersion: v1\nkind: Poddy\nmetadata:\n  name: x\n', /no matches for kind "Poddy" in version "v1"/);
  rejects('a __proto__ key', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: proto\n  __proto__:\n    polluted: true\ndata:\n  a: "1"\n', /unknown field "metadata.__proto__"/);
  rejects('a constructor key', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ctor\nconstructor:\n  prototype:\n    polluted: true\n', /unknown field "constructor"/);

  it('a 50 MB manifest is refused without reading it into memory', async () => {
    const f = join(sb.dir, 'huge.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  a: "' + 'x'.repeat(50 * 1024 * 1024) + '"\n');
    const r = await sb.run(['apply', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/too large/);
    expect(sb.stateText()).toBe(state);
  });

  it('__proto__ in a manifest does not pollute prototypes of later objects', async () => {
    // ConfigMap keys match [-._a-zA-Z0-9]+, so the API server stores `__proto__` (and
    // `constructor`) as ordinary data, and kubectl prints them back. The second ConfigMap is
    // built by the same process after the first: it must come out with its own fields only.
    const cm = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;
    const f = sb.file('proto-data.yaml', `${cm('proto-data', '  __proto__: "x"\n  b: "2"\n  constructor: "y"\n')}---\n${cm('after-proto', '  c: "3"\n')}`);
    expect(await sb.run(['apply', '-f', f])).toEqual({ code: 0, stdout: 'configmap/proto-data created\nconfigmap/after-proto created\n', stderr: '' });
    const data = async (name: string) => Object.entries(JSON.parse(await sb.ok(['get', 'configmap', name, '-o', 'json'])).data);
    expect(await data('proto-data')).toEqual([['__proto__', 'x'], ['b', '2'], ['constructor', 'y']]);
    expect(await sb.ok(['get', 'configmap', 'proto-data', '-o', 'yaml'])).toMatch(/^data:\n  __proto__: x\n  b: "2"\n  constructor: "y"\nkind: ConfigMap\n/m);
    const after = JSON.parse(await sb.ok(['get', 'configmap', 'after-proto', '-o', 'json']));
    expect(Object.keys(after)).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
    expect(Object.entries(after.data)).toEqual([['c', '3']]);
    expect(Object.keys(after.metadata).sort()).toEqual(['annotations', 'creationTimestamp', 'name', 'namespace', 'resourceVersion', 'uid']);
    // Keys dropped from the manifest go on the next apply, these two like any other.
    sb.file('proto-data.yaml', cm('proto-data', '  b: "2"\n'));
    expect(await sb.ok(['apply', '-f', f])).toBe('configmap/proto-data configured\n');
    expect(await data('proto-data')).toEqual([['b', '2']]);
    state = sb.stateText();
  });

  it('__proto__ holding an object where a string belongs is refused like any other wrong type', async () => {
    const f = sb.file('proto-object.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'proto-object' }, data: JSON.parse('{"__proto__": {"polluted": "yes"}}') }));
    const r = await sb.run(['apply', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot unmarshal object into Go struct field ConfigMap\.data of type string/);
    expect(r.stderr).not.toMatch(STACK);
    expect(sb.stateText()).toBe(state);
  });
});
