// Writes to objects: POST (create, and pods/binding), PUT (replace, /scale, /status), PATCH (the
// three patch types, and server-side apply), DELETE (one object or a collection), each one
// transaction through the API server, with the request's field manager, field validation and
// dry run.

import { StatusError } from '../api/errors.js';
import { ALL_VERBS, apiVersionOf } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { loadOwnership, type DeletePropagation, type WriteOptions } from '../apiserver/server.js';
import { APPLY_PATCH, decodeApplyPatch, decodeObject, decodePatch, keyOrderOf, mediaType } from './body.js';
import type { Reply } from './http.js';
import { updateEphemeralContainers } from '../apiserver/ephemeral.js';
import type { PodObject } from '../api/types.js';
import { inVersion, kindFor } from '../kinds/registry.js';
import { methodNotAllowed, notServed, requestVersion, type ResourceRequest, type Target } from './resources.js';
import { scaleObject } from '../apiserver/patch.js';

function fieldValidationOf(query: URLSearchParams): WriteOptions['fieldValidation'] {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new StatusError('BadRequest', `fieldValidation parameter unsupported: ${JSON.stringify(v)}`);
}

/** managerOrUserAgent: the fieldManager parameter, else the User-Agent up to its first `/`. */
function fieldManagerOf(req: ResourceRequest): string {
  return req.query.get('fieldManager') || (req.userAgent ?? '').split('/')[0].slice(0, 128);
}

function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw new StatusError('BadRequest', `Invalid dryRun value: ${JSON.stringify(v)}; supported values: "All"`);
  return values.length > 0;
}

