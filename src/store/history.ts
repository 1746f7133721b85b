// The store's change history, as etcd keeps revisions for watches: every write (create, update,
// delete) under its resourceVersion, with the object at that version (for a deletion, its last
// state stamped with the deletion's version). It lives in the state file, so a watcher in any
// process sees the changes every process made. It is bounded by count and by size: the oldest
// changes are compacted away, and a watch from before them is told its version is too old.
//
// Layout: `changes` maps each version to its record, one line each (store/layout.ts), so a write
// touches only the lines it adds and drops; `changeLog` is the small index that says which
// versions are kept, their sizes, and the compacted version below them.

import { fieldsOf } from '../api/fields.js';
import type { KObject } from '../api/types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** How a change is kept in the state file. */
export interface ChangeRecord {
  t: ChangeType;
  /** The resource (plural): `pods`. */
  r: string;
  o: KObject;
  /**
   * For an update that changed what selectors see: the labels and selectable fields before it,
   * so that a watch with a selector turns it into ADDED or DELETED as the API server does.
   */
  p?: { l?: Record<string, string>; f: Record<string, string> };
}

export interface ChangeLog {
  /** Every change after this version is kept; those up to it were compacted away. */
  compacted: number;
  /** The kept versions, oldest first, each with its record's size in bytes and its resource. */
  index: [number, number, string][];
  /** The records' size in all. */
  bytes: number;
}

/** The bounds: at most this many changes, and at most this many bytes of them. */
export const HISTORY_LIMITS = { changes: 3000, bytes: 4 * 1024 * 1024 };

/** One change, as a watch sees it. */
export interface Change {
  resourceVersion: number;
  type: ChangeType;
  resource: string;
  object: KObject;
  /** Labels and selectable fields before the change, when they differ from the object's. */
  previous?: { labels?: Record<string, string>; fields: Record<string, string> };
}

/** The part of the state the history lives in. */
export interface HistoryData {
  resourceVersion: number;
  changes?: Record<string, ChangeRecord>;
  changeLog?: ChangeLog;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => Object.hasOwn(b!, k) && b![k] === a![k]);
}

/**
 * Records a write at version rv (the store's clock already moved to it). `previous` is the object
 * an update replaced. Drops the oldest changes past the bounds.
 */
export function recordChange(data: HistoryData, rv: number, type: ChangeType, resource: string, object: KObject, previous?: KObject): void {
  // The first change a state records: nothing before it is known.
  const log = (data.changeLog ??= { compacted: rv - 1, index: [], bytes: 0 });
  const changes = (data.changes ??= {});
  const record: ChangeRecord = { t: type, r: resource, o: object };
  if (type === 'MODIFIED' && previous) {
    const before = fieldsOf(resource, previous);
    if (!sameMap(previous.metadata.labels, object.metadata.labels) || !sameMap(before, fieldsOf(resource, object))) {
      record.p = { l: previous.metadata.labels, f: before };
    }
  }
  const size = JSON.stringify(record).length;
  changes[String(rv)] = record;
  log.index.push([rv, size, resource]);
  log.bytes += size;
  let drop = 0;
  while (log.index.length - drop > HISTORY_LIMITS.changes || (log.bytes > HISTORY_LIMITS.bytes && log.index.length - drop > 1)) {
    const [old, oldSize] = log.index[drop++];
    delete changes[String(old)];
    log.bytes -= oldSize;
    log.compacted = old;
  }
  if (drop) log.index.splice(0, drop);
}

/** The version every later change is kept after: a watch from before it is too old. */
export function compactedVersion(data: HistoryData): number {
  return data.changeLog ? data.changeLog.compacted : data.resourceVersion;
}

export class ResourceVersionTooOld extends Error {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super(`too old resource version: ${requested} (${compacted})`);
  }
}

/**
 * The changes after version `since`, oldest first (optionally of one resource only): each record
 * is parsed only when its resource is wanted. Throws ResourceVersionTooOld when changes after
 * `since` were compacted away.
 */
export function changesSince(data: HistoryData, since: number, resource?: string): Change[] {
  const compacted = compactedVersion(data);
  if (since < compacted) throw new ResourceVersionTooOld(since, compacted);
  const out: Change[] = [];
  const index = data.changeLog?.index ?? [];
  // Binary search for the first kept version after `since`.
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid][0] <= since) lo = mid + 1;
    else hi = mid;
  }
  if (lo === index.length) return out;
  const changes = data.changes ?? {};
  for (let i = lo; i < index.length; i++) {
    const [rv, , r] = index[i];
    if (resource !== undefined && r !== resource) continue;
    const rec = changes[String(rv)];
    if (!rec) continue;
    out.push({ resourceVersion: rv, type: rec.t, resource: rec.r, object: rec.o, previous: rec.p ? { labels: rec.p.l, fields: rec.p.f } : undefined });
  }
  return out;
}
