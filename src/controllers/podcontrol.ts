// The controllers' pod control (controller.RealPodControl): pods built from a template, created
// through the API server with a SuccessfulCreate event, or refused with FailedCreate and the
// server's message, as an exhausted quota or the cluster's pod cap refuses them.

import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { KObject, PodObject } from '../api/types.js';
import { clone } from '../util/objects.js';
import { controllerRef } from './util.js';

const podInfo = resourceInfo('pods');

/** A pod created from a template, as the controllers' pod control builds it. */
export function podFromTemplate(owner: KObject, template: PodTemplateSpec, name: string): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...template.metadata?.labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: clone(template.spec),
  };
}

/** generateName: `<base>-` plus five random characters, retried on a clash. */
export function generatedName(api: ApiServer, namespace: string | undefined, base: string): string {
  for (;;) {
    const name = `${base.slice(0, 58)}${api.cluster.rand.suffix()}`;
    if (!api.find(podInfo, namespace, name)) return name;
  }
}

/**
 * Creates the pod; returns it, or the API server's refusal. The events are the pod control's:
 * `Created pod: <name>`, or a Warning `Error creating: <message>`.
 */
export function createPod(api: ApiServer, owner: KObject, pod: PodObject, component: string): PodObject | StatusError {
  try {
    const created = api.create(pod, podInfo);
    api.cluster.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, component);
    return created;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    api.cluster.event(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, component);
    return e;
  }
}
