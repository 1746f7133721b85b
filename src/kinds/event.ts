// Event (v1): written by controllers; `kctl get events` lists them.

import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

type EventObject = ObjectOf<'events'>;

/** formatEventSource: `component` or `component, host`, from source or the reporting fields. */
function source(o: EventObject): string {
  const src = o.source ?? {};
  // reportingController is events.k8s.io/v1's name for reportingComponent, unknown to core/v1's type.
  const component = src.component || String((o as { reportingController?: string }).reportingController ?? o.reportingComponent ?? '');
  const host = src.host || String(o.reportingInstance ?? '');
  return host ? `${component}, ${host}` : component;
}

export const eventKind: Kind<'events'> = {
  info: resourceInfo('events'),
  nameColumn: false,
  columns: [
    { name: 'LAST SEEN', cell: (o, c) => age(o.lastTimestamp ?? o.firstTimestamp ?? o.eventTime, c.now) },
    { name: 'TYPE', cell: (o) => String(o.type ?? '') },
    { name: 'REASON', cell: (o) => String(o.reason ?? '') },
    { name: 'OBJECT', cell: (o) => `${(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name}` },
    { name: 'SUBOBJECT', priority: 1, cell: (o) => o.involvedObject?.fieldPath ?? '' },
    { name: 'SOURCE', priority: 1, cell: source },
    { name: 'MESSAGE', cell: (o) => String(o.message ?? '') },
    { name: 'FIRST SEEN', priority: 1, cell: (o, c) => age(o.firstTimestamp, c.now) },
    { name: 'COUNT', priority: 1, cell: (o) => String(o.count ?? 1) },
    { name: 'NAME', priority: 1, format: 'name', cell: (o) => o.metadata.name },
  ],
};
