// patches, patchesStrategicMerge and patchesJson6902: strategic merge and JSON patches (the
// API's own implementations), applied to the resources a target selects or a patch names.

import { applyJsonPatch, patchMetaFor, strategicMergePatch, type JsonObject } from '../api/patch/index.js';
import { parseLabelSelectorText } from './selector.js';
import { groupOf, KustomizeError, versionOf, type Obj, type Resource } from './types.js';

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

const anchored = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

function selects(t: Target, r: Resource): boolean {
  const o = r.obj;
  if (t.group !== undefined && !anchored(t.group, groupOf(o.apiVersion))) return false;
  if (t.version !== undefined && !anchored(t.version, versionOf(o.apiVersion))) return false;
  if (t.kind !== undefined && !anchored(t.kind, String(o.kind))) return false;
  if (t.name !== undefined && !anchored(t.name, String(o.metadata?.name ?? '')) && !anchored(t.name, r.origName)) return false;
  if (t.namespace !== undefined && !anchored(t.namespace, String(o.metadata?.namespace ?? ''))) return false;
  if (t.labelSelector && !parseLabelSelectorText(t.labelSelector)(o.metadata?.labels ?? {})) return false;
  if (t.annotationSelector && !parseLabelSelectorText(t.annotationSelector)(o.metadata?.annotations ?? {})) return false;
  return true;
}

function smp(r: Resource, patch: Obj): void {
  const meta = patchMetaFor(String(r.obj.apiVersion), String(r.obj.kind));
  const { metadata, ...rest } = patch;
  // The patch's name and namespace only pick the target; its other metadata is merged.
  const { name: _n, namespace: _ns, ...metaRest } = metadata ?? {};
  const body = { ...rest, ...(Object.keys(metaRest).length ? { metadata: metaRest } : {}) } as JsonObject;
  const name = r.obj.metadata?.name;
  r.obj = strategicMergePatch(r.obj as JsonObject, body, meta) as Obj;
  r.obj.metadata = { ...r.obj.metadata, name };
}

/** A patch document: a JSON patch when it is a list, else a strategic merge patch. */
export function applyPatch(resources: Resource[], patch: unknown, target: Target | undefined, source: string): void {
  if (Array.isArray(patch)) {
    if (!target) throw new KustomizeError(`unable to apply JSON patch ${source}: no target given`);
    for (const r of resources.filter((x) => selects(target, x))) r.obj = applyJsonPatch(r.obj as JsonObject, patch) as Obj;
    return;
  }
  const p = patch as Obj;
  if (target) {
    for (const r of resources.filter((x) => selects(target, x))) smp(r, p);
    return;
  }
  const matched = resources.filter((x) => x.obj.kind === p.kind && (x.origName === p.metadata?.name || x.obj.metadata?.name === p.metadata?.name));
  if (!matched.length) {
    throw new KustomizeError(`no resource matches strategic merge patch "${p.kind}.${versionOf(p.apiVersion)}.${groupOf(p.apiVersion) ? groupOf(p.apiVersion) + '/' : ''}${p.metadata?.name}.[noNs]": no matches for Id ${p.kind}.${versionOf(p.apiVersion)}.${groupOf(p.apiVersion)}/${p.metadata?.name}.[noNs]; failed to find unique target for patch ${p.kind}.${versionOf(p.apiVersion)}.${groupOf(p.apiVersion)}/${p.metadata?.name}.[noNs]`);
  }
  for (const r of matched) smp(r, p);
}
