// Which server and location ingress-nginx picks: exact and wildcard hosts, the catch-all,
// every pathType, longest match, Exact before Prefix, and the defaultBackend fallbacks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { buildRoutingTable, findServer, matchLocation, prefixMatches, wildcardMatches } from '../../src/networking/ingress/routing.js';
import { assertProperty } from '../helpers/seed.js';

let clock = 0;
function ingress(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): KObject {
  clock++;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', annotations, creationTimestamp: `2025-01-01T00:00:${String(clock).padStart(2, '0')}Z` },
    spec,
  };
}

const svc = (name: string) => ({ service: { name, port: { number: 80 } } });
const path = (p: string, pathType: string, backend: string) => ({ path: p, pathType, backend: svc(backend) });
const rule = (host: string | undefined, ...paths: ReturnType<typeof path>[]) => ({ ...(host ? { host } : {}), http: { paths } });

/** The Service answering host + uri, `default:<svc>` for a fallback, `-` for the controller's. */
function route(ingresses: KObject[], host: string, uri: string): string {
  const vs = findServer(buildRoutingTable(ingresses), host);
  const loc = matchLocation(vs, uri);
  if (loc) return loc.backend.service!.name;
  return vs.fallback.backend ? `default:${vs.fallback.backend.service!.name}` : '-';
}

describe('hosts', () => {
  const ings = [
    ingress('a', { rules: [rule('foo.example.com', path('/', 'Prefix', 'exact')), rule('*.example.com', path('/', 'Prefix', 'wild')), rule(undefined, path('/', 'Prefix', 'any'))] }),
  ];

  it('prefers the exact host, then a one-label wildcard, then rules without a host', () => {
    expect(route(ings, 'foo.example.com', '/')).toBe('exact');
    expect(route(ings, 'bar.example.com', '/')).toBe('wild');
    expect(route(ings, 'a.b.example.com', '/')).toBe('any');
    expect(route(ings, 'example.com', '/')).toBe('any');
    expect(route(ings, '10.240.1.254', '/')).toBe('any');
  });

  it('matches wildcards on exactly one label', () => {
    expect(wildcardMatches('*.foo.com', 'bar.foo.com')).toBe(true);
    expect(wildcardMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false);
    expect(wildcardMatches('*.foo.com', 'foo.com')).toBe(false);
    expect(wildcardMatches('*.foo.com', '.foo.com')).toBe(false);
  });

  it('falls back to the controller default for unknown hosts when nothing has no host', () => {
    const only = [ingress('b', { rules: [rule('only.example.com', path('/', 'Prefix', 'svc'))] })];
    expect(route(only, 'other.example.com', '/')).toBe('-');
  });
});

