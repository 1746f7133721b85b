// pods/ephemeralcontainers: the one way to change spec.ephemeralContainers of a pod. The update
// keeps everything of the stored pod but its ephemeral containers (dropNonEphemeralContainerUpdates),
// which may only be added to: existing ones may neither change nor go
// (ValidatePodEphemeralContainersUpdate), and new ones are checked as the API server checks them.

import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';
import { conflict, duplicate, forbidden, invalid, invalidObject, required, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { PodObject } from '../api/types.js';
import { dns1123Label } from '../api/validation.js';
import { defaultContainer } from '../kinds/podspec.js';
import type { ApiServer } from './server.js';
import { deepEqual } from '../util/objects.js';

/** What an ephemeral container may not have (validateEphemeralContainers). */
const NOT_ALLOWED = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resizePolicy', 'restartPolicy'] as const;

function validate(pod: PodObject, next: EphemeralContainer[]): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec!;
  const names = new Set([...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name));
  const others = new Set(names);
  next.forEach((c, i) => {
    const p = `spec.ephemeralContainers[${i}]`;
    if (!c.name) errs.push(required(`${p}.name`));
    else {
      for (const m of dns1123Label(c.name)) errs.push(invalid(`${p}.name`, c.name, m));
      if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image) errs.push(required(`${p}.image`));
    for (const field of NOT_ALLOWED) if ((c as unknown as Record<string, unknown>)[field] !== undefined) errs.push(forbidden(`${p}.${field}`, 'cannot be set for an Ephemeral Container'));
    if (Object.keys(c.resources ?? {}).length) errs.push(forbidden(`${p}.resources`, 'cannot be set for an Ephemeral Container'));
    if (c.targetContainerName && !others.has(c.targetContainerName)) errs.push({ type: 'Not found', field: `${p}.targetContainerName`, value: `"${c.targetContainerName}"` });
  });
  const byName = new Map(next.map((c) => [c.name, c]));
  for (const old of spec.ephemeralContainers ?? []) {
    const now = byName.get(old.name);
    if (!now) errs.push(forbidden('spec.ephemeralContainers', `existing ephemeral containers "${old.name}" may not be removed\n`));
    else if (!deepEqual(old, now)) errs.push(forbidden(`spec.ephemeralContainers[${old.name}]`, `existing ephemeral containers "${old.name}" may not be changed\n`));
  }
  return errs;
}

/**
 * Stores `wanted` (the request's pod) as the new ephemeral containers of the stored pod; its
 * resourceVersion, when given, must be the stored one.
 */
export function updateEphemeralContainers(api: ApiServer, namespace: string, name: string, wanted: PodObject): PodObject {
  const live = api.get(resourceInfo('pods'), namespace, name) as PodObject;
  const rv = wanted.metadata?.resourceVersion;
  if (rv && rv !== live.metadata.resourceVersion) throw conflict('pods', name);
  if (live.metadata.annotations?.['kubernetes.io/config.mirror']) throw invalidObject('Pod', name, [forbidden('', 'static pods do not support ephemeral containers')]);
  const next = structuredClone(wanted.spec?.ephemeralContainers ?? []);
  for (const c of next) defaultContainer(c as Container);
  const errs = validate(live, next);
  if (errs.length) throw invalidObject('Pod', name, errs);
  if (deepEqual(live.spec?.ephemeralContainers ?? [], next)) return live;
  const spec = { ...live.spec!, ephemeralContainers: next };
  if (!next.length) delete (spec as { ephemeralContainers?: unknown }).ephemeralContainers;
  return api.cluster.store.put('pods', { ...live, spec }) as PodObject;
}
