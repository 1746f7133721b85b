// `kubectl get` tables: the API server's Table (NAME plus the kind's columns), and kubectl's way of
// printing it: -o wide, --show-labels, -L, -A (NAMESPACE first) and kind prefixes when several
// types were asked for.

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
  /**
   * -A with a cluster-scoped kind printed after a namespaced one: kubectl's printer flags keep
   * the NAMESPACE column once a kind turned it on, so the column stays, empty.
   */
  namespaceColumnKept?: boolean;
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

/** A column of the API server's Table (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumnDefinition {
  name: string;
  type: string;
  /** `name` marks the column kubectl prefixes with the kind (`pod/web`). */
  format: string;
  description: string;
  /** 1: shown only with -o wide. */
  priority: number;
}

/** What the API server answers a list or get with when the client asks for a Table. */
export interface ServerTable {
  columnDefinitions: TableColumnDefinition[];
  rows: { cells: string[]; object: KObject }[];
}

/** The column definitions of a kind's Table. */
export function tableColumns(kind: Kind): TableColumnDefinition[] {
  const column = (name: string, priority = 0, format = ''): TableColumnDefinition => ({ name, type: 'string', format, description: '', priority });
  return [...(kind.nameColumn !== false ? [column('NAME', 0, 'name')] : []), ...(kind.columns ?? []).map((c) => column(c.name, c.priority ?? 0, c.format ?? ''))];
}

/**
 * The Table of a v1.32 API server: the kind's every column, with cells computed as for -o wide
 * (the server's TableConvertor always generates them so; the client leaves out the priority
 * columns). kubectl's and kctl's `get` print it alike.
 */
export function serverTable(kind: Kind, objects: KObject[], ctx: PrintContext): ServerTable {
  const cols = kind.columns ?? [];
  const wide = { ...ctx, wide: true };
  return {
    columnDefinitions: tableColumns(kind),
    rows: objects.map((obj) => ({
      cells: [...(kind.nameColumn !== false ? [obj.metadata.name] : []), ...cols.map((c) => c.cell(obj, wide))],
      object: obj,
    })),
  };
}

/**
 * A server Table as kubectl decorates and prints it: the priority columns only with -o wide,
 * NAMESPACE first (-A, namespaced kinds), the kind before the name when several types were asked
 * for, -L's label columns and LABELS last. Cells are cut at the first line break.
 */
export function tableCellsOf(table: ServerTable, kind: Kind, o: TableOptions): string[][] {
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || !c.priority);
  const withNamespace = o.allNamespaces && (kind.info.namespaced || !!o.namespaceColumnKept);
  const header = [
    ...(withNamespace ? ['NAMESPACE'] : []),
    ...shown.map(({ c }) => c.name.toUpperCase()),
    ...o.labelColumns.map((l) => l.split('/').pop()!.toUpperCase()),
    ...(o.showLabels ? ['LABELS'] : []),
  ];
  const rows: string[][] = o.noHeaders ? [] : [header];
  const prefix = o.withKind ? `${kindPrefix(kind.info)}/` : '';
  for (const { cells, object } of table.rows) {
    const row: string[] = [];
    if (withNamespace) row.push(object.metadata.namespace ?? '');
    for (const { c, i } of shown) row.push(cell(c.format === 'name' ? prefix + cells[i] : cells[i]));
    for (const l of o.labelColumns) row.push(own(object.metadata.labels, l) ?? '');
    if (o.showLabels) row.push(labelsText(object.metadata.labels));
    rows.push(row);
  }
  return rows;
}

export function tableHeader(kind: Kind, o: TableOptions): string[] {
  return tableCellsOf({ columnDefinitions: tableColumns(kind), rows: [] }, kind, { ...o, noHeaders: false })[0];
}

/** The header (unless noHeaders) and one row of cells per object. */
export function tableCells(kind: Kind, objects: KObject[], ctx: PrintContext, o: TableOptions): string[][] {
  return tableCellsOf(serverTable(kind, objects, ctx), kind, o);
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
