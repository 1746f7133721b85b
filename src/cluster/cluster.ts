// One command's view of the fake cluster: the store, the configuration, the clock and the
// source of randomness. Admission, controllers and printers all work on a Cluster.

import type { KObject } from '../api/types.js';
import type { Random } from '../util/random.js';
import type { StateData } from '../store/schema.js';
import { Store } from '../store/store.js';
import type { ClusterConfig } from '../store/schema.js';

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class Cluster {
  readonly store: Store;

  constructor(
    readonly data: StateData,
    /** Milliseconds since the epoch for this command. */
    readonly nowMs: number,
    readonly rand: Random,
    /**
     * The internal checks the test suite turns on (KCTL_CHECKS): objects from the store are frozen,
     * and the controllers prove at their fixpoint that no skipped run had work.
     */
    readonly checks = false,
  ) {
    this.store = new Store(data, checks);
    this.startResourceVersion = data.resourceVersion;
  }

  /**
   * The store's clock when the command began. A command starts from the fixpoint the previous
   * one left, so a controller has work only once something it watches is written after this.
   */
  readonly startResourceVersion: number;

  get config(): ClusterConfig {
    return this.data.config;
  }

  private nowText?: string;

  /** The command's time in RFC 3339; one clock reading per command. */
  now(): string {
    return (this.nowText ??= rfc3339(this.nowMs));
  }

  /**
   * Records an Event the way client-go's event recorder does, folding repeats into a count.
   * New events wait in `pending` until the controllers settle (flushEvents): only the newest
   * MAX_EVENTS survive pruning, so a command that starts 10,000 pods need not store 40,000.
   * With `followVersion`, a repeat also refers to the object's current resourceVersion (the
   * ingress controller's Sync events record which version it saw).
   */
  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, followVersion = false): KObject {
    const ns = obj.metadata.namespace || 'default';
    const now = this.now();
    const key = `${obj.metadata.uid}|${reason}|${message}`;
    const involved = (ev: KObject) => (followVersion ? { involvedObject: { ...(ev.involvedObject as object), resourceVersion: obj.metadata.resourceVersion } } : {});
    const waiting = this.pending.get(key);
    if (waiting) {
      Object.assign(waiting, { count: (waiting.count as number) + 1, lastTimestamp: now }, involved(waiting));
      // A repeat counts as the newest event, as its new resourceVersion makes it on the server.
      this.pending.delete(key);
      this.pending.set(key, waiting);
      return waiting;
    }
    const existing = this.eventIndex().get(key);
    if (existing && this.store.get('events', ns, existing.metadata.name) === existing) {
      const repeated = this.store.put('events', { ...existing, count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now, ...involved(existing) });
      this.eventIndex().set(key, repeated);
      return repeated;
    }
    // A kubelet's recorder names its node as the event's host.
    const host = component === 'kubelet' ? (obj.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: '', namespace: ns, creationTimestamp: now },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
      },
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: component,
      reportingInstance: host ?? '',
    };
    this.pending.set(key, ev);
    if (this.pending.size > MAX_EVENTS) this.pending.delete(this.pending.keys().next().value!);
    return ev;
  }

  /** Events recorded and not yet stored, oldest first. */
  private pending = new Map<string, KObject>();

  /** Stored and waiting events alike, for controllers that remember their own. */
  listEvents(namespace?: string): KObject[] {
    const waiting = [...this.pending.values()];
    return [...this.store.list('events', namespace), ...(namespace === undefined ? waiting : waiting.filter((e) => e.metadata.namespace === namespace))];
  }

  /** Stores the waiting events (names and uids given now, in the order they happened) and prunes. */
  flushEvents(): void {
    // Nothing new: the stored events are not even read.
    if (!this.pending.size) return;
    for (const [key, ev] of this.pending) {
      ev.metadata.name = `${(ev.involvedObject as { name: string }).name}.${this.eventNanos().toString(16)}`;
      ev.metadata.uid = this.rand.uuid();
      this.eventIndex().set(key, this.store.put('events', ev));
    }
    this.pending.clear();
    this.pruneEvents();
  }

  private events?: Map<string, KObject>;

  /**
   * Event names end in the recorder's clock in hex nanoseconds. The store's logical clock fills
   * the nanoseconds, so names grow in the order events happen (the server lists them by name)
   * and never clash, even under a fixed KCTL_NOW.
   */
  private eventNanos(): bigint {
    return BigInt(this.nowMs) * 1_000_000n + BigInt(this.store.resourceVersion % 1_000_000);
  }

  private eventIndex(): Map<string, KObject> {
    if (!this.events) {
      this.events = new Map();
      for (const e of Object.values(this.data.objects.events ?? {})) {
        this.events.set(`${(e.involvedObject as { uid?: string }).uid}|${e.reason}|${e.message}`, e);
      }
    }
    return this.events;
  }

  /** Events expire on a real cluster (after an hour); here the oldest go once there are too many. */
  private pruneEvents(): void {
    const all = this.data.objects.events;
    if (!all) return;
    const keys = Object.keys(all);
    if (keys.length <= MAX_EVENTS) return;
    keys
      .sort((a, b) => Number(all[a].metadata.resourceVersion) - Number(all[b].metadata.resourceVersion))
      .slice(0, keys.length - MAX_EVENTS)
      .forEach((k) => this.store.remove('events', all[k].metadata.namespace, all[k].metadata.name));
  }
}

const MAX_EVENTS = 1000;
