// Go text/tabwriter semantics, which every kubectl human-readable printer goes through.
// Cells are TAB-terminated; the text after a line's last TAB is not part of any column.
// Columns are aligned per block of consecutive lines that all have a cell in that column.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** `kubectl get` tables: min width 6, padding 3. */
export const TABLE: TabwriterOptions = { minWidth: 6, padding: 3 };
/** `kubectl describe`, `rollout history`, event tables: min width 0, padding 2. */
export const DESCRIBE: TabwriterOptions = { minWidth: 0, padding: 2 };

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Decorates a cell's text after alignment (colour), given its line and column. */
export type Paint = (line: number, col: number, text: string) => string;

export function tabwrite(text: string, opts: TabwriterOptions, paint?: Paint): string {
  const lines = text.split('\n');
  const cells = lines.map((l) => l.split('\t'));
  // cells[i] has cells[i].length - 1 tab-terminated cells; the last element is the trailing text.
  const widths: number[][] = cells.map((c) => new Array(Math.max(0, c.length - 1)).fill(0));

  const format = (start: number, end: number, col: number): void => {
    let i = start;
    while (i < end) {
      if (cells[i].length - 1 <= col) {
        i++;
        continue;
      }
      let j = i;
      let w = opts.minWidth;
      while (j < end && cells[j].length - 1 > col) {
        w = Math.max(w, width(cells[j][col]) + opts.padding);
        j++;
      }
      for (let k = i; k < j; k++) widths[k][col] = w;
      format(i, j, col + 1);
      i = j;
    }
  };
  format(0, lines.length, 0);

  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = cells[i];
    let line = '';
    const shown = (k: number) => (paint ? paint(i, k, c[k]) : c[k]);
    for (let k = 0; k < c.length - 1; k++) line += shown(k) + ' '.repeat(widths[i][k] - width(c[k]));
    line += shown(c.length - 1);
    out.push(line);
  }
  return out.join('\n');
}

/** Formats rows of cells (no trailing text) as a `kubectl get` table. */
export function tableRows(rows: string[][], opts: TabwriterOptions = TABLE, paint?: Paint): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c + '\t' : c)).join('')).join('\n'), opts, paint) + '\n';
}

/**
 * kubectl's table printer under --watch: a tabwriter that remembers its column widths, so rows
 * printed one event at a time line up with what came before and only ever push columns wider.
 */
export class RememberingTable {
  private widths: number[] = [];

  constructor(private readonly opts: TabwriterOptions = TABLE) {}

  rows(rows: string[][], paint?: Paint): string {
    for (const r of rows) {
      r.slice(0, -1).forEach((c, k) => (this.widths[k] = Math.max(this.widths[k] ?? this.opts.minWidth, width(c) + this.opts.padding)));
    }
    return rows
      .map((r, i) => r.map((c, k) => (paint ? paint(i, k, c) : c) + (k < r.length - 1 ? ' '.repeat(this.widths[k] - width(c)) : '')).join('') + '\n')
      .join('');
  }
}
