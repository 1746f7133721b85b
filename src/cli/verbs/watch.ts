// kubectl get --watch over the state file: after the list, every change any kctl process makes
// to the selected objects prints one more row (or object), each version the store's history
// kept (not only what a poll would catch), until the request timeout ends the watch (kubectl's
// --request-timeout; none means until interrupted).

import { StatusError } from '../../api/errors.js';
import { fieldsOf } from '../../api/fields.js';
import type { KObject } from '../../api/types.js';
import { selectorMatcher } from '../../apiserver/list.js';
import { StateReadCache } from '../../cluster/access.js';
import { ChangeFeed } from '../../store/changefeed.js';
import { changesSince, leavingObject, ResourceVersionTooOld, type Change } from '../../store/history.js';
import { kindFor } from '../../kinds/registry.js';
import { printObjects, type OutputFormat } from '../../printers/output.js';
import { statusPainter, tableCells, type TableOptions } from '../../printers/table.js';
import { RememberingTable } from '../../printers/tabwriter.js';
import { CliError } from '../errors.js';
import type { ResourceRequest } from '../resources.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { Session } from '../session.js';
import { select, type QueryOptions } from './get.js';

export interface WatchOptions {
  format: OutputFormat;
  table: TableOptions;
  query: QueryOptions;
  /** Print the initial list too (false for --watch-only). */
  list: boolean;
  /** Milliseconds until the watch ends; 0 for never. */
  timeoutMs: number;
}

/** How long the loop sleeps when nothing comes (a change wakes it at once). */
const IDLE_MS = 1000;

/** `5s`, `1m30s`, `250ms`, or a bare number of seconds, as --request-timeout takes it. */
export function parseTimeout(v: unknown): number {
  if (v === undefined) return 0;
  const text = String(v);
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { h: 3600000, m: 60000, s: 1000, ms: 1 };
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * units[m[2]];
    end = re.lastIndex;
  }
  if (!text || end !== text.length) {
    throw new CliError(`Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)`);
  }
  return total;
}

export async function watch(session: Session, req: ResourceRequest, o: WatchOptions): Promise<void> {
  const kind = kindFor(req.info);
  const table = new RememberingTable();
  const color = await session.colorizer();
  let first = true;
  const emit = async (objects: KObject[], now: number) => {
    if (!objects.length) return;
    if (o.format.kind !== 'table') {
      for (const obj of objects) session.io.out(await printObjects(o.format, [obj], true));
      return;
    }
    const opts = { ...o.table, noHeaders: o.table.noHeaders || !first };
    const cluster = await session.read();
    session.io.out(table.rows(tableCells(kind, objects, { cluster, now }, opts), statusPainter(kind, opts, color)));
    first = false;
  };

  // The list, and the version it was taken at: the watch goes on from there.
  const cluster = await session.read();
  let position = cluster.data.resourceVersion;
  if (o.list) await emit(select(session, new ApiReader(cluster), req, o.query).objects, session.nowMs);

  const namespace = o.query.allNamespaces ? undefined : (req.namespace ?? session.namespace);
  const fieldSelector = [req.names.length ? `metadata.name=${req.names[0]}` : '', o.query.fieldSelector ?? ''].filter(Boolean).join(',');
  const labelSelector = o.query.selector?.length ? o.query.selector[o.query.selector.length - 1] : undefined;
  let matches: ReturnType<typeof selectorMatcher>;
  try {
    matches = selectorMatcher(req.info, { labelSelector, fieldSelector });
  } catch (e) {
    if (e instanceof StatusError) throw new CliError(`Error from server (BadRequest): ${e.message}`);
    throw e;
  }
  const passes = (labels: Record<string, string> | undefined, fields: Record<string, string>) => !matches || matches(labels, fields);
  /** What a change shows: the object's new row, a deletion's last one, or nothing when the selection sees no change. */
  const shown = (c: Change): KObject | undefined => {
    if (c.resource !== req.info.resource) return undefined;
    if (req.info.namespaced && namespace !== undefined && c.object.metadata.namespace !== namespace) return undefined;
    const fields = fieldsOf(req.info.resource, c.object);
    const now = c.type !== 'DELETED' && passes(c.object.metadata.labels, fields);
    const before = c.type === 'ADDED' ? false : c.previous ? passes(c.previous.labels, c.previous.fields) : passes(c.object.metadata.labels, fields);
    if (now) return c.object;
    if (!before) return undefined;
    // One that left the selection shows as it was before, as the DELETED event carries it.
    if (c.type !== 'DELETED') return leavingObject(c);
    // A deleted object shows once more, as the deletion event carries it: terminating.
    return c.object.metadata.deletionTimestamp ? c.object : { ...c.object, metadata: { ...c.object.metadata, deletionTimestamp: new Date().toISOString() } };
  };

  const cache = new StateReadCache();
  const feed = new ChangeFeed(session.statePath, () => cache.read(session.statePath));
  let failure: Error | undefined;
  let wake: () => void = () => undefined;
  const queue: Change[] = [];
  const take = (changes: Change[]) => {
    for (const c of changes) {
      if (c.resourceVersion <= position) continue;
      position = c.resourceVersion;
      queue.push(c);
    }
    wake();
  };
  const lost = (e: ResourceVersionTooOld) => {
    failure = new CliError(`Error from server (Expired): ${e.message}`);
    wake();
  };
  const unsubscribe = feed.subscribe((event) => ('lost' in event ? lost(event.lost) : take(event.changes)));
  try {
    // Changes made between the list and the subscription: from the history, in order.
    const latest = feed.refresh();
    try {
      if (latest) take(changesSince(latest, position, req.info.resource));
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOld)) throw e;
      lost(e);
    }
    const deadline = o.timeoutMs ? Date.now() + o.timeoutMs : Infinity;
    while (!failure && Date.now() < deadline) {
      if (!queue.length) {
        await new Promise<void>((r) => {
          const timer = setTimeout(r, Math.min(IDLE_MS, Math.max(0, deadline - Date.now())));
          wake = () => (clearTimeout(timer), r());
        });
        wake = () => undefined;
        continue;
      }
      const batch = queue.splice(0);
      const objects = batch.map(shown).filter((x): x is KObject => x !== undefined);
      await emit(objects, Date.now());
    }
  } finally {
    unsubscribe();
  }
  if (failure) throw failure;
}