describe('paths', () => {
  const ings = [
    ingress('p', {
      rules: [
        rule(
          'h',
          path('/foo', 'Prefix', 'prefix-foo'),
          path('/foo/bar', 'Prefix', 'prefix-foo-bar'),
          path('/foo', 'Exact', 'exact-foo'),
          path('/impl', 'ImplementationSpecific', 'impl'),
          path('/trailing/', 'Prefix', 'trailing'),
        ),
      ],
    }),
  ];

  it('Exact matches only the path itself and beats a Prefix of the same path', () => {
    expect(route(ings, 'h', '/foo')).toBe('exact-foo');
    expect(route(ings, 'h', '/foo/')).toBe('prefix-foo');
  });

  it('Prefix matches element-wise, the longest prefix winning', () => {
    expect(route(ings, 'h', '/foo/x')).toBe('prefix-foo');
    expect(route(ings, 'h', '/foo/bar')).toBe('prefix-foo-bar');
    expect(route(ings, 'h', '/foo/bar/baz')).toBe('prefix-foo-bar');
    expect(route(ings, 'h', '/foo/barbaz')).toBe('prefix-foo');
    expect(route(ings, 'h', '/foobar')).toBe('-');
  });

  it('Prefix ignores a trailing slash in the rule', () => {
    expect(route(ings, 'h', '/trailing')).toBe('trailing');
    expect(route(ings, 'h', '/trailing/x')).toBe('trailing');
    expect(route(ings, 'h', '/trailingx')).toBe('-');
  });

  it('ImplementationSpecific is an nginx string prefix', () => {
    expect(route(ings, 'h', '/impl')).toBe('impl');
    expect(route(ings, 'h', '/impl/x')).toBe('impl');
    expect(route(ings, 'h', '/implementation')).toBe('impl');
  });

  it('turns paths into case-insensitive regexes with use-regex or rewrite-target', () => {
    const re = [ingress('r', { rules: [rule('r', path('/api/v[0-9]+', 'ImplementationSpecific', 'api'), path('/', 'Prefix', 'root'))] }, { 'nginx.ingress.kubernetes.io/use-regex': 'true' })];
    expect(route(re, 'r', '/API/v2/users')).toBe('api');
    expect(route(re, 'r', '/api/vx')).toBe('root');
  });

  it('matches regex paths in linear time, and not at all with lookahead (which kctl does not run)', () => {
    const re = [ingress('r', { rules: [rule('r', path('/(a+)+$', 'ImplementationSpecific', 'evil'), path('/(?!admin)', 'ImplementationSpecific', 'ahead'), path('/', 'Prefix', 'root'))] }, { 'nginx.ingress.kubernetes.io/use-regex': 'true' })];
    // A backtracking engine takes 2^n steps on n a's and a `!`; the linear engine stays within its budget.
    expect(route(re, 'r', `/${'a'.repeat(100_000)}!`)).toBe('root');
    expect(route(re, 'r', `/${'a'.repeat(100_000)}`)).toBe('evil');
    expect(route(re, 'r', '/user')).toBe('root');
  });

  it('Prefix / matches everything', () => {
    expect(prefixMatches('/', '/anything/at/all')).toBe(true);
  });

  it('Prefix matching is a prefix of path elements (property)', () => {
    const segment = fc.stringMatching(/^[a-z]{1,3}$/);
    assertProperty(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.array(segment, { maxLength: 5 }), fc.boolean(), (p, u, slash) => {
        const rulePath = `/${p.join('/')}${slash ? '/' : ''}`;
        const uri = `/${u.join('/')}`;
        const expected = p.length <= u.length && p.every((s, i) => s === u[i]);
        expect(prefixMatches(rulePath, uri)).toBe(expected);
      }),
    );
  });
});

describe('default backends and merging', () => {
  it("uses an Ingress's defaultBackend for its hosts' unmatched paths, not for other hosts", () => {
    const ings = [ingress('d', { defaultBackend: svc('dflt'), rules: [rule('sample.example.com', path('/path1', 'ImplementationSpecific', 'one'))] })];
    expect(route(ings, 'sample.example.com', '/index.html')).toBe('default:dflt');
    expect(route(ings, 'sample.example.com', '/path1/index.html')).toBe('one');
    expect(route(ings, 'other', '/')).toBe('-');
  });

  it('makes an Ingress with only a defaultBackend the catch-all', () => {
    const ings = [ingress('c', { defaultBackend: svc('catch') }), ingress('c2', { defaultBackend: svc('later') })];
    expect(route(ings, 'anything', '/x')).toBe('default:catch');
  });

  it('merges Ingresses of one host; the oldest keeps a path both name', () => {
    const ings = [
      ingress('old', { rules: [rule('m', path('/a', 'Prefix', 'old-a'))] }),
      ingress('new', { rules: [rule('m', path('/a', 'Prefix', 'new-a'), path('/b', 'Prefix', 'new-b'))] }),
    ];
    expect(route(ings, 'm', '/a')).toBe('old-a');
    expect(route(ings, 'm', '/b')).toBe('new-b');
  });

  it('gives a host TLS when an Ingress lists it', () => {
    const ings = [ingress('t', { tls: [{ hosts: ['s'], secretName: 'x' }], rules: [rule('s', path('/', 'Prefix', 'svc'))] })];
    const table = buildRoutingTable(ings);
    expect(findServer(table, 's').tls?.secretName).toBe('x');
    expect(findServer(table, 'other').tls).toBeUndefined();
  });
});
