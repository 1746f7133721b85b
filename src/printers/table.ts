// `kubectl get` tables: NAME plus the kind's columns, with -o wide, --show-labels, -L,
// -A (NAMESPACE first) and kind prefixes when several types were asked for.

import { kindPrefix } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { Kind, PrintContext } from '../kinds/kind.js';
import { TABLE, tableRows, type Paint } from './tabwriter.js';
import { own } from '../util/objects.js';

export interface TableOptions {
  wide: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  allNamespaces: boolean;
  withKind: boolean;
}

function labelsText(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** kubectl cuts cells at the first line break and marks the cut. */
function cell(v: string): string {
  const i = v.search(/[\n\r\f]/);
  return i < 0 ? v : v.slice(0, i) + '...';
}

export function tableHeader(kind: Kind, o: TableOptions): string[] {
  const header: string[] = [];
  if (o.allNamespaces && kind.info.namespaced) header.push('NAMESPACE');
  if (kind.nameColumn !== false) header.push('NAME');
  header.push(...(kind.columns ?? []).filter((c) => o.wide || !c.priority).map((c) => c.name));
  header.push(...o.labelColumns.map((l) => l.split('/').pop()!.toUpperCase()));
  if (o.showLabels) header.push('LABELS');
  return header;
}

/** The header (unless noHeaders) and one row of cells per object. */
export function tableCells(kind: Kind, objects: KObject[], ctx: PrintContext, o: TableOptions): string[][] {
  const cols = (kind.columns ?? []).filter((c) => o.wide || !c.priority);
  const rows: string[][] = o.noHeaders ? [] : [tableHeader(kind, o)];
  const prefix = o.withKind ? `${kindPrefix(kind.info)}/` : '';
  for (const obj of objects) {
    const row: string[] = [];
    if (o.allNamespaces && kind.info.namespaced) row.push(obj.metadata.namespace ?? '');
    if (kind.nameColumn !== false) row.push(prefix + obj.metadata.name);
    for (const c of cols) row.push(cell(c.cell(obj, ctx)));
    for (const l of o.labelColumns) row.push(own(obj.metadata.labels, l) ?? '');
    if (o.showLabels) row.push(labelsText(obj.metadata.labels));
    rows.push(row);
  }
  return rows;
}

export type Colorize = (style: 'green' | 'red' | 'yellow', text: string) => string;

const GOOD = new Set(['Running', 'Ready', 'Active', 'Completed', 'Complete', 'Bound']);
const BAD = /^(Error|Failed|CrashLoopBackOff|ImagePullBackOff|ErrImagePull|OOMKilled|NotReady|Unknown|Evicted|Init:Error|Init:CrashLoopBackOff|CreateContainerConfigError|ContainerStatusUnknown)/;

/**
 * Colour for STATUS cells on a terminal (kubectl has none; kctl adds it only on a TTY): green
 * for healthy states, red for failures, yellow for everything on its way.
 */
export function statusPainter(kind: Kind, o: TableOptions, color: Colorize | undefined): Paint | undefined {
  const col = tableHeader(kind, o).indexOf('STATUS');
  if (!color || col < 0) return undefined;
  return (line, k, text) => {
    if ((line === 0 && !o.noHeaders) || k !== col || !text) return text;
    const first = text.split(',')[0];
    return color(GOOD.has(first) ? 'green' : BAD.test(first) ? 'red' : 'yellow', text);
  };
}

export function printTable(kind: Kind, objects: KObject[], ctx: PrintContext, o: TableOptions, paint?: Paint): string {
  return tableRows(tableCells(kind, objects, ctx, o), TABLE, paint);
}
