// kctl serve's HTTP surface, request by request: authentication, discovery documents, Status
// errors, field validation and warnings, optimistic concurrency, limits and the hooks left for
// protobuf bodies and OpenAPI (watches: watch-http.test.ts).

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { decodeProtobufObject, encodeProtobufObject } from '../../src/api/protobuf/index.js';
import { call, startServe, type Served } from '../helpers/serve.js';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

function deployment(name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      ...extra,
    },
  };
}

describe('kctl serve over HTTPS', () => {
  const sb = new Sandbox();
  let served: Served;

  beforeAll(async () => {
    served = await startServe(sb);
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it('answers 401 with the API server\'s Status without the token, or with a wrong one, and sends no CORS headers', async () => {
    for (const token of [null, 'wrong']) {
      const r = await call(served, 'GET', '/api/v1/namespaces/default/pods', { token, headers: { Origin: 'https://example.com' } });
      expect(r.status).toBe(401);
      expect(r.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await call(served, 'OPTIONS', DEPLOYMENTS, { token: null, headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(401);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves /version, health checks and both kinds of discovery', async () => {
    expect((await call(served, 'GET', '/version')).json()).toMatchObject({ major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\.\d+$/) });
    for (const path of ['/healthz', '/livez', '/readyz']) expect((await call(served, 'GET', path)).body).toBe('ok');
    const agg = await call(served, 'GET', '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(agg.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = agg.json().items.find((g: { metadata: { name: string } }) => g.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((r: { resource: string }) => r.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', singularResource: 'deployment', shortNames: ['deploy'], categories: ['all'] });
    expect(deploy.subresources.map((s: { subresource: string }) => s.subresource)).toEqual(['scale', 'status']);
    expect(deploy.subresources[0].responseKind).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const legacy = (await call(served, 'GET', '/api/v1')).json();
    const names = legacy.resources.map((r: { name: string }) => r.name);
    expect(names).toContain('pods/log');
    expect(names).toContain('pods/exec');
    expect(legacy.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    // autoscaling/v1 is served too, after the preferred v2, in both kinds of discovery.
    const autoscaling = agg.json().items.find((g: { metadata: { name: string } }) => g.metadata.name === 'autoscaling');
    expect(autoscaling.versions.map((v: { version: string }) => v.version)).toEqual(['v2', 'v1']);
    expect((await call(served, 'GET', '/apis/autoscaling')).json()).toMatchObject({
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    expect((await call(served, 'GET', '/apis/autoscaling/v1')).json().resources.map((r: { name: string }) => r.name)).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
    expect((await call(served, 'GET', '/apis')).json().groups.map((g: { name: string }) => g.name)).toEqual([
      'apps', 'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'discovery.k8s.io', 'metrics.k8s.io',
    ]);
  });

  it('answers unknown paths with Status objects', async () => {
    for (const path of ['/nope', '/openapi/v1', '/api/v1/widgets', '/apis/apps/v2/deployments']) {
      const r = await call(served, 'GET', path);
      expect(r.status).toBe(404);
      expect(r.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    }
  });

  it('decodes protobuf bodies, and words a broken one as the API server does', async () => {
    const PB = 'application/vnd.kubernetes.protobuf';
    const CM = '/api/v1/namespaces/default/configmaps';
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-protobuf', labels: { a: 'b' } }, data: { k: 'v' } };
    const body = Buffer.from(encodeProtobufObject(cm));
    const created = await call(served, 'POST', CM, { body, headers: { 'Content-Type': PB, Accept: `${PB},application/json` } });
    expect(created.status).toBe(201);
    // The client takes JSON too: JSON it gets.
    expect(created.headers['content-type']).toBe('application/json');
    expect(created.json()).toMatchObject(cm);
    // The envelope is whole but the ConfigMap inside is cut short: the decoded kind is named.
    const typeMeta = Buffer.from('\x0a\x02v1\x12\x09ConfigMap', 'latin1');
    const raw = Buffer.from([0x0a, 0x05, 0x0a]);
    const envelope = Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x0a, typeMeta.length]), typeMeta, Buffer.from([0x12, raw.length]), raw]);
    const broken = await call(served, 'POST', CM, { body: envelope, headers: { 'Content-Type': PB } });
    expect(broken.status).toBe(400);
    expect(broken.json()).toMatchObject({ reason: 'BadRequest', message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF' });
    // The envelope itself is cut short: nothing names a kind, and the body is summarised.
    const cut = Buffer.from(encodeProtobufObject({ ...cm, metadata: { name: 'cut' } }));
    const short = await call(served, 'POST', CM, { body: cut.subarray(0, 12), headers: { 'Content-Type': PB } });
    expect(short.json().message).toBe(`the object provided is unrecognized (must be of type ConfigMap): unexpected EOF (${cut.subarray(0, 12).toString('hex')})`);
    const notProtobuf = await call(served, 'POST', CM, { body: '{"kind":"ConfigMap"}', headers: { 'Content-Type': PB } });
    expect(notProtobuf.json().message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"ConfigMap"})',
    );
    const empty = await call(served, 'POST', CM, { body: 'k8s\u0000', headers: { 'Content-Type': PB } });
    expect(empty.json().message).toBe('the object provided is unrecognized (must be of type ConfigMap): empty body (6b387300)');
    expect((await call(served, 'GET', `${CM}/cut`)).status).toBe(404);
    // A client that takes protobuf alone gets protobuf, or 406 for what has no protobuf form.
    const got = await call(served, 'GET', `${CM}/from-protobuf`, { headers: { Accept: PB } });
    expect(got.headers['content-type']).toBe(PB);
    expect(decodeProtobufObject(got.bytes)).toMatchObject(cm);
    const table = await call(served, 'GET', '/api/v1/namespaces/default/pods', { headers: { Accept: PB } });
    expect(table.status).toBe(200);
    const text = await call(served, 'GET', '/healthz', { headers: { Accept: PB } });
    expect(text.status).toBe(406);
    expect(text.json()).toMatchObject({ reason: 'NotAcceptable', code: 406 });
  });

  it('serves the OpenAPI v3 index and documents with handler3\'s caching headers', async () => {
    const index = await call(served, 'GET', '/openapi/v3');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('application/json');
    expect(index.headers['cache-control']).toBe('no-cache, private');
    const etag = index.headers.etag as string;
    expect(etag).toBe(`"${createHash('sha512').update(index.bytes).digest('hex').toUpperCase()}"`);
    expect((await call(served, 'GET', '/openapi/v3', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const url: string = index.json().paths['apis/apps/v1'].serverRelativeURL;
    const hash = url.split('hash=')[1];
    const doc = await call(served, 'GET', url, { headers: { Accept: 'application/json' } });
    expect(doc.status).toBe(200);
    expect(doc.headers).toMatchObject({ etag: `"${hash}"`, 'cache-control': 'public, immutable', vary: 'Accept', 'content-type': 'application/json' });
    expect(Date.parse(doc.headers.expires as string) - Date.now()).toBeGreaterThan(364 * 24 * 3600 * 1000);
    expect(createHash('sha512').update(doc.bytes).digest('hex').toUpperCase()).toBe(hash);
    expect(doc.json().components.schemas['io.k8s.api.apps.v1.Deployment']).toBeDefined();
    const again = await call(served, 'GET', url, { headers: { 'If-None-Match': `"${hash}"` } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    // Without a hash: no long caching; an old hash: redirected to the current one.
    expect((await call(served, 'GET', '/openapi/v3/apis/apps/v1')).headers['cache-control']).toBe('no-cache, private');
    const old = await call(served, 'GET', '/openapi/v3/apis/apps/v1?hash=0123');
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe(url);
    expect((await call(served, 'GET', url, { headers: { Accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf' } })).status).toBe(406);
    // A group version without a document: handler3 writes nothing.
    const none = await call(served, 'GET', '/openapi/v3/apis/extensions/v1beta1');
    expect([none.status, none.body, none.headers['content-type']]).toEqual([200, '', undefined]);
    // v2: a document without definitions, in gnostic's protobuf when asked so.
    const v2 = await call(served, 'GET', '/openapi/v2', { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(v2.headers['content-type']).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(v2.bytes.toString('latin1')).toMatch(/^\n\x032\.0\x12.\n\nKubernetes\x12\x07v1\.32\.\d$/s);
    expect((await call(served, 'GET', '/openapi/v2')).json()).toMatchObject({ swagger: '2.0', definitions: {} });
  });

  it('fieldValidation: Strict reports repeated keys of a raw JSON body among unknown fields, in the order met', async () => {
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup","bogus":1},"data":{"a":"1","a":"2"},"zzz":1}';
    const strict = await call(served, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { body });
    expect(strict.json().message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name", unknown field "metadata.bogus", duplicate field "data.a", unknown field "zzz"',
    );
    const warn = await call(served, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Warn', { body });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toBe('299 - "duplicate field \\"metadata.name\\"", 299 - "unknown field \\"metadata.bogus\\"", 299 - "duplicate field \\"data.a\\"", 299 - "unknown field \\"zzz\\""');
    expect(warn.json().data).toEqual({ a: '2' });
  });

  it('fieldValidation: Strict refuses unknown fields in the API server\'s words, Warn warns, Ignore drops them', async () => {
    const body = JSON.stringify(deployment('strict', { bogus: 1 }));
    const strict = await call(served, 'POST', `${DEPLOYMENTS}?fieldValidation=Strict`, { body });
    expect(strict.status).toBe(400);
    expect(strict.json()).toMatchObject({ reason: 'BadRequest', message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"' });
    const warn = await call(served, 'POST', `${DEPLOYMENTS}?fieldValidation=Warn`, { body });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toBe('299 - "unknown field \\"spec.bogus\\""');
    const ignore = await call(served, 'POST', `${DEPLOYMENTS}?fieldValidation=Ignore`, { body: JSON.stringify(deployment('ignored', { bogus: 1 })) });
    expect(ignore.status).toBe(201);
    expect(ignore.headers.warning).toBeUndefined();
    expect(ignore.json().spec.bogus).toBeUndefined();
  });

  it('warns of a deprecated version it converts (Ingress v1beta1)', async () => {
    const ingress = {
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'old' },
      spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] },
    };
    const r = await call(served, 'POST', '/apis/networking.k8s.io/v1/namespaces/default/ingresses', { body: JSON.stringify(ingress) });
    expect(r.status).toBe(201);
    expect(r.headers.warning).toBe('299 - "networking.k8s.io/v1beta1 Ingress is deprecated in v1.19+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress"');
    expect(r.json().apiVersion).toBe('networking.k8s.io/v1');
  });

  it('Invalid carries every cause, as kubectl reads them', async () => {
    const r = await call(served, 'POST', DEPLOYMENTS, { body: JSON.stringify(deployment('bad', { replicas: -1 })) });
    expect(r.status).toBe(422);
    expect(r.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: { name: 'bad', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] },
      code: 422,
    });
  });

  it('PUT replaces, and a stale resourceVersion is a Conflict that changes nothing', async () => {
    expect((await call(served, 'POST', DEPLOYMENTS, { body: JSON.stringify(deployment('cas')) })).status).toBe(201);
    // Read after the controllers settled the create (they wrote its status).
    const created = (await call(served, 'GET', `${DEPLOYMENTS}/cas`)).json();
    const stale = created.metadata.resourceVersion;
    const first = await call(served, 'PUT', `${DEPLOYMENTS}/cas`, { body: JSON.stringify({ ...created, spec: { ...created.spec, replicas: 2 } }) });
    expect(first.status).toBe(200);
    expect(first.json().spec.replicas).toBe(2);
    const before = sb.stateText();
    const second = await call(served, 'PUT', `${DEPLOYMENTS}/cas`, { body: JSON.stringify({ ...created, metadata: { ...created.metadata, resourceVersion: stale }, spec: { ...created.spec, replicas: 5 } }) });
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "cas": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(sb.stateText()).toBe(before);
    const mismatch = await call(served, 'PUT', `${DEPLOYMENTS}/cas`, { body: JSON.stringify(deployment('other')) });
    expect(mismatch.json().message).toBe('the name of the object (other) does not match the name on the URL (cas)');
  });

  it('the scale subresource reads and patches an autoscaling/v1 Scale', async () => {
    const scale = (await call(served, 'GET', `${DEPLOYMENTS}/cas/scale`)).json();
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=cas' } });
    const r = await call(served, 'PATCH', `${DEPLOYMENTS}/cas/scale`, { body: '{"spec":{"replicas":3}}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    // The answer comes before the controllers act, as on a real server; then they have.
    expect(r.json()).toMatchObject({ spec: { replicas: 3 }, status: { replicas: 2 } });
    expect((await call(served, 'GET', `${DEPLOYMENTS}/cas/scale`)).json()).toMatchObject({ spec: { replicas: 3 }, status: { replicas: 3 } });
  });

  it('a dry run answers as a create would and stores nothing', async () => {
    const before = sb.stateText();
    const r = await call(served, 'POST', `${DEPLOYMENTS}?dryRun=All`, { body: JSON.stringify(deployment('dry')) });
    expect(r.status).toBe(201);
    expect(r.json().metadata.uid).toBeTruthy();
    expect(sb.stateText()).toBe(before);
    expect((await call(served, 'GET', `${DEPLOYMENTS}/dry`)).status).toBe(404);
  });

  it('refuses bodies over 3 MiB with 413, a bad patch type with 415, and an apply without a field manager', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
    const r = await call(served, 'POST', '/api/v1/namespaces/default/configmaps', { body: big });
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ reason: 'RequestEntityTooLarge', code: 413 });
    const xml = await call(served, 'PATCH', `${DEPLOYMENTS}/cas`, { body: '{}', headers: { 'Content-Type': 'application/xml' } });
    expect(xml.status).toBe(415);
    expect(xml.json().message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
    // Server-side apply needs a field manager.
    const apply = await call(served, 'PATCH', `${DEPLOYMENTS}/cas`, { body: '{}', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(apply.status).toBe(422);
    expect(apply.json()).toMatchObject({ reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch' });
  });

  it('reads see every write, the server\'s own and other kctl processes\' (parsed state is reused only while the file is unchanged)', async () => {
    const path = '/api/v1/namespaces/default/configmaps/cache';
    await sb.ok(['create', 'configmap', 'cache', '--from-literal=n=1']);
    expect((await call(served, 'GET', path)).json().data).toEqual({ n: '1' });
    expect((await call(served, 'GET', path)).json().data).toEqual({ n: '1' });
    for (let n = 2; n <= 4; n++) {
      await sb.ok(['label', 'configmap', 'cache', `n=${n}`, '--overwrite']);
      expect((await call(served, 'GET', path)).json().metadata.labels).toEqual({ n: String(n) });
    }
    await call(served, 'PATCH', path, { body: '{"data":{"n":"5"}}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect((await call(served, 'GET', path)).json().data).toEqual({ n: '5' });
  });

  it('lists as Tables with the object kubectl asks for', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const meta = (await call(served, 'GET', `${DEPLOYMENTS}?limit=500`, { headers: { Accept: accept } })).json();
    expect(meta.kind).toBe('Table');
    expect(meta.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(meta.columnDefinitions[0].format).toBe('name');
    expect(meta.rows[0].object.kind).toBe('PartialObjectMetadata');
    const full = (await call(served, 'GET', `${DEPLOYMENTS}?includeObject=Object`, { headers: { Accept: accept } })).json();
    expect(full.rows[0].object.kind).toBe('Deployment');
    const bad = await call(served, 'GET', `${DEPLOYMENTS}?labelSelector=a%20in`);
    expect(bad.status).toBe(400);
  });

  it('DELETE takes kubectl\'s DeleteOptions body and answers with a Success Status', async () => {
    const r = await call(served, 'DELETE', `${DEPLOYMENTS}/cas`, { body: '{"propagationPolicy":"Background"}' });
    expect(r.status, r.body).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'cas', group: 'apps', kind: 'deployments' } });
    expect((await sb.run(['get', 'rs', '-l', 'app=cas'])).stderr).toBe('No resources found in default namespace.\n');
  });
});
