// Requests for objects: the paths /api/v1/… and /apis/<group>/<version>/…, each answered through
// the same API server the CLI uses. Reads look at the state file without a lock; each write is
// one transaction (lock, decode, admit, store, settle, write), so kctl commands and requests
// interleave safely and a failed request changes nothing.

import { StatusError } from '../api/errors.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { ALL_VERBS, apiVersionOf, RESOURCES, type ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { ApiReader } from '../apiserver/reader.js';
import type { DeletePropagation, WriteOptions } from '../apiserver/server.js';
import type { StateAccess } from '../cluster/access.js';
import { kindFor } from '../kinds/registry.js';
import { serverTable } from '../printers/table.js';
import { decodeObject, decodePatch, keyOrderOf } from './body.js';
import type { Reply } from './http.js';

/** What a resource path names. */
export interface Target {
  info: ResourceInfo;
  /** Undefined: all namespaces (lists), or a cluster-scoped resource. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface ResourceRequest {
  method: string;
  target: Target;
  query: URLSearchParams;
  accept?: string;
  contentType?: string;
  body(): Promise<Buffer>;
  /** The state file at this request's clock. */
  access: StateAccess;
  /** The server's bearer token (service account tokens are signed with a key derived from it). */
  serverToken: string;
  /** Runs a write after the writes before it (one process, one writer at a time). */
  serialize<T>(fn: () => Promise<T>): Promise<T>;
}

const NOT_FOUND = () => new StatusError('NotFound', 'the server could not find the requested resource');

/** The target of `segments` (the path after /api/v1 or /apis/<group>/<version>), or a 404. */
export function parseTarget(group: string, version: string, segments: string[]): Target {
  const find = (resource: string) => RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
  let namespace: string | undefined;
  let rest = segments;
  // /namespaces/<ns>/<resource>/…, unless it is the namespace itself or one of its subresources.
  if (segments[0] === 'namespaces' && segments.length >= 3 && find(segments[2])?.namespaced) {
    namespace = segments[1];
    rest = segments.slice(2);
  }
  const info = find(rest[0] ?? '');
  if (!info || rest.length > 3 || rest.some((s) => s === '')) throw NOT_FOUND();
  const [, name, subresource] = rest;
  if (subresource && !info.subresources?.some((s) => s.name === subresource)) throw NOT_FOUND();
  // A namespaced object is reached through its namespace; only lists span them all.
  if (info.namespaced && name && namespace === undefined) throw NOT_FOUND();
  return { info, namespace, name, subresource };
}

/** Which of a Table's kinds the client accepts, if it asks for one. */
function tableVersion(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = part.split(';').map((p) => p.trim());
    if (params.includes('as=Table') && params.includes('g=meta.k8s.io')) {
      if (params.includes('v=v1')) return 'v1';
      if (params.includes('v=v1beta1')) return 'v1beta1';
    }
  }
  return undefined;
}

function methodNotAllowed(message: string): StatusError {
  return new StatusError('MethodNotAllowed', message);
}

function fieldValidationOf(query: URLSearchParams): WriteOptions['fieldValidation'] {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new StatusError('BadRequest', `fieldValidation parameter unsupported: ${JSON.stringify(v)}`);
}

function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw new StatusError('BadRequest', `Invalid dryRun value: ${JSON.stringify(v)}; supported values: "All"`);
  return values.length > 0;
}

/** The list's resourceVersion: the store's clock. */
function listMeta(access: { resourceVersion: number }): { resourceVersion: string } {
  return { resourceVersion: String(access.resourceVersion) };
}

function asTable(req: ResourceRequest, objects: KObject[], version: string, cluster: Parameters<typeof serverTable>[2]['cluster']): Reply {
  const table = serverTable(kindFor(req.target.info), objects, { cluster, now: cluster.nowMs });
  const include = req.query.get('includeObject') ?? 'Metadata';
  const rowObject = (o: KObject) =>
    include === 'None' ? undefined : include === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
  return {
    contentType: `application/json;as=Table;v=${version};g=meta.k8s.io`,
    body: {
      kind: 'Table',
      apiVersion: `meta.k8s.io/${version}`,
      metadata: listMeta(cluster.data),
      columnDefinitions: table.columnDefinitions,
      rows: table.rows.map((r) => ({ cells: r.cells, object: rowObject(r.object) })),
    },
  };
}

