// The API server's reads: get, list with label and field selectors, and pods/log. Commands that
// only look use it on its own; ApiServer (server.ts) adds the writes.

import { notFound, StatusError } from '../api/errors.js';
import { qualifiedResource, resourceInfo, type ResourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { nodeAsOf } from '../kinds/node.js';
import type { LogEntry } from '../store/containerlogs.js';
import { listFilter, type ListOptions } from './list.js';
import { containerLog, type LogOptions } from './log.js';
import type { NodeConnection } from './node.js';

export class ApiReader {
  constructor(
    readonly cluster: Cluster,
    /** The kubelets, for pods/log; a client that only reads and writes objects needs none. */
    protected readonly node?: NodeConnection,
  ) {}

  protected get store() {
    return this.cluster.store;
  }

  get<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string): ObjectOf<R> {
    const obj = this.find(info, namespace, name);
    if (!obj) throw notFound(qualifiedResource(info), name);
    return obj;
  }

  find<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string): ObjectOf<R> | undefined {
    const obj = this.store.get(info.resource, info.namespaced ? namespace : undefined, name);
    return obj && this.asRead(info, obj);
  }

  /** The objects of a resource in a namespace (or all), that match the request's selectors. */
  list<R extends string>(info: ResourceInfo<R>, opts: ListOptions = {}): ObjectOf<R>[] {
    const matches = listFilter(info, opts);
    const all = this.store.list(info.resource, info.namespaced ? opts.namespace : undefined);
    const found = matches ? all.filter(matches) : all;
    return info.resource === 'nodes' ? found.map((o) => this.asRead(info, o)) : found;
  }

  /** Nodes are read with the heartbeat their kubelets keep posting (see nodeAsOf). */
  private asRead<R extends string>(info: ResourceInfo<R>, obj: ObjectOf<R>): ObjectOf<R> {
    return info.resource === 'nodes' ? (nodeAsOf(obj as ObjectOf<'nodes'>, this.cluster.nowMs) as ObjectOf<R>) : obj;
  }

  /** pods/log: a container's log as its kubelet keeps it, with the request's filters. */
  log(namespace: string, pod: string, opts: LogOptions): LogEntry[] {
    if (!this.node) throw new StatusError('InternalError', 'Internal error occurred: no kubelet to ask for the log');
    return containerLog(this.node, this.get(resourceInfo('pods'), namespace, pod), opts, this.cluster.nowMs);
  }
}
