// kubectl events' printing: its own table (LAST SEEN, TYPE, REASON, OBJECT as Kind/name,
// MESSAGE), its sort by when each event was last seen, and the typed EventList it prints as JSON.

import type { KObject } from '../api/types.js';
import { humanDuration } from '../util/duration.js';
import { sortSlice } from '../util/gosort.js';

export interface EventObject extends KObject {
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  action?: string;
  related?: unknown;
  reportingComponent?: string;
  reportingInstance?: string;
}

const time = (t: string | null | undefined) => (t ? Date.parse(t) : 0);

/** kubectl's eventTime: the series' last observation, else the last timestamp, else eventTime. */
function eventTime(e: EventObject): number {
  if (e.series) return time(e.series.lastObservedTime);
  if (e.lastTimestamp) return time(e.lastTimestamp);
  return time(e.eventTime);
}

/** sort.Sort(SortableEvents): Go's unstable sort, so ties come out as kubectl has them. */
export function sortEvents(events: EventObject[]): EventObject[] {
  return sortSlice([...events], (a, b) => eventTime(a) < eventTime(b));
}

function since(t: string | null | undefined, now: number): string {
  return t ? humanDuration(now - Date.parse(t)) : '<unknown>';
}

/** getInterval: `5m`, or `2m (x3 over 10m)` for repeated events. */
function interval(e: EventObject, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** Control characters shown escaped, as kubectl's EscapeTerminal does. */
function escape(s: string | undefined): string {
  return (s ?? '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

export function eventHeader(allNamespaces: boolean): string[] {
  return [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
}

export function eventRow(e: EventObject, now: number, allNamespaces: boolean): string[] {
  return [
    ...(allNamespaces ? [e.metadata.namespace ?? ''] : []),
    interval(e, now),
    escape(e.type),
    escape(e.reason),
    `${escape(e.involvedObject?.kind)}/${escape(e.involvedObject?.name)}`,
    escape((e.message ?? '').trim()),
  ];
}

const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];
const REF_ORDER = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

function ordered(o: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o?.[k] !== undefined && o[k] !== '') out[k] = o[k];
  return out;
}

/** An event as kubectl's typed corev1.Event marshals it: struct order, its never-omitted fields. */
export function typedEvent(e: EventObject): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: ordered(e.metadata as unknown as Record<string, unknown>, META_ORDER),
    involvedObject: ordered(e.involvedObject, REF_ORDER),
  };
  if (e.reason) out.reason = e.reason;
  if (e.message) out.message = e.message;
  out.source = ordered(e.source, ['component', 'host']);
  out.firstTimestamp = e.firstTimestamp ?? null;
  out.lastTimestamp = e.lastTimestamp ?? null;
  if (e.count) out.count = e.count;
  if (e.type) out.type = e.type;
  out.eventTime = e.eventTime ?? null;
  if (e.series) out.series = ordered(e.series, ['count', 'lastObservedTime']);
  if (e.action) out.action = e.action;
  if (e.related) out.related = ordered(e.related as Record<string, unknown>, REF_ORDER);
  out.reportingComponent = e.reportingComponent ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out;
}

export function typedEventList(events: EventObject[]): Record<string, unknown> {
  return { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events.map(typedEvent) };
}