/** The object of a create or replace: typed from the URL when the body does not say, in the URL's namespace. */
function objectFor(req: ResourceRequest, body: Record<string, unknown>): KObject {
  const { info, namespace, name } = req.target;
  const obj = { apiVersion: requestVersion(req.target), kind: info.kind, ...body } as KObject;
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
function bodyKind(target: Target): { apiVersion: string; kind: string } {
  const { info, subresource } = target;
  const sub = info.subresources?.find((s) => s.name === subresource);
  if (sub?.kind) return { apiVersion: sub.groupVersion ?? apiVersionOf(info), kind: sub.kind };
  return { apiVersion: requestVersion(target), kind: info.kind };
}

/** An object given in another served version, in the stored one. */
function stored(target: Target, obj: KObject): KObject {
  return target.apiVersion ? (kindFor(target.info).convert?.(obj) ?? obj) : obj;
}

export async function write(req: ResourceRequest): Promise<Reply> {
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
  if (subresource === 'eviction' && method === 'POST') {
    const body = await decodeObject(req.contentType, await req.body(), { apiVersion: 'policy/v1', kind: 'Eviction' });
    if ((body.metadata as { name?: string } | undefined)?.name !== name) throw new StatusError('BadRequest', 'name in URL does not match name in Eviction object');
    const deleteDryRun = (body.deleteOptions as { dryRun?: string[] } | undefined)?.dryRun?.includes('All');
    const { evictPod, EVICTED } = await import('../apiserver/eviction.js');
    return transaction(req, !!deleteDryRun || dryRunOf(query), 201, (api) => (evictPod(api, namespace!, name!), EVICTED));
  }
  if (subresource === 'approval' && method === 'PUT' && info.resource === 'certificatesigningrequests') {
    const body = await decodeObject(req.contentType, await req.body(), bodyKind(target));
    const { updateApproval } = await import('../apiserver/approval.js');
    const conditions = (body.status as { conditions?: [] } | undefined)?.conditions;
    return transaction(req, dryRunOf(query), 200, (api) => updateApproval(api, name!, conditions));
  }
  if (subresource && !['status', 'scale', 'binding', 'ephemeralcontainers'].includes(subresource)) throw notServed(info, subresource);

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
    const opts = { fieldValidation: fieldValidationOf(query), keyOrder: keyOrderOf(body), fieldManager: fieldManagerOf(req) };
    await loadOwnership();
    return transaction(req, dryRunOf(query), 201, (api) => api.create(obj, info, opts));
  }
  if (method === 'PUT') {
    if (!name) throw methodNotAllowed('the server does not allow this method on the requested resource');
    allowed('update');
    const body = await decodeObject(req.contentType, await req.body(), bodyKind(target));
    const obj = objectFor(req, body);
    const opts = { fieldValidation: fieldValidationOf(query), keyOrder: keyOrderOf(body), fieldManager: subresource ? undefined : fieldManagerOf(req) };
    await loadOwnership();
    return transaction(req, dryRunOf(query), 200, (api) => {
      if (subresource === 'scale') return (api.updateScale(info, namespace, name, Number((obj.spec as { replicas?: number })?.replicas ?? 0), { fieldManager: fieldManagerOf(req) }), scaleObject(api, info, namespace, name));
      if (subresource === 'status') return api.updateStatus(info, api.get(info, namespace, name), { ...(stored(target, obj).status as object) });
      if (subresource === 'ephemeralcontainers') return updateEphemeralContainers(api, namespace!, name, obj as PodObject);
      return api.update(obj, info, opts);
    });
  }
  if (method === 'PATCH') {
    if (!name) throw methodNotAllowed('the server does not allow this method on the requested resource');
    allowed('patch');
    await loadOwnership();
    if (mediaType(req.contentType) === APPLY_PATCH && !subresource) return serverSideApply(req, await decodeApplyPatch(await req.body()));
    const { type, patch } = decodePatch(req.contentType, await req.body());
    const fieldValidation = fieldValidationOf(query);
    const fieldManager = fieldManagerOf(req);
    const { applyPatch } = await import('../apiserver/patch.js');
    return transaction(req, dryRunOf(query), 200, (api) => {
      if (subresource === 'scale') {
        const scale = scaleObject(api, info, namespace, name);
        // A Scale has no lists, so a strategic merge patch merges as a JSON merge patch does.
        const patched = applyPatch(scale, type === 'strategic' ? 'merge' : type, patch) as KObject & { spec?: { replicas?: number } };
        api.updateScale(info, namespace, name, Number(patched.spec?.replicas ?? 0), { fieldManager });
        return scaleObject(api, info, namespace, name);
      }
      if (subresource === 'status') {
        const live = api.get(info, namespace, name);
        return api.updateStatus(info, live, { ...(stored(target, applyPatch(inVersion(info, live, target.apiVersion), type, patch) as KObject).status as object) });
      }
      if (subresource === 'ephemeralcontainers') return updateEphemeralContainers(api, namespace!, name, applyPatch(api.get(info, namespace, name), type, patch) as PodObject);
      return api.patch(info, namespace, name, type, patch, { fieldValidation, fieldManager, apiVersion: target.apiVersion });
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

/** PATCH application/apply-patch+yaml: 201 when it made the object, 200 when it changed it. */
async function serverSideApply(req: ResourceRequest, config: Record<string, unknown>): Promise<Reply> {
  const { info, namespace, name } = req.target;
  const manager = req.query.get('fieldManager');
  if (!manager) {
    const cause = { type: 'Required value' as const, field: 'fieldManager', detail: 'is required for apply patch' };
    throw new StatusError('Invalid', `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`, { kind: 'PatchOptions', group: 'meta.k8s.io', name: '', causes: [cause] });
  }
  const force = req.query.get('force') === 'true';
  const obj = objectFor(req, config);
  return req.commit(
    (api) => {
      const existed = !!api.find(info, namespace, name!);
      const body = api.apply(info, namespace, name!, obj, { fieldManager: manager, force, apiVersion: req.target.apiVersion });
      return { status: existed ? 200 : 201, body, warnings: api.warnings };
    },
    { dryRun: dryRunOf(req.query) },
  );
}

/** One write as one transaction, with the warnings it raised. */
async function transaction(req: ResourceRequest, dryRun: boolean, status: number, fn: (api: import('../apiserver/server.js').ApiServer) => unknown): Promise<Reply> {
  return req.commit(
    (api) => {
      const body = fn(api);
      return { status, body, warnings: api.warnings };
    },
    { dryRun },
  );
}

