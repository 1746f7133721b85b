// The API server's side of Ingress and IngressClass: v1beta1 conversion, the DefaultIngressClass
// plugin, and validation with the server's messages.

import { beforeEach, describe, expect, it } from 'vitest';
import { StatusError } from '../../src/api/errors.js';
import { resourceInfo, type ResourceInfo } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import type { KObject } from '../../src/api/types.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { convertIngress } from '../../src/kinds/ingress/convert.js';
import { describeIngress as describeIngressKind } from '../../src/kinds/ingress/describe.js';
import { ingressKind } from '../../src/kinds/ingress/index.js';
import { seededRandom } from '../../src/util/random.js';

/** The internal checks the suite runs kctl with: frozen store objects, controller fixpoints. */
const CHECKS = { KCTL_CHECKS: '1' };

const NOW = Date.parse('2025-01-01T00:00:00Z');
const INGRESSES = resourceInfo('ingresses');
const CLASSES = resourceInfo('ingressclasses');

let api: ApiServer;
beforeEach(async () => {
  const rand = seededRandom('ingress');
  api = new ApiServer(new Cluster(await bootstrap(defaultConfig('2025-01-01T00:00:00Z', { ingressNginx: false }), NOW, rand, CHECKS), NOW, rand, true));
});

function ing(spec: unknown, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', namespace: 'default', ...meta }, spec } as KObject;
}

/** The message kubectl would show for a failed create. */
function createError(o: KObject, info: ResourceInfo = INGRESSES): string {
  try {
    api.create(o, info);
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return 'created';
}

const backend = { service: { name: 'svc', port: { number: 80 } } };

describe('conversion from the v1beta1 shapes', () => {
  it('turns serviceName/servicePort into service.name/port and backend into defaultBackend', () => {
    const out = convertIngress({
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'echo' },
      spec: { backend: { serviceName: 'd', servicePort: 'http' }, rules: [{ host: 'h', http: { paths: [{ path: '/', backend: { serviceName: 'echo', servicePort: 80 } }] } }] },
    });
    expect(out.apiVersion).toBe('networking.k8s.io/v1');
    expect(out.spec).toEqual({
      defaultBackend: { service: { name: 'd', port: { name: 'http' } } },
      rules: [{ host: 'h', http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'echo', port: { number: 80 } } } }] } }],
    });
  });

  it('keeps a quoted number as a port name, as IntOrString does', () => {
    const out = convertIngress({ apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'q' }, spec: { backend: { serviceName: 's', servicePort: '80' } } });
    expect((out.spec as { defaultBackend: unknown }).defaultBackend).toEqual({ service: { name: 's', port: { name: '80' } } });
  });
});

