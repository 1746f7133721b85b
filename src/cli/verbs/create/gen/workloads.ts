// The workloads `kctl create` builds: deployment, job (also from a CronJob), cronjob.

import type { KObject } from '../../../../api/types.js';
import type { Random } from '../../../../util/random.js';
import { generatedMeta } from './meta.js';

/** The container name `create deployment` derives from an image: last path part, no tag or digest. */
function containerName(image: string, rand: Random): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0].split('@')[0];
  // sanitizeAndUniquify: DNS-1123 needs '-' for '_' and '.', and a random suffix keeps names apart.
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${rand.suffix()}`;
  return name;
}

export function deployment(name: string, namespace: string | undefined, o: { images: string[]; replicas: number; port?: number; command: string[] }, rand: Random): KObject {
  const labels = { app: name };
  const containers = o.images.map((image, i) => ({
    name: containerName(image, rand),
    // An empty list entry (`--image=a,,b`) is a container without an image, as Go omits it.
    ...(image ? { image } : {}),
    ...(o.command.length ? { command: o.command } : {}),
    ...(i === 0 && o.port !== undefined ? { ports: [{ containerPort: o.port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: generatedMeta(name, namespace, labels),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

/** The pod template of create job and create cronjob: one container named after the object. */
function podTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  const container = { name, ...(image ? { image } : {}), ...(command.length ? { command } : {}), resources: {} };
  return { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy } };
}

export function job(name: string, namespace: string | undefined, image: string, command: string[]): KObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(name, namespace),
    spec: { template: podTemplate(name, image, command, 'Never') },
    status: {},
  };
}

/** create job --from=cronjob/x: the CronJob's job template, owned by it, marked as a manual run. */
export function jobFromCronJob(name: string, namespace: string | undefined, cronJob: KObject): KObject {
  const template = (cronJob.spec as { jobTemplate?: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } }).jobTemplate ?? {};
  const tmeta = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...tmeta.annotations };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      ...generatedMeta(name, namespace, tmeta.labels, annotations),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid ?? '', controller: true }],
    },
    spec: template.spec ?? {},
    status: {},
  };
}

export function cronJob(name: string, namespace: string | undefined, o: { image: string; schedule: string; restart: string; command: string[] }): KObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(name, namespace),
    spec: {
      schedule: o.schedule,
      jobTemplate: { metadata: { name, creationTimestamp: null }, spec: { template: podTemplate(name, o.image, o.command, o.restart) } },
    },
    status: {},
  };
}
