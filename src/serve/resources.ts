// Requests for objects: the paths /api/v1/… and /apis/<group>/<version>/…, each answered through
// the same API server the CLI uses. Reads (here) look at the state file without a lock; each
// write (writes.ts) is one transaction (lock, decode, admit, store, settle, write), so kctl
// commands and requests interleave safely and a failed request changes nothing.

import { StatusError } from '../api/errors.js';
import { apiVersionOf, RESOURCES, type ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { ApiReader } from '../apiserver/reader.js';
import type { Commit } from './commit.js';
import type { StateAccess } from '../cluster/access.js';
import { inVersion, kindFor } from '../kinds/registry.js';
import { serverTable } from '../printers/table.js';
import type { Reply } from './http.js';

/** What a resource path names. */
export interface Target {
  info: ResourceInfo;
  /** Undefined: all namespaces (lists), or a cluster-scoped resource. */
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The version the path names when it is another than the stored one (autoscaling/v1). */
  apiVersion?: string;
}

export interface ResourceRequest {
  method: string;
  target: Target;
  query: URLSearchParams;
  accept?: string;
  contentType?: string;
  /** The User-Agent header: a write without a fieldManager is its first word's. */
  userAgent?: string;
  body(): Promise<Buffer>;
  /** The state file at this request's clock. */
  access: StateAccess;
  /** The server's bearer token (service account tokens are signed with a key derived from it). */
  serverToken: string;
  /** Runs a write in a transaction, after the writes before it (see commit.ts). */
  commit: Commit;
  /** The state file's changes as they happen, for watches. */
  changes?: import('../store/changefeed.js').ChangeFeed;
}

const NOT_FOUND = () => new StatusError('NotFound', 'the server could not find the requested resource');

/** The target of `segments` (the path after /api/v1 or /apis/<group>/<version>), or a 404. */
export function parseTarget(group: string, version: string, segments: string[]): Target {
  const gv = group ? `${group}/${version}` : version;
  const find = (resource: string) => RESOURCES.find((r) => r.group === group && r.resource === resource && (r.version === version || r.otherVersions?.includes(gv)));
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
  return { info, namespace, name, subresource, ...(info.version !== version ? { apiVersion: gv } : {}) };
}

/** The apiVersion a request reads and writes in: the one its path names. */
export function requestVersion(target: Target): string {
  return target.apiVersion ?? apiVersionOf(target.info);
}

/** A stored object (or a list of them) in the version the request names; anything else as it is. */
export function inRequestVersion<T>(target: Target, body: T): T {
  const { info, apiVersion } = target;
  const o = body as { kind?: unknown; items?: KObject[] } | undefined;
  if (!apiVersion || !o) return body;
  const convert = (obj: KObject) => inVersion(info, obj, apiVersion);
  if (o.kind === info.kind) return convert(body as KObject) as T;
  if (o.kind === `${info.kind}List`) return { ...o, apiVersion, items: o.items?.map(convert) } as T;
  return body;
}

/** Which of a Table's kinds the client accepts, if it asks for one. */
export function tableVersion(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = part.split(';').map((p) => p.trim());
    if (params.includes('as=Table') && params.includes('g=meta.k8s.io')) {
      if (params.includes('v=v1')) return 'v1';
      if (params.includes('v=v1beta1')) return 'v1beta1';
    }
  }
  return undefined;
}

/** `?watch=true` or `?watch=1`, as the API server reads the flag. */
function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === 'true' || w === '1';
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError('MethodNotAllowed', message);
}

/** The list's resourceVersion: the store's clock. */
function listMeta(access: { resourceVersion: number }): { resourceVersion: string } {
  return { resourceVersion: String(access.resourceVersion) };
}

/** A Table of objects, as meta.k8s.io/<version>; without its columnDefinitions for a watch's later events. */
export function tableOf(
  req: Pick<ResourceRequest, 'target' | 'query'>,
  objects: KObject[],
  version: string,
  cluster: Parameters<typeof serverTable>[2]['cluster'],
  resourceVersion: string,
  headers = true,
): object {
  const table = serverTable(kindFor(req.target.info), objects, { cluster, now: cluster.nowMs });
  const include = req.query.get('includeObject') ?? 'Metadata';
  const rowObject = (o: KObject) =>
    include === 'None' ? undefined : include === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: { resourceVersion },
    ...(headers ? { columnDefinitions: table.columnDefinitions } : {}),
    rows: table.rows.map((r) => ({ cells: r.cells, object: rowObject(r.object) })),
  };
}

export function tableContentType(version: string): string {
  return `application/json;as=Table;v=${version};g=meta.k8s.io`;
}

function asTable(req: ResourceRequest, objects: KObject[], version: string, cluster: Parameters<typeof serverTable>[2]['cluster']): Reply {
  return { contentType: tableContentType(version), body: tableOf(req, objects, version, cluster, listMeta(cluster.data).resourceVersion) };
}

async function read(req: ResourceRequest): Promise<Reply> {
  const { info, namespace, name, subresource } = req.target;
  const { query } = req;
  const cluster = await req.access.read();
  if (!name) {
    const objects = new ApiReader(cluster).list(info, {
      namespace,
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const table = tableVersion(req.accept);
    if (table) return asTable(req, objects, table, cluster);
    return { body: { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: listMeta(cluster.data), items: objects } };
  }
  if (subresource === 'log') return (await import('./streams/logs.js')).podLogReply(req.access, req.target, query, cluster);
  if (subresource === 'scale') {
    const [{ ApiServer }, { scaleObject }] = await Promise.all([import('../apiserver/server.js'), import('../apiserver/patch.js')]);
    return { body: scaleObject(new ApiServer(cluster), info, namespace, name) };
  }
  if (subresource && subresource !== 'status' && subresource !== 'ephemeralcontainers') throw notServed(info, subresource);
  const obj = new ApiReader(cluster).get(info, namespace, name);
  const table = tableVersion(req.accept);
  if (table && !subresource) return asTable(req, [obj], table, cluster);
  return { body: obj };
}

export function notServed(info: ResourceInfo, subresource: string): StatusError {
  return methodNotAllowed(`${info.resource}/${subresource} is not served by kctl serve yet`);
}

export async function handleResource(req: ResourceRequest): Promise<Reply> {
  if (req.method === 'GET' && isWatch(req.query) && (!req.target.subresource || req.target.subresource === 'status')) {
    const { watchReply } = await import('./watch.js');
    return watchReply(req);
  }
  let reply: Reply;
  if (req.method === 'GET' || req.method === 'HEAD') reply = await read(req);
  else reply = await (await import('./writes.js')).write(req);
  return reply.contentType || reply.body === undefined ? reply : { ...reply, body: inRequestVersion(req.target, reply.body) };
}

