import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SelectorError,
  formatLabelSelector,
  formatLabels,
  parseSelector,
  parseSelectors,
  selectorFromLabelSelector,
  selectorFromMap,
} from '../../src/api/labels/index.js';
import { assertProperty } from '../helpers/seed.js';

const QNAME =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end " +
  "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a SelectorError');
}

describe('parseSelector', () => {
  it('matches equality and set-based requirements', () => {
    const s = parseSelector('app=web,tier!=db,env in (prod, staging),!legacy,track');
    expect(s.matches({ app: 'web', env: 'prod', track: 'x' })).toBe(true);
    expect(s.matches({ app: 'web', env: 'prod', track: 'x', tier: 'db' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'dev', track: 'x' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'prod', track: 'x', legacy: '' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'prod' })).toBe(false);
    expect(parseSelector('a notin (x)').matches(undefined)).toBe(true);
    expect(parseSelector('a==b').matches({ a: 'b' })).toBe(true);
    expect(parseSelector('n>3').matches({ n: '4' })).toBe(true);
    expect(parseSelector('n<3').matches({ n: 'x' })).toBe(false);
  });
  it('prints requirements sorted by key, values sorted', () => {
    expect(parseSelector('z=1, a in (c,b), !m, k').toString()).toBe('a in (b,c),k,!m,z=1');
    expect(parseSelector('x in (foo,,baz),y,z notin ()').toString()).toBe('x in (,baz,foo),y,z notin ()');
    expect(parseSelector('a=').toString()).toBe('a=');
    expect(parseSelector('in in (in, notin)').toString()).toBe('in in (in,notin)');
  });
  it('treats an empty selector as everything', () => {
    expect(parseSelector('').empty()).toBe(true);
    expect(parseSelector('  ').matches({ a: 'b' })).toBe(true);
    expect(parseSelector('a').empty()).toBe(false);
  });
  it('reports syntax errors as the API server does', () => {
    expect(message(() => parseSelector('a b'))).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(message(() => parseSelector('a=b c'))).toBe("found 'c', expected: ',' or 'end of string'");
    expect(message(() => parseSelector('a=b,,c'))).toBe("found ',', expected: identifier after ','");
    expect(message(() => parseSelector(',a'))).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(message(() => parseSelector('a in b'))).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(message(() => parseSelector('a in (b'))).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(message(() => parseSelector('!a=b'))).toBe("found '=', expected: ',' or 'end of string'");
    expect(message(() => parseSelector('a=(b)'))).toBe("unable to parse requirement: found '(', expected: identifier");
  });
  it('validates keys and values with apimachinery wording', () => {
    // As kubectl showed: `kubectl get pods -l "app:monolith"`.
    expect(message(() => parseSelector('app:monolith'))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part ${QNAME}`,
    );
    expect(message(() => parseSelector('a/b/c ?=? def'))).toBe(
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${QNAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    expect(message(() => parseSelector('app.kubernetes_io/name=x'))).toBe(
      'unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part a lowercase RFC 1123 subdomain must ' +
        "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(message(() => parseSelector('a=b@'))).toBe(`unable to parse requirement: values[0][a]: Invalid value: "b@": ${VALUE}`);
    expect(message(() => parseSelector('a in (x@,y@)'))).toBe(
      `unable to parse requirement: [values[0][a]: Invalid value: "x@": ${VALUE}, values[1][a]: Invalid value: "y@": ${VALUE}]`,
    );
    expect(message(() => parseSelector('n>x'))).toBe(
      `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
    );
    expect(message(() => parseSelector(`a=${'v'.repeat(64)}`))).toBe(
      `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    );
    expect(message(() => parseSelector(`a=${'v'.repeat(64)}-`))).toBe(
      `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}-": must be no more than 63 characters; ${VALUE}`,
    );
  });
});

