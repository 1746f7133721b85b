// The store's change history, as etcd keeps revisions for watches: every write (create, update,
// delete) under its resourceVersion, with the object at that version (for a deletion, its last
// state stamped with the deletion's version). It lives in the state file, so a watcher in any
// process sees the changes every process made. It is bounded by count and by size: the oldest
// changes are compacted away, and a watch from before them is told its version is too old.
//
// Layout: each version's record is a line of its own (store/layout.ts). New records go to
// `recentChanges`, a short map folded into `changes` once it holds RECENT records, and the oldest
// are dropped only once the bounds are passed by a tenth, so most writes read and split only the
// short map while the long one goes back to the file as its bytes. `changeLog` is the small index
// of which versions are kept, their sizes and resources, and the compacted version below them.

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
   * so that a watch with a selector turns it into ADDED or DELETED as the API server does, and
   * the object before it (`o`), which the DELETED of an object leaving a selection carries.
   */
  p?: { l?: Record<string, string>; f: Record<string, string>; o?: KObject };
}

export interface ChangeLog {
  /** Every change after this version is kept; those up to it were compacted away. */
  compacted: number;
  /** The kept versions, oldest first, each with its record's size in bytes and its resource. */
  index: [number, number, string][];
  /** The records' size in all. */
  bytes: number;
  /** How many of them are in recentChanges. */
  recent?: number;
}

/**
 * The bounds: at most this many changes, and at most this many bytes of them, each passed by at
 * most `slack` (a fraction) before the oldest are dropped; `recent` records before a fold.
 */
export const HISTORY_LIMITS = { changes: 1500, bytes: 1.5 * 1024 * 1024, slack: 0.1, recent: 200 };

/** One change, as a watch sees it. */
export interface Change {
  resourceVersion: number;
  type: ChangeType;
  resource: string;
  object: KObject;
  /** Labels and selectable fields before the change, when they differ from the object's, and the object then. */
  previous?: { labels?: Record<string, string>; fields: Record<string, string>; object?: KObject };
}

/** The part of the state the history lives in. */
export interface HistoryData {
  resourceVersion: number;
  changes?: Record<string, ChangeRecord>;
  recentChanges?: Record<string, ChangeRecord>;
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
/**
 * What a DELETED event carries for an object that left a selection: the object as it was, at
 * the version of the change (the cacher's prevObject with the new resourceVersion).
 */
export function leavingObject(c: Change): KObject {
  const old = c.previous?.object;
  if (!old) return c.object;
  return { ...old, metadata: { ...old.metadata, resourceVersion: c.object.metadata.resourceVersion } };
}

export function recordChange(data: HistoryData, rv: number, type: ChangeType, resource: string, object: KObject, previous?: KObject): void {
  // The first change a state records: nothing before it is known.
  const log = (data.changeLog ??= { compacted: rv - 1, index: [], bytes: 0 });
  const recent = (data.recentChanges ??= {});
  const record: ChangeRecord = { t: type, r: resource, o: object };
  if (type === 'MODIFIED' && previous) {
    const before = fieldsOf(resource, previous);
    if (!sameMap(previous.metadata.labels, object.metadata.labels) || !sameMap(before, fieldsOf(resource, object))) {
      record.p = { l: previous.metadata.labels, f: before, o: previous };
    }
  }
  const size = JSON.stringify(record).length;
  recent[String(rv)] = record;
  log.recent = (log.recent ?? 0) + 1;
  log.index.push([rv, size, resource]);
  log.bytes += size;
  const { changes: maxChanges, bytes: maxBytes, slack } = HISTORY_LIMITS;
  if (log.index.length > maxChanges * (1 + slack) || log.bytes > maxBytes * (1 + slack)) {
    let drop = 0;
    while (log.index.length - drop > maxChanges || (log.bytes > maxBytes && log.index.length - drop > 1)) {
      const [old, oldSize] = log.index[drop++];
      const key = String(old);
      if (Object.hasOwn(recent, key)) {
        delete recent[key];
        log.recent--;
      } else if (data.changes) {
        delete data.changes[key];
      }
      log.bytes -= oldSize;
      log.compacted = old;
    }
    log.index.splice(0, drop);
  }
  if (log.recent > HISTORY_LIMITS.recent) {
    const changes = (data.changes ??= {});
    for (const key of Object.keys(recent)) changes[key] = recent[key];
    data.recentChanges = {};
    log.recent = 0;
  }
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
  // The long map is split only when a wanted record is in it.
  let changes: Record<string, ChangeRecord> | undefined;
  const recent = data.recentChanges ?? {};
  for (let i = lo; i < index.length; i++) {
    const [rv, , r] = index[i];
    if (resource !== undefined && r !== resource) continue;
    const key = String(rv);
    const rec = Object.hasOwn(recent, key) ? recent[key] : (changes ??= data.changes ?? {})[key];
    if (!rec) continue;
    out.push({ resourceVersion: rv, type: rec.t, resource: rec.r, object: rec.o, previous: rec.p ? { labels: rec.p.l, fields: rec.p.f, object: rec.p.o } : undefined });
  }
  return out;
}