async function read(req: ResourceRequest): Promise<Reply> {
  const { info, namespace, name, subresource } = req.target;
  const { query } = req;
  const cluster = await req.access.read();
  if (!name) {
    const watch = query.get('watch');
    if (watch === 'true' || watch === '1') throw methodNotAllowed('watch is not supported by kctl serve yet');
    const objects = new ApiReader(cluster).list(info, {
      namespace,
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const table = tableVersion(req.accept);
    if (table) return asTable(req, objects, table, cluster);
    return { body: { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: listMeta(cluster.data), items: objects } };
  }
  if (subresource === 'log') return { text: await podLog(req, cluster) };
  if (subresource === 'scale') {
    const { ApiServer } = await import('../apiserver/server.js');
    return { body: scaleOf(new ApiServer(cluster), info, namespace, name) };
  }
  if (subresource && subresource !== 'status') throw notServed(info, subresource);
  const obj = new ApiReader(cluster).get(info, namespace, name);
  const table = tableVersion(req.accept);
  if (table && !subresource) return asTable(req, [obj], table, cluster);
  return { body: obj };
}

function notServed(info: ResourceInfo, subresource: string): StatusError {
  return methodNotAllowed(`${info.resource}/${subresource} is not served by kctl serve yet`);
}

async function podLog(req: ResourceRequest, cluster: Awaited<ReturnType<StateAccess['read']>>): Promise<string> {
  const { namespace, name } = req.target;
  const { query } = req;
  const [{ kubeletConnection }] = await Promise.all([import('../kubelet/logs.js')]);
  const api = new ApiReader(cluster, kubeletConnection(cluster, req.access.env));
  const pod = api.get(req.target.info, namespace, name!) as KObject & { spec?: { containers?: { name: string }[] } };
  let container = query.get('container') ?? undefined;
  if (!container) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length !== 1) {
      throw new StatusError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
    }
    container = containers[0].name;
  }
  const number = (key: string) => (query.get(key) === null ? undefined : Number(query.get(key)));
  const since = number('sinceSeconds');
  const entries = api.log(namespace!, name!, {
    container,
    previous: query.get('previous') === 'true',
    sinceMs: since === undefined ? undefined : since * 1000,
    tailLines: number('tailLines'),
  });
  const timestamps = query.get('timestamps') === 'true';
  return entries.map((e) => `${timestamps ? `${e.time} ` : ''}${e.text}`).join('');
}

/** autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet. */
function scaleOf(api: import('../apiserver/server.js').ApiServer, info: ResourceInfo, namespace: string | undefined, name: string): object {
  const s = api.getScale(info, namespace, name);
  const obj = api.get(info, namespace, name) as KObject & { spec?: { selector?: Parameters<typeof formatLabelSelector>[0] } };
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: s.replicas },
    status: { replicas: s.current, selector: formatLabelSelector(obj.spec?.selector) },
  };
}