describe('parseSelectors', () => {
  it('keeps the last -l, as kubectl does', () => {
    expect(parseSelectors(['a=b', 'c=d']).toString()).toBe('c=d');
    expect(parseSelectors([]).empty()).toBe(true);
  });
});

describe('selectorFromLabelSelector', () => {
  it('follows metav1.LabelSelectorAsSelector', () => {
    expect(selectorFromLabelSelector(undefined).matches({})).toBe(false);
    expect(selectorFromLabelSelector(null).matches({ a: 'b' })).toBe(false);
    expect(selectorFromLabelSelector({}).matches({ a: 'b' })).toBe(true);
    const s = selectorFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'x', operator: 'Exists' },
        { key: 'y', operator: 'DoesNotExist' },
      ],
    });
    expect(s.toString()).toBe('app=web,env notin (dev),tier in (a,b),x,!y');
    expect(s.matches({ app: 'web', tier: 'a', x: '' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'a', x: '', y: '' })).toBe(false);
  });
  it('rejects what the API would', () => {
    expect(message(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] }))).toBe(
      '"Foo" is not a valid label selector operator',
    );
    expect(message(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] }))).toBe(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(message(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }))).toBe(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    expect(message(() => selectorFromLabelSelector({ matchLabels: { 'a b': 'c' } }))).toBe(`key: Invalid value: "a b": name part ${QNAME}`);
  });
});

describe('formatting', () => {
  it('formats selectors as kubectl columns and describe do', () => {
    expect(formatLabelSelector({ matchLabels: { 'pod-template-hash': '6cd85bd5f', app: 'sample-app' } })).toBe(
      'app=sample-app,pod-template-hash=6cd85bd5f',
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'a'] }] })).toBe('app in (a,b)');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bad' }] })).toBe('<error>');
  });
  it('formats label maps', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels()).toBe('<none>');
  });
  it('builds Service-style selectors from maps', () => {
    const s = selectorFromMap({ app: 'web', tier: 'fe' });
    expect(s.matches({ app: 'web', tier: 'fe', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
    expect(selectorFromMap(undefined).matches({})).toBe(true);
  });
});

describe('properties', () => {
  const name = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?$/);
  const key = fc.tuple(fc.option(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?(\.[a-z]{2,3})?$/)), name).map(
    ([prefix, n]) => (prefix ? `${prefix}/${n}` : n),
  );
  const value = fc.oneof(fc.constant(''), name);
  const requirement = fc.oneof(
    fc.tuple(key, fc.constantFrom('=', '==', '!='), value).map(([k, op, v]) => `${k}${op}${v}`),
    fc.tuple(key, fc.constantFrom('in', 'notin'), fc.array(value, { minLength: 1, maxLength: 3 })).map(
      ([k, op, vs]) => `${k} ${op} (${vs.join(',')})`,
    ),
    key,
    key.map((k) => `!${k}`),
  );
  const selector = fc.array(requirement, { maxLength: 5 }).map((rs) => rs.join(','));

  it('toString parses back to the same selector', () => {
    assertProperty(
      fc.property(selector, (s) => {
        const printed = parseSelector(s).toString();
        expect(parseSelector(printed).toString()).toBe(printed);
      }),
    );
  });
  it('a printed selector matches the same label sets', () => {
    assertProperty(
      fc.property(selector, fc.dictionary(key, value, { maxKeys: 4 }), (s, labels) => {
        const a = parseSelector(s);
        expect(parseSelector(a.toString()).matches(labels)).toBe(a.matches(labels));
      }),
    );
  });
  it('a map selector matches exactly its supersets', () => {
    assertProperty(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), fc.dictionary(key, value, { maxKeys: 4 }), (m, extra) => {
        expect(selectorFromMap(m).matches({ ...extra, ...m })).toBe(true);
        expect(parseSelector(formatLabels(m) === '<none>' ? '' : formatLabels(m)).matches({ ...extra, ...m })).toBe(true);
      }),
    );
  });
});
