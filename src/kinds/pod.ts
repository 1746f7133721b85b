// Pod: admission (the defaults and admission plugins of a v1.32 API server) and table columns.

import type { PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { forbidden, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { age } from '../util/duration.js';
import { deepEqual } from '../util/objects.js';
import { defaultPodSpec, validatePodSpec } from './podspec.js';
import type { Kind } from './kind.js';

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** What the ServiceAccount and DefaultTolerationSeconds admission plugins add to a new Pod (Priority's is apiserver/admission.ts). */
function admitPod(spec: PodSpec, cluster: Cluster): void {
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.tolerations ??= [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!spec.tolerations.some((t) => t.key === key)) {
      spec.tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
  if (spec.automountServiceAccountToken === false) return;
  spec.volumes ??= [];
  let vol = spec.volumes.find((v) => v.name.startsWith('kube-api-access-'));
  if (!vol) {
    vol = {
      name: `kube-api-access-${cluster.rand.suffix()}`,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    };
    spec.volumes.push(vol);
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    c.volumeMounts ??= [];
    if (!c.volumeMounts.some((m) => m.mountPath === SA_MOUNT_PATH)) {
      c.volumeMounts.push({ mountPath: SA_MOUNT_PATH, name: vol.name, readOnly: true });
    }
  }
}

/** The fields of a running Pod's spec that may change (ValidatePodUpdate). */
function validatePodUpdate(obj: PodObject, old: PodObject): FieldError[] {
  // Both went through defaulting, which needs a spec.
  const a = structuredClone(obj.spec!);
  const b = old.spec!;
  a.containers?.forEach((c, i) => b.containers[i] && (c.image = b.containers[i].image));
  a.initContainers?.forEach((c, i) => b.initContainers?.[i] && (c.image = b.initContainers[i].image));
  a.activeDeadlineSeconds = b.activeDeadlineSeconds;
  if ((b.tolerations ?? []).every((t) => a.tolerations?.some((x) => deepEqual(x, t)))) a.tolerations = b.tolerations;
  if (deepEqual(a, b)) return [];
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

// --- status as kubectl prints it ------------------------------------------------------------

export function podReady(p: PodObject): string {
  const total = p.spec?.containers.length ?? 0;
  const ready = (p.status?.containerStatuses ?? []).filter((s) => s.ready && s.state?.running).length;
  return `${ready}/${total}`;
}

/** printPod's STATUS column logic. */
export function podStatusReason(p: PodObject): string {
  const st: PodStatus = p.status ?? {};
  let reason = st.reason || st.phase || 'Pending';
  let initializing = false;
  const inits = st.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.terminated) {
      reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${p.spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (p.metadata.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function restarts(p: PodObject, now: number): string {
  let n = 0;
  let last: string | undefined;
  for (const c of p.status?.containerStatuses ?? []) {
    n += c.restartCount ?? 0;
    const f = c.lastState?.terminated?.finishedAt;
    if (f && (!last || f > last)) last = f;
  }
  return last ? `${n} (${age(last, now)} ago)` : String(n);
}

/**
 * SetDefaults_Pod: a container's limits stand for its requests where it names none (on Pods
 * only; a template keeps what it says).
 */
function defaultRequestsFromLimits(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits || typeof limits !== 'object') continue;
    const requests = (c.resources!.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!Object.hasOwn(requests, k)) requests[k] = v;
  }
}

/** GetPodQOS: Guaranteed when every container limits cpu and memory at its requests. */
export function qosClass(spec: PodSpec): string {
  const cs = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const has = (f: 'limits' | 'requests') => cs.some((c) => Object.keys(c.resources?.[f] ?? {}).length);
  if (!has('limits') && !has('requests')) return 'BestEffort';
  const guaranteed = cs.every((c) =>
    ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && String(c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) === String(c.resources?.limits?.[r])),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export const podKind: Kind<'pods'> = {
  info: resourceInfo('pods'),
  defaults(obj, cluster) {
    // A missing spec decodes as an empty one, which validation then reports.
    const spec = (obj.spec ??= {} as NonNullable<typeof obj.spec>);
    defaultRequestsFromLimits(spec);
    admitPod(spec, cluster);
    // PrepareForCreate: a new Pod starts Pending (an update keeps the status it had).
    obj.status ??= { phase: 'Pending', qosClass: qosClass(spec) };
  },
  validate(obj) {
    return validatePodSpec(obj.spec, 'spec');
  },
  prepareForUpdate(obj, old) {
    // The scheduler's and the admission plugins' additions are not the user's to drop. Both
    // went through defaulting, which needs a spec.
    const spec = obj.spec!;
    const was = old.spec!;
    spec.nodeName ??= was.nodeName;
    spec.hostname ??= was.hostname;
    spec.subdomain ??= was.subdomain;
  },
  validateUpdate: validatePodUpdate,
  columns: [
    { name: 'READY', cell: (o) => podReady(o) },
    { name: 'STATUS', cell: (o) => podStatusReason(o) },
    { name: 'RESTARTS', cell: (o, c) => restarts(o, c.now) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'IP', priority: 1, cell: (o) => o.status?.podIP || '<none>' },
    { name: 'NODE', priority: 1, cell: (o) => o.spec?.nodeName || '<none>' },
    { name: 'NOMINATED NODE', priority: 1, cell: (o) => o.status?.nominatedNodeName || '<none>' },
    {
      name: 'READINESS GATES',
      priority: 1,
      cell: (o) => {
        const gates = o.spec?.readinessGates ?? [];
        if (!gates.length) return '<none>';
        const conds = o.status?.conditions ?? [];
        const ok = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
        return `${ok}/${gates.length}`;
      },
    },
  ],
};
