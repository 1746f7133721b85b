// kubectl events' rows and order.

import { describe, expect, it } from 'vitest';
import { eventHeader, eventRow, sortEvents, typedEvent, type EventObject } from '../../src/printers/events.js';

const now = Date.parse('2026-01-01T00:10:00Z');
const ev = (name: string, last: string, extra: Partial<EventObject> = {}): EventObject =>
  ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Started', message: ' hi \n', type: 'Normal', lastTimestamp: last, firstTimestamp: last, count: 1, ...extra }) as EventObject;

describe('events', () => {
  it('prints LAST SEEN, repeats, Kind/name and the trimmed message', () => {
    expect(eventHeader(true)).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(eventRow(ev('a', '2026-01-01T00:05:00Z'), now, false)).toEqual(['5m', 'Normal', 'Started', 'Pod/web', 'hi']);
    expect(eventRow(ev('b', '2026-01-01T00:09:00Z', { count: 3, firstTimestamp: '2026-01-01T00:00:00Z' }), now, true)[1]).toBe('60s (x3 over 10m)');
  });

  it('sorts by last seen as Go sort.Sort does, ties as its insertion sort leaves them', () => {
    const list = [ev('late', '2026-01-01T00:09:00Z'), ev('x', '2026-01-01T00:01:00Z'), ev('y', '2026-01-01T00:01:00Z'), ev('early', '2026-01-01T00:00:00Z')];
    expect(sortEvents(list).map((e) => e.metadata.name)).toEqual(['early', 'x', 'y', 'late']);
  });

  it('marshals the typed Event in struct order with its never-omitted fields', () => {
    expect(Object.keys(typedEvent(ev('a', '2026-01-01T00:05:00Z')))).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'reportingComponent', 'reportingInstance']);
  });
});
