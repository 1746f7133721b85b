// The status side of ingress-nginx: each Ingress a running controller serves gets the
// controller's address in status.loadBalancer.ingress and a `Sync` event ("Scheduled for sync")
// whenever the controller sees it change, with the same line in the controller pod's log. It
// also lets the built-in add-on make way when an ingress-nginx is installed from a manifest.

import type { IngressLoadBalancerIngress } from 'kubernetes-types/networking/v1';
import { isIP } from '../util/ip.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { ObjectOf, PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { BUILTIN_OBJECTS } from '../cluster/addons/ingress-nginx.js';
import { ingressAnnotations, PREFIX } from '../networking/ingress/annotations.js';
import { claims, controllerAddresses, findControllers, isControllerImage, type IngressNginx } from '../networking/ingress/controllers.js';
import { unsupportedRegex } from '../networking/ingress/pcre.js';
import { controllerSettings } from '../networking/ingress/settings.js';
import { parseSnippet } from '../networking/ingress/snippet.js';
import { appendLog, logTime } from '../store/containerlogs.js';
import { deepEqual, ownOrSet } from '../util/objects.js';

const COMPONENT = 'nginx-ingress-controller';
const NS = 'ingress-nginx';

type EventObject = ObjectOf<'events'>;
type IngressObject = ObjectOf<'ingresses'>;

/** klog's header: `I1123 04:47:35.123456       7 file.go:42] `. */
function klog(level: 'I' | 'W', ms: number, source: string, message: string): string {
  const iso = new Date(ms).toISOString();
  return `${level}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000       7 ${source}] ${message}`;
}

function controllerLog(cluster: Cluster, ctrl: IngressNginx, lines: string[]): void {
  const pod: PodObject = ctrl.pods[0];
  const container = pod.spec?.containers.find((c) => isControllerImage(c.image));
  if (!container || !lines.length) return;
  const byName = (cluster.data.containers[pod.metadata.uid!] ??= {});
  const state = ownOrSet(byName, container.name, () => ({ fs: {}, log: [] }));
  // Nanoseconds from the store's logical clock keep the lines in order under a fixed clock.
  lines.forEach((l, i) => appendLog(state, logTime(cluster.nowMs, (cluster.store.resourceVersion * 16 + i) % 1e6), `${l}\n`));
}

/** What the controller would complain about in this Ingress: what kctl does not act on. */
function warnings(ing: IngressObject, ctrl: IngressNginx, cluster: Cluster): string[] {
  const key = `${ing.metadata.namespace}/${ing.metadata.name}`;
  const a = ingressAnnotations(ing);
  const out = a.unsupported.map((k) => `${key}: annotation ${k} is not simulated by kctl and has no effect`);
  if (a.useRegex) {
    for (const p of ing.spec?.rules?.flatMap((r) => r.http?.paths ?? []) ?? []) {
      const why = p.path && p.pathType !== 'Exact' ? unsupportedRegex(`^${p.path}`) : undefined;
      if (why) out.push(`${key}: path "${p.path}" is a regex kctl does not simulate (${why}); it never matches`);
    }
  }
  const snippets: [string, string | undefined][] = [['server-snippet', a.serverSnippet], ['configuration-snippet', a.configurationSnippet]];
  for (const [name, text] of snippets) {
    if (text === undefined) continue;
    if (!controllerSettings(ctrl, cluster).allowSnippets) {
      out.push(`${key}: ${PREFIX}${name} annotation cannot be used. Snippet directives are disabled by the Ingress administrator`);
      continue;
    }
    for (const issue of parseSnippet(text).issues) out.push(`${key}: ${PREFIX}${name}: ${issue}`);
  }
  return out;
}

const isSync = (e: EventObject) => e.reason === 'Sync' && e.source?.component === COMPONENT;

/** The Sync events of the controller by Ingress uid; each records the resourceVersion it was for. */
function syncEvents(cluster: Cluster): Map<string | undefined, EventObject> {
  // listEvents hands out KObject; what it lists are Events.
  const events = cluster.listEvents() as EventObject[];
  return new Map(events.filter(isSync).map((e) => [e.involvedObject.uid, e]));
}

/** "Scheduled for sync" once per version of the Ingress the controller has seen. */
function sync(cluster: Cluster, ctrl: IngressNginx, ing: IngressObject, seen: Map<string | undefined, EventObject>): void {
  const rv = ing.metadata.resourceVersion;
  if (seen.get(ing.metadata.uid)?.involvedObject.resourceVersion === rv) return;
  cluster.event(ing, 'Normal', 'Sync', 'Scheduled for sync', COMPONENT, true);
  const ref = `v1.ObjectReference{Kind:"Ingress", Namespace:"${ing.metadata.namespace}", Name:"${ing.metadata.name}", UID:"${ing.metadata.uid}", APIVersion:"networking.k8s.io/v1", ResourceVersion:"${rv}", FieldPath:""}`;
  controllerLog(cluster, ctrl, [
    klog('I', cluster.nowMs, 'event.go:377', `Event(${ref}): type: 'Normal' reason: 'Sync' Scheduled for sync`),
    ...warnings(ing, ctrl, cluster).map((w) => klog('W', cluster.nowMs, 'simulation.go:1', w)),
  ]);
}

function loadBalancerStatus(addresses: string[]): IngressLoadBalancerIngress[] {
  return [...new Set(addresses)].sort().map((a) => (isIP(a) ? { ip: a } : { hostname: a }));
}

/**
 * The built-in ingress-nginx steps aside when another one is installed from a manifest (the
 * 実践 notes apply the 0.x one): its objects go, so only the installed controller answers.
 */
export function builtinIngressMakesWay(api: ApiServer): void {
  const { cluster } = api;
  if (!cluster.config.ingressNginx) return;
  const workloads = [...cluster.store.list('deployments'), ...cluster.store.list('daemonsets')];
  const other = workloads.some(
    (w) =>
      !(w.kind === 'Deployment' && w.metadata.namespace === NS && w.metadata.name === 'ingress-nginx-controller') &&
      (w.spec?.template.spec?.containers ?? []).some((c) => isControllerImage(c.image)),
  );
  if (!other) return;
  for (const [resource, name] of BUILTIN_OBJECTS) {
    const info = resourceInfo(resource);
    if (api.find(info, NS, name)) api.delete(info, NS, name);
  }
  cluster.config.ingressNginx = false;
}

export function ingressController(api: ApiServer): void {
  const { cluster } = api;
  const ingresses = cluster.store.list('ingresses');
  if (!ingresses.length) return;
  const controllers = findControllers(cluster);
  const seen = syncEvents(cluster);
  const info = resourceInfo('ingresses');
  for (const ing of ingresses) {
    // Several controllers may claim an Ingress; the one installed last writes its status.
    const ctrl = controllers.filter((c) => claims(c, ing, cluster)).sort((a, b) => b.since.localeCompare(a.since))[0];
    if (ctrl) sync(cluster, ctrl, ing, seen);
    const want = ctrl ? loadBalancerStatus(controllerAddresses(ctrl, cluster)) : [];
    const have = ing.status?.loadBalancer?.ingress ?? [];
    if (deepEqual(want, have)) continue;
    api.updateStatus(info, ing, { loadBalancer: want.length ? { ingress: want } : {} });
  }
}
