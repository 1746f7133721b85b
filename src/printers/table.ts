// `kubectl get` tables: NAME plus the kind's columns, with -o wide, --show-labels, -L,
// -A (NAMESPACE first) and kind prefixes when several types were asked for.

import { kindPrefix } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { Kind, PrintContext } from '../kinds/kind.js';
import { tableRows } from './tabwriter.js';

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

export function printTable(kind: Kind, objects: KObject[], ctx: PrintContext, o: TableOptions): string {
  const cols = (kind.columns ?? []).filter((c) => o.wide || !c.priority);
  const header: string[] = [];
  if (o.allNamespaces && kind.info.namespaced) header.push('NAMESPACE');
  if (kind.nameColumn !== false) header.push('NAME');
  header.push(...cols.map((c) => c.name));
  header.push(...o.labelColumns.map((l) => l.split('/').pop()!.toUpperCase()));
  if (o.showLabels) header.push('LABELS');
  const rows: string[][] = o.noHeaders ? [] : [header];
  const prefix = o.withKind ? `${kindPrefix(kind.info)}/` : '';
  for (const obj of objects) {
    const row: string[] = [];
    if (o.allNamespaces && kind.info.namespaced) row.push(obj.metadata.namespace ?? '');
    if (kind.nameColumn !== false) row.push(prefix + obj.metadata.name);
    for (const c of cols) row.push(cell(c.cell(obj, ctx)));
    for (const l of o.labelColumns) row.push(obj.metadata.labels?.[l] ?? '');
    if (o.showLabels) row.push(labelsText(obj.metadata.labels));
    rows.push(row);
  }
  return tableRows(rows);
}
