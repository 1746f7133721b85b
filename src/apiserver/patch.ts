// A PATCH request's body applied to the live object, by its content type: a strategic merge patch
// (kubectl apply and kubectl patch's default, merging lists by the v1.32 types' merge keys), a
// JSON merge patch (RFC 7386) or a JSON patch (RFC 6902). The result then goes through update.

import { StatusError } from '../api/errors.js';
import { applyJsonPatch, JsonPatchError, jsonMergePatch, PatchError, patchMetaFor, strategicMergePatch, type JsonObject } from '../api/patch/index.js';
import type { KObject } from '../api/types.js';

export type PatchType = 'strategic' | 'merge' | 'json';

/** The object the patch makes of `live`, or a BadRequest (422 for a JSON patch that does not apply) worded as the API server words it. */
export function applyPatch(live: KObject, type: PatchType, patch: unknown): KObject {
  try {
    if (type === 'json') return applyJsonPatch(live as unknown as JsonObject, patch) as unknown as KObject;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}');
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
