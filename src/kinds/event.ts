// Event (v1): written by controllers; `kctl get events` lists them.

import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

const ref = (o: KObject) => (o.involvedObject ?? {}) as { kind?: string; name?: string; fieldPath?: string };

/** formatEventSource: `component` or `component, host`, from source or the reporting fields. */
function source(o: KObject): string {
  const src = (o.source ?? {}) as { component?: string; host?: string };
  const component = src.component || String(o.reportingController ?? o.reportingComponent ?? '');
  const host = src.host || String(o.reportingInstance ?? '');
  return host ? `${component}, ${host}` : component;
}

export const eventKind: Kind = {
  info: resourceInfo('events'),
  nameColumn: false,
  columns: [
    { name: 'LAST SEEN', cell: (o, c) => age((o.lastTimestamp ?? o.firstTimestamp ?? o.eventTime) as string, c.now) },
    { name: 'TYPE', cell: (o) => String(o.type ?? '') },
    { name: 'REASON', cell: (o) => String(o.reason ?? '') },
    { name: 'OBJECT', cell: (o) => `${(ref(o).kind ?? '').toLowerCase()}/${ref(o).name}` },
    { name: 'SUBOBJECT', priority: 1, cell: (o) => ref(o).fieldPath ?? '' },
    { name: 'SOURCE', priority: 1, cell: source },
    { name: 'MESSAGE', cell: (o) => String(o.message ?? '') },
    { name: 'FIRST SEEN', priority: 1, cell: (o, c) => age(o.firstTimestamp as string, c.now) },
    { name: 'COUNT', priority: 1, cell: (o) => String(o.count ?? 1) },
    { name: 'NAME', priority: 1, cell: (o) => o.metadata.name },
  ],
};
