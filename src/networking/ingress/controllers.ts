// The ingress-nginx controllers running in the cluster, read from their pods the way the
// controller reads its own flags, and which Ingresses each one serves (class rules of the 0.x
// releases and of today's controller).

import type { Container } from 'kubernetes-types/core/v1';
import type { ObjectOf, PodObject } from '../../api/types.js';
import type { Cluster } from '../../cluster/cluster.js';
import { INGRESS_CLASS_ANNOTATION } from '../../kinds/ingress/validation.js';

const DEFAULT_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';

export interface IngressNginx {
  namespace: string;
  /** Running pods, oldest first; the first one writes status and events. */
  pods: PodObject[];
  /** 0.x releases: class-less Ingresses are theirs, nginx version shown on error pages. */
  legacy: boolean;
  release: string;
  /** nginx's version on error pages and the Server header; null with server_tokens off. */
  nginxVersion: string | null;
  ingressClass: string;
  controllerClass: string;
  watchWithoutClass: boolean;
  defaultBackendService?: { namespace: string; name: string };
  publishService?: { namespace: string; name: string };
  publishStatusAddress?: string[];
  configMap?: { namespace: string; name: string };
  /** When the controller came up: the newest one wins an Ingress several claim. */
  since: string;
}

const LEGACY_IMAGE = /(^|\/)nginx-ingress-controller(-amd64)?([:@]|$)/;
const CURRENT_IMAGE = /(^|\/)ingress-nginx\/controller([:@]|$)/;

/** The nginx each release was built with, for the pages of the 0.x releases. */
const LEGACY_NGINX: [string, string][] = [
  ['0.9', '1.13.5'],
  ['0.1', '1.13.12'],
  ['0.2', '1.15.6'],
  ['0.3', '1.19.2'],
];

export function isControllerImage(image: string | undefined): boolean {
  return !!image && (LEGACY_IMAGE.test(image) || CURRENT_IMAGE.test(image));
}

function tagOf(image: string): string {
  return /:([^:/@]+)(@.*)?$/.exec(image)?.[1] ?? 'latest';
}

function objectRef(value: string | undefined, ns: string): { namespace: string; name: string } | undefined {
  if (!value) return undefined;
  const [a, b] = value.split('/');
  return b === undefined ? { namespace: ns, name: a } : { namespace: a, name: b };
}

/** `--flag=value` and `--flag value`, with $(POD_NAMESPACE)-style references expanded. */
function controllerFlags(c: Container, pod: PodObject): Map<string, string> {
  const vars: Record<string, string> = { POD_NAMESPACE: pod.metadata.namespace ?? 'default', POD_NAME: pod.metadata.name };
  for (const e of c.env ?? []) if (e.value !== undefined) vars[e.name] = e.value;
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map((a) => a.replace(/\$\((\w+)\)/g, (w, n: string) => vars[n] ?? w));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    if (m[2] !== undefined) flags.set(m[1], m[2]);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) flags.set(m[1], argv[++i]);
    else flags.set(m[1], 'true');
  }
  return flags;
}

function running(p: PodObject): boolean {
  return p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;
}

function describeController(pod: PodObject, c: Container): IngressNginx {
  const ns = pod.metadata.namespace ?? 'default';
  const flags = controllerFlags(c, pod);
  const legacy = LEGACY_IMAGE.test(c.image!) || /^0\./.test(tagOf(c.image!).replace(/^v/, ''));
  const release = tagOf(c.image!);
  const minor = release.replace(/^v/, '').slice(0, 3);
  return {
    namespace: ns,
    pods: [pod],
    legacy,
    release,
    nginxVersion: legacy ? LEGACY_NGINX.find(([p]) => minor.startsWith(p))?.[1] ?? '1.13.12' : null,
    ingressClass: flags.get('ingress-class') ?? 'nginx',
    controllerClass: flags.get('controller-class') ?? DEFAULT_CONTROLLER_CLASS,
    watchWithoutClass: flags.get('watch-ingress-without-class') === 'true',
    defaultBackendService: objectRef(flags.get('default-backend-service'), ns),
    publishService: objectRef(flags.get('publish-service'), ns),
    publishStatusAddress: flags.get('publish-status-address')?.split(',').filter(Boolean),
    configMap: objectRef(flags.get('configmap'), ns),
    since: pod.metadata.creationTimestamp ?? '',
  };
}

/** Every running ingress-nginx controller; pods with the same namespace and flags are one controller. */
export function findControllers(cluster: Cluster): IngressNginx[] {
  const byKey = new Map<string, IngressNginx>();
  const pods = cluster.store.list('pods').filter(running);
  pods.sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  for (const pod of pods) {
    const c = (pod.spec?.containers ?? []).find((x) => isControllerImage(x.image));
    if (!c) continue;
    const key = `${pod.metadata.namespace}|${c.image}|${JSON.stringify([c.command, c.args])}`;
    const found = byKey.get(key);
    if (found) found.pods.push(pod);
    else byKey.set(key, describeController(pod, c));
  }
  return [...byKey.values()];
}

/** The controller pod with this IP, if it is one. */
export function controllerOfPod(cluster: Cluster, ip: string): IngressNginx | undefined {
  return findControllers(cluster).find((c) => c.pods.some((p) => p.status?.podIP === ip));
}

/** Whether the controller takes the Ingress, by ingressClassName, the class annotation, or neither. */
export function claims(ctrl: IngressNginx, ing: ObjectOf<'ingresses'>, cluster: Cluster): boolean {
  const className = ing.spec?.ingressClassName;
  const annotation = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotation !== undefined) return annotation === ctrl.ingressClass;
  if (className !== undefined) {
    // The 0.x releases predate IngressClass objects and go by the name alone.
    if (ctrl.legacy) return className === ctrl.ingressClass;
    const cls = cluster.store.get('ingressclasses', undefined, className);
    return cls?.spec?.controller === ctrl.controllerClass;
  }
  return ctrl.legacy || ctrl.watchWithoutClass;
}

/** The Ingresses a controller serves, oldest first, as it merges them into its nginx.conf. */
export function servedIngresses(ctrl: IngressNginx, cluster: Cluster): ObjectOf<'ingresses'>[] {
  const list = cluster.store.list('ingresses').filter((i) => !i.metadata.deletionTimestamp && claims(ctrl, i, cluster));
  return list.sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

/** statusAddressFromService, or the nodes the controller runs on when it publishes no Service. */
export function controllerAddresses(ctrl: IngressNginx, cluster: Cluster): string[] {
  if (ctrl.publishStatusAddress?.length) return ctrl.publishStatusAddress;
  if (ctrl.publishService) {
    const svc = cluster.store.get('services', ctrl.publishService.namespace, ctrl.publishService.name);
    if (!svc) return [];
    const s = svc.spec ?? {};
    if (s.type === 'ExternalName') return s.externalName ? [s.externalName] : [];
    if (s.type === 'LoadBalancer') {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
      return [...lb, ...(s.externalIPs ?? [])];
    }
    if (s.externalIPs?.length) return s.externalIPs;
    return s.clusterIP && s.clusterIP !== 'None' ? [s.clusterIP] : [];
  }
  const nodes = new Set(ctrl.pods.map((p) => p.spec?.nodeName));
  return cluster.config.nodes.filter((n) => nodes.has(n.name)).map((n) => n.internalIP);
}
