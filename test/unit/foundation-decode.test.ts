// Manifest decoding: documents split as kubectl's YAMLReader splits them, go-yaml's wording and
// line numbers (each case checked against kubectl v1.32), and encoding/json's stream decoder.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStream, splitDocuments } from '../../src/cli/verbs/decode.js';
import { decodeJsonStream } from '../../src/cli/verbs/jsondecode.js';
import { assertProperty } from '../helpers/seed.js';

const error = async (text: string) => {
  try {
    await decodeStream(text, 'f.yaml');
  } catch (e) {
    return (e as Error).message.replace(/^error parsing f\.yaml: (error converting YAML to JSON: )?/, '');
  }
  return 'no error';
};

describe('YAML documents', () => {
  it('split at lines starting with ---, comments allowed after it, empty documents dropped', async () => {
    expect(splitDocuments('a: 1\n---\nb: 2\n--- # next\nc: 3\n---\n', 'f')).toEqual(['a: 1\n', 'b: 2\n', 'c: 3\n']);
    expect(await decodeStream('---\n---\n# nothing\n---\nkind: A\n', 'f')).toEqual([{ kind: 'A' }]);
    expect(() => splitDocuments('a: 1\n--- !tag\n', 'f.yaml')).toThrow('error parsing f.yaml: invalid Yaml document separator: !tag');
  });

  it('read YAML 1.1 scalars as go-yaml does', async () => {
    expect(await decodeStream('a: yes\nb: off\nc: 010\nd: "010"\ne: ~\n', 'f')).toEqual([{ a: true, b: false, c: 8, d: '010', e: null }]);
  });

  // [manifest, what kubectl v1.32 prints after "yaml: "]
  const cases: [string, string][] = [
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n spec:\n  containers:\n', 'line 4: did not find expected key'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p: q\n', 'line 4: mapping values are not allowed in this context'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n    labels:\n      a: b\n', 'line 5: mapping values are not allowed in this context'],
    ['apiVersion: v1\n kind: Pod\n', 'line 2: mapping values are not allowed in this context'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n', 'line 4: found character that cannot start any token'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: @p\n', 'line 4: found character that cannot start any token'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\n', 'line 5: found unexpected end of stream'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\\q"\n', 'line 4: found unknown escape character'],
    ['apiVersion: v1\nkind: Pod\nspec:\n  containers: [a, b\n', "line 4: did not find expected ',' or ']'"],
    ['apiVersion: v1\nkind: Pod\nmetadata: {name: p\n', "line 3: did not find expected ',' or '}'"],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  - x\n', 'line 4: did not find expected key'],
    ['apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: b\n', 'line 5: did not find expected key'],
    ['apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n', 'line 6: did not find expected key'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: b\n     ports:\n', "line 8: did not find expected '-' indicator"],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  - name: p\n  labels: {}\n', "line 4: did not find expected '-' indicator"],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels\n    app: x\n', "line 6: could not find expected ':'"],
    ['apiVersion: v1\nkind Pod\n', "line 3: could not find expected ':'"],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: *x\n', "unknown anchor 'x' referenced"],
    ['kind: A\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p: q\n', 'line 4: mapping values are not allowed in this context'],
  ];
  for (const [text, message] of cases) {
    it(`reports ${JSON.stringify(message)} as go-yaml does`, async () => {
      expect(await error(text)).toBe(`yaml: ${message}`);
    });
  }
});

describe('JSON streams', () => {
  it('keep a `__proto__` key as an ordinary key, as JSON.parse does', () => {
    const text = '{"__proto__":{"polluted":true},"b":2}';
    const [decoded] = decodeJsonStream(text) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__', 'b']);
    expect(decoded).toEqual(JSON.parse(text));
  });

  it('decode any JSON values, one after another', () => {
    assertProperty(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.constantFrom('', '\n', ' \t\r\n'), (values, sep) => {
        const text = values.map((v) => JSON.stringify(v)).join(sep || ' ');
        expect(decodeJsonStream(text)).toEqual(values.filter((v) => v !== null).map((v) => JSON.parse(JSON.stringify(v))));
      }),
    );
  });

  it('report a stream cut short as unexpected EOF', () => {
    assertProperty(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), (obj, cut) => {
        const text = JSON.stringify(obj);
        const at = 1 + (cut % (text.length - 1));
        expect(() => decodeJsonStream(text.slice(0, at))).toThrow(/^unexpected EOF$|^json: offset \d+: invalid character/);
      }),
    );
  });

  it('word syntax errors as encoding/json does, with the byte offset', () => {
    const msg = (t: string) => {
      try {
        decodeJsonStream(t);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(msg('{"a": 1,}')).toBe("json: offset 9: invalid character '}' looking for beginning of object key string");
    expect(msg('{"a" 1}')).toBe("json: offset 6: invalid character '1' after object key");
    expect(msg('{"a": 1 "b": 2}')).toBe(`json: offset 9: invalid character '"' after object key:value pair`);
    expect(msg('[1 2]')).toBe("json: offset 4: invalid character '2' after array element");
    expect(msg('{"a": tru}')).toBe("json: offset 10: invalid character '}' in literal true (expecting 'e')");
    expect(msg('{"a": -x}')).toBe("json: offset 8: invalid character 'x' in numeric literal");
    expect(msg('{"a": "\\q"}')).toBe("json: offset 9: invalid character 'q' in string escape code");
    expect(msg("{'a': 1}")).toBe("json: offset 2: invalid character '\\'' looking for beginning of object key string");
    expect(msg('{"a": 1}\n,')).toBe("json: offset 10: invalid character ',' looking for beginning of value");
    expect(msg('{"a": [1, 2')).toBe('unexpected EOF');
  });
});
