// kubectl get --watch over the state file: after the list, every change another kctl process
// makes to the selected objects prints one more row (or object), until the request timeout ends
// the watch (kubectl's --request-timeout; none means until interrupted).

import { statSync } from 'node:fs';
import type { KObject } from '../../api/types.js';
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

const POLL_MS = 200;

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

  const seen = new Map<string, KObject>();
  const key = (x: KObject) => `${x.metadata.namespace ?? ''}/${x.metadata.name}`;
  const current = async () => select(session, new ApiReader(await session.read()), req, o.query).objects;
  const stampOf = () => {
    try {
      const st = statSync(session.statePath);
      return `${st.mtimeMs}/${st.size}/${st.ino}`;
    } catch {
      return '';
    }
  };
  // Stamped before the first read: a write that lands between the read and the first poll
  // is then seen, not lost.
  let stamp = stampOf();
  for (const x of await current()) seen.set(key(x), x);
  if (o.list) await emit([...seen.values()], session.nowMs);

  const deadline = o.timeoutMs ? Date.now() + o.timeoutMs : Infinity;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    const now = stampOf();
    if (now === stamp) continue;
    stamp = now;
    const changed: KObject[] = [];
    const live = new Map((await current()).map((x) => [key(x), x]));
    for (const [k, x] of live) {
      if (seen.get(k)?.metadata.resourceVersion !== x.metadata.resourceVersion) changed.push(x);
    }
    // A deleted object shows once more, as the deletion event carries it: terminating.
    for (const [k, x] of seen) {
      if (!live.has(k)) changed.push({ ...x, metadata: { ...x.metadata, deletionTimestamp: new Date().toISOString() } });
    }
    seen.clear();
    for (const [k, x] of live) seen.set(k, x);
    await emit(changed, Date.now());
  }
}
