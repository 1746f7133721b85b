// A PATCH request's body applied to the live object, by its content type: a strategic merge patch
// (kubectl apply and kubectl patch's default, merging lists by the v1.32 types' merge keys), a
// JSON merge patch (RFC 7386) or a JSON patch (RFC 6902). The result then goes through update.
// Patches through the scale and status subresources are here too.

import { StatusError } from '../api/errors.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { applyJsonPatch, JsonPatchError, jsonMergePatch, PatchError, patchMetaFor, strategicMergePatch, type JsonObject } from '../api/patch/index.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { ApiServer, WriteOptions } from './server.js';

export type PatchType = 'strategic' | 'merge' | 'json';

/** encoding/json's name for the JSON type a patch body decoded to. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** The object the patch makes of `live`, or a BadRequest (422 for a JSON patch that does not apply) worded as the API server words it. */
export function applyPatch(live: KObject, type: PatchType, patch: unknown): KObject {
  try {
    if (type === 'json') return applyJsonPatch(live as unknown as JsonObject, patch) as unknown as KObject;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new PatchError(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
    if (type === 'merge') return jsonMergePatch(live as unknown as JsonObject, patch as JsonObject) as unknown as KObject;
    return strategicMergePatch(live as unknown as JsonObject, patch as JsonObject, patchMetaFor(live.apiVersion, live.kind)) as unknown as KObject;
  } catch (e) {
    // A JSON patch that decodes but does not apply: the API server's 422 without a kind or field.
    if (e instanceof JsonPatchError && e.status === 422) {
      throw new StatusError('Invalid', 'the server rejected our request due to an error in our request', { serverCauses: [{ reason: 'UnexpectedServerResponse', message: e.message }] });
    }
    if (e instanceof PatchError) throw new StatusError('BadRequest', e.message);
    throw e;
  }
}

/** autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet, as the scale subresource reads it. */
export function scaleObject(api: ApiServer, info: ResourceInfo, namespace: string | undefined, name: string): KObject {
  const s = api.getScale(info, namespace, name);
  const obj = api.get(info, namespace, name) as KObject & { spec?: { selector?: Parameters<typeof formatLabelSelector>[0] } };
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: s.replicas },
    status: { replicas: s.current, selector: formatLabelSelector(obj.spec?.selector) },
  } as KObject;
}

/**
 * PATCH on an object or its scale or status subresource; returns what the server answers with
 * (the Scale for scale). The subresources kctl does not serve are NotFound, as a v1.32 server
 * answers for one a resource does not have.
 */
export function patchResource(api: ApiServer, info: ResourceInfo, namespace: string | undefined, name: string, subresource: string | undefined, type: PatchType, patch: unknown, opts: WriteOptions = {}): KObject {
  if (!subresource) return api.patch(info, namespace, name, type, patch, opts);
  checkSubresource(info, subresource);
  if (subresource === 'scale') {
    const scale = scaleObject(api, info, namespace, name);
    // A Scale has no lists, so a strategic merge patch merges as a JSON merge patch does.
    const patched = applyPatch(scale, type === 'strategic' ? 'merge' : type, patch) as KObject & { spec?: { replicas?: number } };
    api.updateScale(info, namespace, name, Number(patched.spec?.replicas ?? 0), { fieldManager: opts.fieldManager });
    return scaleObject(api, info, namespace, name);
  }
  const live = api.get(info, namespace, name);
  return api.updateStatus(info, live, { ...(applyPatch(live, type, patch).status as object) });
}

/** A subresource kctl does not serve, or the resource does not have, is a NotFound before anything is read. */
export function checkSubresource(info: ResourceInfo, subresource: string): void {
  if ((subresource !== 'scale' && subresource !== 'status') || !info.subresources?.some((s) => s.name === subresource)) {
    throw new StatusError('NotFound', 'the server could not find the requested resource');
  }
}
