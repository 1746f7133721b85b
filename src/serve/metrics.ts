// metrics.k8s.io/v1beta1 as metrics-server serves it through the aggregation layer: NodeMetrics
// and PodMetrics, read from the kubelets' simulated usage (kubelet/metrics.ts).

import { StatusError } from '../api/errors.js';
import { AGGREGATED_RESOURCES, resourceInfo } from '../api/scheme.js';
import { ApiReader } from '../apiserver/reader.js';
import type { StateAccess } from '../cluster/access.js';
import { METRICS_API_VERSION, nodeMetrics, podMetrics } from '../kubelet/metrics.js';
import type { Reply } from './http.js';

export const METRICS_GROUP = 'metrics.k8s.io';

const notFound = (what: string, name: string) => new StatusError('NotFound', `${what}.metrics.k8s.io "${name}" not found`, { name, group: METRICS_GROUP, kind: what === 'nodemetrics' ? 'nodes' : 'pods' });

/** GET /apis/metrics.k8s.io/v1beta1/{nodes[/NAME], pods, namespaces/NS/pods[/NAME]}. */
export async function metricsReply(method: string, version: string, rest: string[], query: URLSearchParams, access: StateAccess): Promise<Reply> {
  const generic = new StatusError('NotFound', 'the server could not find the requested resource');
  if (version !== 'v1beta1') throw generic;
  if (!rest.length) {
    return { body: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${METRICS_GROUP}/v1beta1`, resources: AGGREGATED_RESOURCES.map((r) => ({ name: r.resource, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: r.verbs })) } };
  }
  if (method !== 'GET') throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  let namespace: string | undefined;
  let parts = rest;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const [resource, name, ...extra] = parts;
  if (extra.length || (resource !== 'nodes' && resource !== 'pods') || (resource === 'nodes' && namespace !== undefined)) throw generic;
  const cluster = await access.read();
  const api = new ApiReader(cluster);
  const list = { labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined };
  if (resource === 'nodes') {
    const pods = cluster.store.list('pods');
    if (name) {
      const node = api.find(resourceInfo('nodes'), undefined, name);
      if (!node) throw notFound('nodemetrics', name);
      return { body: nodeMetrics(cluster, node, pods) };
    }
    const items = api.list(resourceInfo('nodes'), list).map((n) => nodeMetrics(cluster, n, pods));
    return { body: { kind: 'NodeMetricsList', apiVersion: METRICS_API_VERSION, metadata: {}, items } };
  }
  if (name) {
    const pod = api.find(resourceInfo('pods'), namespace, name);
    const metrics = pod && podMetrics(cluster, pod);
    // metrics-server names the pod by namespace/name.
    if (!metrics) throw notFound('podmetrics', `${namespace ?? 'default'}/${name}`);
    return { body: metrics };
  }
  const items = api.list(resourceInfo('pods'), { namespace, ...list }).flatMap((p) => podMetrics(cluster, p) ?? []);
  return { body: { kind: 'PodMetricsList', apiVersion: METRICS_API_VERSION, metadata: {}, items } };
}