describe('validation', () => {
  it('requires rules or a defaultBackend', () => {
    expect(createError(ing({}))).toBe('The Ingress "x" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  });

  it('requires pathType in v1', () => {
    expect(createError(ing({ rules: [{ http: { paths: [{ path: '/', backend }] } }] }))).toBe('The Ingress "x" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
  });

  it('names the supported pathTypes', () => {
    expect(createError(ing({ rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }))).toBe(
      'The Ingress "x" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    );
  });

  it('wants absolute, clean paths for Prefix and Exact', () => {
    expect(createError(ing({ rules: [{ http: { paths: [{ path: 'foo', pathType: 'Prefix', backend }] } }] }))).toBe('The Ingress "x" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path');
    expect(createError(ing({ rules: [{ http: { paths: [{ path: '/a//b/.', pathType: 'Exact', backend }] } }] }))).toBe(
      `The Ingress "x" is invalid: \n* spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": must not contain '//'\n* spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": cannot end with '/.'`,
    );
    expect(createError(ing({ rules: [{ http: { paths: [{ path: '', pathType: 'ImplementationSpecific', backend }] } }] }))).toBe('created');
  });

  it('checks the backend: name, port number or name, not both, not neither', () => {
    const path = (b: unknown) => ing({ rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: b }] } }] });
    const field = 'spec.rules[0].http.paths[0].backend';
    expect(createError(path({ service: { name: 'svc', port: {} } }))).toBe(`The Ingress "x" is invalid: ${field}: Required value: port name or number is required`);
    expect(createError(path({ service: { name: 'svc', port: { name: 'http', number: 80 } } }))).toBe(`The Ingress "x" is invalid: ${field}: Invalid value: "": cannot set both port name & port number`);
    expect(createError(path({ service: { name: 'svc', port: { number: 70000 } } }))).toBe(`The Ingress "x" is invalid: ${field}.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`);
    expect(createError(path({ service: { name: '1svc', port: { number: 80 } } }))).toMatch(new RegExp(`^The Ingress "x" is invalid: ${field.replace(/[.[\]]/g, '\\$&')}\\.service\\.name: Invalid value: "1svc": a DNS-1035 label must`));
    expect(createError(path({}))).toBe(`The Ingress "x" is invalid: ${field}: Invalid value: "": resource or service backend is required`);
  });

  it('refuses IP hosts and malformed wildcards', () => {
    const host = (h: string) => ing({ rules: [{ host: h, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] });
    expect(createError(host('10.0.0.1'))).toBe('The Ingress "x" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address');
    expect(createError(host('*.example.com'))).toBe('created');
    expect(createError({ ...host('a.*.com'), metadata: { name: 'y', namespace: 'default' } })).toMatch(/spec\.rules\[0\]\.host: Invalid value: "a\.\*\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/);
  });

  it('refuses a class annotation that disagrees with ingressClassName, on create', () => {
    const o = ing({ ingressClassName: 'nginx', defaultBackend: backend }, { annotations: { 'kubernetes.io/ingress.class': 'gce' } });
    expect(createError(o)).toBe('The Ingress "x" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "gce": must match `ingressClassName` when both are specified');
  });
});

describe('IngressClass', () => {
  const cls = (name: string, spec: unknown, annotations?: Record<string, string>): KObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...(annotations ? { annotations } : {}) }, spec }) as KObject;

  it('validates the controller and makes the controller immutable', () => {
    expect(createError(cls('a', {}), CLASSES)).toBe('The IngressClass "a" is invalid: spec.controller: Required value');
    expect(createError(cls('b', { controller: 'nginx' }), CLASSES)).toBe('The IngressClass "b" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")');
    api.create(cls('c', { controller: 'k8s.io/ingress-nginx' }), CLASSES);
    expect(() => api.update(cls('c', { controller: 'example.com/other' }), CLASSES)).toThrow('The IngressClass "c" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable');
  });

  it('defaults the parameters scope to Cluster', () => {
    const c = api.create(cls('p', { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Config', name: 'x' } }), CLASSES);
    expect((c.spec as { parameters: { scope: string } }).parameters.scope).toBe('Cluster');
  });

  it('gives new Ingresses without a class the default class', () => {
    api.create(cls('dflt', { controller: 'k8s.io/ingress-nginx' }, { 'ingressclass.kubernetes.io/is-default-class': 'true' }), CLASSES);
    const plain = api.create(ing({ defaultBackend: backend }, { name: 'plain' }), INGRESSES);
    const annotated = api.create(ing({ defaultBackend: backend }, { name: 'annotated', annotations: { 'kubernetes.io/ingress.class': 'other' } }), INGRESSES);
    expect((plain.spec as { ingressClassName?: string }).ingressClassName).toBe('dflt');
    expect((annotated.spec as { ingressClassName?: string }).ingressClassName).toBeUndefined();
    expect(plain.status).toEqual({ loadBalancer: {} });
  });
});

describe('describe', () => {
  const describeIngress = (o: KObject) => describeIngressKind(api.create(o, INGRESSES), { cluster: api.cluster, now: NOW });

  it('shows a default-backend-only Ingress as one `* *` rule, and a missing Service as an error', () => {
    expect(describeIngress(ing({ defaultBackend: { service: { name: 'gone', port: { name: 'http' } } } }, { name: 'only-default' }))).toBe(
      `Name:             only-default
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    <none>
Default backend:  gone:http (<error: services "gone" not found>)
Rules:
  Host        Path  Backends
  ----        ----  --------
  *           *     gone:http (<error: services "gone" not found>)
Annotations:  <none>
Events:       <none>
`,
    );
  });

  it('prints `<default>` without a defaultBackend, `*` for rules without a host, and SNI routes', () => {
    const out = describeIngress(ing({ tls: [{ hosts: ['a.example.com'] }], rules: [{ http: { paths: [{ path: '/x', pathType: 'Exact', backend }] } }] }, { name: 'sni', labels: { app: 'x' } }));
    expect(out).toBe(
      `Name:             sni
Labels:           app=x
Namespace:        default
Address:          
Ingress Class:    <none>
Default backend:  <default>
TLS:
  SNI routes a.example.com
Rules:
  Host        Path  Backends
  ----        ----  --------
  *           
              /x   svc:80 (<error: services "svc" not found>)
Annotations:  <none>
Events:       <none>
`,
    );
  });
});
