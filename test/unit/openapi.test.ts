// The OpenAPI v3 documents: what kubectl needs of them (each served kind's schema and GVK, the
// fieldValidation parameter of its PATCH, the hashes of the index), the patch metadata the
// strategic merge patch uses, and real kubectl v1.32.3's `explain` over them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openapiV3Document, openapiV3Index, openapiV3Paths } from '../../src/api/openapi/index.js';
import patchmeta from '../../src/api/patch/patchmeta.json';
import { RESOURCES } from '../../src/api/scheme.js';
import { CaptureServer, runKubectl } from '../helpers/kube-capture.js';
import { kubectlBinary } from '../helpers/kubectl.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema; allOf?: Schema[]; $ref?: string };
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string }[]; 'x-kubernetes-group-version-kind'?: unknown }>>;
  components: { schemas: Record<string, Schema> };
}

const parse = (path: string): Doc => JSON.parse(Buffer.from(openapiV3Document(path)!.body).toString('utf8'));
const gvPath = (r: (typeof RESOURCES)[number]) => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`);

/** The schema a property points at: through allOf, $ref, items and additionalProperties. */
function target(doc: Doc, s: Schema): Schema | undefined {
  const r = s.$ref ?? s.allOf?.[0]?.$ref ?? s.items?.$ref ?? s.items?.allOf?.[0]?.$ref ?? s.additionalProperties?.$ref ?? s.additionalProperties?.allOf?.[0]?.$ref;
  return r ? doc.components.schemas[r.replace('#/components/schemas/', '')] : undefined;
}

describe('OpenAPI v3 documents', () => {
  it('the index lists every group version kctl serves, with the hash of each document', () => {
    const index = openapiV3Index();
    const body = JSON.parse(Buffer.from(index.body).toString('utf8')) as { paths: Record<string, { serverRelativeURL: string }> };
    for (const r of RESOURCES) expect(Object.keys(body.paths)).toContain(gvPath(r));
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['api', 'apis', 'apis/apps', 'version']));
    expect(Object.keys(body.paths)).toEqual(openapiV3Paths());
    for (const [path, { serverRelativeURL }] of Object.entries(body.paths)) {
      const doc = openapiV3Document(serverRelativeURL)!;
      expect(serverRelativeURL).toBe(`/openapi/v3/${path}?hash=${doc.hash}`);
      expect(doc.hash).toBe(createHash('sha512').update(doc.body).digest('hex').toUpperCase());
      expect(doc.etag).toBe(`"${doc.hash}"`);
    }
    expect(index.hash).toBe(createHash('sha512').update(index.body).digest('hex').toUpperCase());
    expect(openapiV3Document('apis/extensions/v1beta1')).toBeUndefined();
  });

  it('every $ref of a document resolves inside it', () => {
    for (const path of openapiV3Paths()) {
      const doc = parse(path);
      expect(doc.openapi).toBe('3.0.0');
      const text = JSON.stringify(doc);
      const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
      expect([...refs].filter((r) => !doc.components.schemas[r])).toEqual([]);
    }
  });

  it('has each served kind with its GVK, and a PATCH that takes fieldValidation (what apply checks)', () => {
    for (const r of RESOURCES) {
      const doc = parse(gvPath(r));
      const gvk = { group: r.group, kind: r.kind, version: r.version };
      const schemas = Object.values(doc.components.schemas).filter((s) => JSON.stringify(s['x-kubernetes-group-version-kind'] ?? []).includes(JSON.stringify(gvk)));
      expect(schemas, r.kind).toHaveLength(1);
      expect(Object.keys(schemas[0].properties ?? {})).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
      const base = `/${gvPath(r)}/${r.namespaced ? 'namespaces/{namespace}/' : ''}${r.resource}`;
      const patch = doc.paths[`${base}/{name}`]?.patch;
      expect(patch?.['x-kubernetes-group-version-kind'], r.resource).toEqual(gvk);
      expect(patch?.parameters?.map((p) => p.name)).toContain('fieldValidation');
      expect(doc.paths[base]?.post?.parameters?.map((p) => p.name)).toContain('fieldValidation');
    }
  });

  it('carries the patch strategies and merge keys of src/api/patch/patchmeta.json', () => {
    const structs = patchmeta.structs as Record<string, Record<string, string | string[]>>;
    let checked = 0;
    const walk = (doc: Doc, struct: string, schema: Schema, seen: Set<string>) => {
      // Time, Quantity and the like have a JSON form of their own, not their Go fields.
      if (seen.has(struct) || !structs[struct] || !schema.properties) return;
      seen.add(struct);
      for (const [field, spec] of Object.entries(structs[struct])) {
        const prop = schema.properties?.[field];
        expect(prop, `${struct}.${field}`).toBeDefined();
        const [type, strategy = '', key = ''] = Array.isArray(spec) ? spec : [spec];
        expect([prop!['x-kubernetes-patch-strategy'] ?? '', prop!['x-kubernetes-patch-merge-key'] ?? ''], `${struct}.${field}`).toEqual([strategy, key]);
        if (strategy || key) checked++;
        const inner = type.replace(/^(\*|\[\]|\{\})+/, '');
        const next = target(doc, prop!);
        if (next && structs[inner]) walk(doc, inner, next, seen);
      }
    };
    for (const r of RESOURCES) {
      const doc = parse(gvPath(r));
      const key = (patchmeta.kinds as Record<string, string>)[`${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`];
      const schema = Object.values(doc.components.schemas).find((s) => JSON.stringify(s['x-kubernetes-group-version-kind'] ?? []) === JSON.stringify([{ group: r.group, kind: r.kind, version: r.version }]));
      walk(doc, key, schema!, new Set());
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('describes fields with the v1.32 text and enforces the defaults openapi-gen does', () => {
    const doc = parse('api/v1');
    const container = doc.components.schemas['io.k8s.api.core.v1.Container'];
    expect(container.required).toEqual(['name']);
    expect(container.properties!.name).toMatchObject({ default: '', type: 'string' });
    expect(container.properties!.resources).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ResourceRequirements' }], default: {} });
    expect(container.properties!.ports.items).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ContainerPort' }], default: {} });
    const spec = doc.components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(spec.properties!.containers.description).toBe(
      'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
    );
    // Paragraph breaks kept.
    expect(doc.components.schemas['io.k8s.api.core.v1.TopologySpreadConstraint'].properties!.matchLabelKeys.description).toContain('labelSelector.\n\nThis is a beta field');
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
  });

  it('kubectl v1.32.3 explains from them as from a real cluster', async () => {
    const kubectl = await kubectlBinary();
    const server = new CaptureServer();
    server.serve = (url) => {
      const path = url.replace(/\?.*/, '');
      const doc = path === '/openapi/v3' ? openapiV3Index() : path.startsWith('/openapi/v3/') ? openapiV3Document(url) : undefined;
      return doc ? [200, doc.body, doc.contentType] : undefined;
    };
    const url = await server.start();
    try {
      const containers = await runKubectl(kubectl, url, ['explain', 'pod.spec.containers']);
      expect(containers.stderr).toBe('');
      expect(containers.stdout).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <\[\]Container>\n/);
      expect(containers.stdout).toContain('DESCRIPTION:\n    List of containers belonging to the pod. Containers cannot currently be\n');
      expect(containers.stdout).toContain('    A single application container that you want to run within a pod.\n');
      expect(containers.stdout).toContain('\n  name\t<string> -required-\n');
      expect(containers.stdout).toContain('\n  resources\t<ResourceRequirements>\n');
      const deployment = await runKubectl(kubectl, url, ['explain', 'deployments.spec.strategy']);
      expect(deployment.stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n/);
      const port = await runKubectl(kubectl, url, ['explain', 'svc.spec.ports.targetPort']);
      expect(port.stdout).toContain('FIELD: targetPort <IntOrString>\n');
      const missing = await runKubectl(kubectl, url, ['explain', 'pod.spec.nope']);
      expect(missing).toMatchObject({ code: 1, stderr: 'error: field "nope" does not exist\n' });
      expect(server.requests.map((r) => r.url.replace(/\?.*/, ''))).toContain('/openapi/v3/api/v1');
      // apply's default validation finds fieldValidation on the PATCH and leaves checking to the server.
      const apply = await runKubectl(kubectl, url, ['apply', '-f', new URL('../../samples/perfect-guide/ch06/sample-deployment.yaml', import.meta.url).pathname]);
      expect(apply).toMatchObject({ code: 0, stdout: 'deployment.apps/sample-deployment created\n' });
      const post = server.requests.find((r) => r.method === 'POST');
      expect(post?.url).toMatch(/^\/apis\/apps\/v1\/namespaces\/default\/deployments\?.*fieldValidation=Strict/);
      expect(server.requests.some((r) => r.url.startsWith('/openapi/v2'))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