/** The object of a create or replace: typed from the URL when the body does not say, in the URL's namespace. */
function objectFor(req: ResourceRequest, body: Record<string, unknown>): KObject {
  const { info, namespace, name } = req.target;
  const obj = { apiVersion: apiVersionOf(info), kind: info.kind, ...body } as KObject;
  obj.metadata = { ...((body.metadata as object) ?? {}) } as KObject['metadata'];
  if (info.namespaced) {
    const ns = obj.metadata.namespace;
    if (ns && ns !== namespace) throw new StatusError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    obj.metadata.namespace = namespace;
  }
  if (name !== undefined && obj.metadata.name !== name) {
    throw new StatusError('BadRequest', `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
  }
  return obj;
}

/** DeleteOptions from the body (kubectl sends one) or the query. */
async function propagationOf(req: ResourceRequest): Promise<{ propagation: DeletePropagation; dryRun: boolean }> {
  const bytes = await req.body();
  const opts = bytes.length ? await decodeObject(req.contentType, bytes, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' }) : {};
  const policy = (opts.propagationPolicy as string | undefined) ?? req.query.get('propagationPolicy') ?? 'Background';
  const map: Record<string, DeletePropagation> = { Background: 'background', Foreground: 'foreground', Orphan: 'orphan' };
  if (!map[policy]) throw new StatusError('BadRequest', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  const bodyDryRun = Array.isArray(opts.dryRun) && opts.dryRun.includes('All');
  return { propagation: map[policy], dryRun: bodyDryRun || dryRunOf(req.query) };
}

/** What the API server decodes a create or update body into: the URL's kind, or its subresource's. */
function bodyKind({ info, subresource }: Target): { apiVersion: string; kind: string } {
  const sub = info.subresources?.find((s) => s.name === subresource);
  if (sub?.kind) return { apiVersion: sub.groupVersion ?? apiVersionOf(info), kind: sub.kind };
  return { apiVersion: apiVersionOf(info), kind: info.kind };
}

async function write(req: ResourceRequest): Promise<Reply> {
  const { method, target, query } = req;
  const { info, namespace, name, subresource } = target;
  const verbs = info.verbs ?? ALL_VERBS;
  const allowed = (verb: string) => {
    if (!verbs.includes(verb)) throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  };
  if (subresource === 'token' && method === 'POST') {
    const { tokenRequest } = await import('./reviews.js');
    return tokenRequest(req.access, req.serverToken, namespace!, name!, req.contentType, await req.body());
  }
  if (subresource && !['status', 'scale', 'binding'].includes(subresource)) throw notServed(info, subresource);

  if (method === 'POST') {
    if (name && subresource !== 'binding') throw methodNotAllowed('the server does not allow this method on the requested resource');
    if (subresource === 'binding') {
      const body = await decodeObject(req.contentType, await req.body(), { apiVersion: 'v1', kind: 'Binding' });
      const node = (body.target as { name?: string } | undefined)?.name;
      if (!node) throw new StatusError('BadRequest', 'Binding.target.name is required');
      return transaction(req, false, 201, (api) => {
        const pod = api.get(info, namespace, name!) as import('../api/types.js').PodObject;
        api.bind(pod, node);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
      });
    }
    allowed('create');
    const body = await decodeObject(req.contentType, await req.body(), bodyKind(target));
    const obj = objectFor(req, body);
    const opts = { fieldValidation: fieldValidationOf(query), keyOrder: keyOrderOf(body) };
    return transaction(req, dryRunOf(query), 201, (api) => api.create(obj, info, opts));
  }
  if (method === 'PUT') {
    if (!name) throw methodNotAllowed('the server does not allow this method on the requested resource');
    allowed('update');
    const body = await decodeObject(req.contentType, await req.body(), bodyKind(target));
    const obj = objectFor(req, body);
    const opts = { fieldValidation: fieldValidationOf(query), keyOrder: keyOrderOf(body) };
    return transaction(req, dryRunOf(query), 200, (api) => {
      if (subresource === 'scale') return (api.updateScale(info, namespace, name, Number((obj.spec as { replicas?: number })?.replicas ?? 0)), scaleOf(api, info, namespace, name));
      if (subresource === 'status') return api.updateStatus(info, api.get(info, namespace, name), { ...(obj.status as object) });
      return api.update(obj, info, opts);
    });
  }
  if (method === 'PATCH') {
    if (!name) throw methodNotAllowed('the server does not allow this method on the requested resource');
    allowed('patch');
    const { type, patch } = decodePatch(req.contentType, await req.body());
    const fieldValidation = fieldValidationOf(query);
    const { applyPatch } = await import('../apiserver/patch.js');
    return transaction(req, dryRunOf(query), 200, (api) => {
      if (subresource === 'scale') {
        const scale = scaleOf(api, info, namespace, name) as KObject;
        // A Scale has no lists, so a strategic merge patch merges as a JSON merge patch does.
        const patched = applyPatch(scale, type === 'strategic' ? 'merge' : type, patch) as KObject & { spec?: { replicas?: number } };
        api.updateScale(info, namespace, name, Number(patched.spec?.replicas ?? 0));
        return scaleOf(api, info, namespace, name);
      }
      if (subresource === 'status') {
        const live = api.get(info, namespace, name);
        return api.updateStatus(info, live, { ...(applyPatch(live, type, patch).status as object) });
      }
      return api.patch(info, namespace, name, type, patch, { fieldValidation });
    });
  }
  if (method === 'DELETE') {
    const { propagation, dryRun } = await propagationOf(req);
    if (!name) {
      allowed('deletecollection');
      return transaction(req, dryRun, 200, (api) => {
        const items = api.list(info, { namespace, labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined });
        for (const o of items) api.delete(info, o.metadata.namespace, o.metadata.name, propagation);
        return { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: {}, items };
      });
    }
    allowed('delete');
    return transaction(req, dryRun, 200, (api) => {
      const gone = api.delete(info, namespace, name, propagation);
      return {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, ...(info.group ? { group: info.group } : {}), kind: info.resource, uid: gone.metadata.uid },
      };
    });
  }
  throw methodNotAllowed('the server does not allow this method on the requested resource');
}

/** One write as one transaction, with the warnings it raised. */
async function transaction(req: ResourceRequest, dryRun: boolean, status: number, fn: (api: import('../apiserver/server.js').ApiServer) => unknown): Promise<Reply> {
  return req.serialize(() =>
    req.access.change(
      (api) => {
        const body = fn(api);
        return { status, body, warnings: api.warnings };
      },
      { dryRun },
    ),
  );
}

export async function handleResource(req: ResourceRequest): Promise<Reply> {
  if (req.method === 'GET' || req.method === 'HEAD') return read(req);
  return write(req);
}

