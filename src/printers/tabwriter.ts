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

export function tabwrite(text: string, opts: TabwriterOptions): string {
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
    for (let k = 0; k < c.length - 1; k++) line += c[k] + ' '.repeat(widths[i][k] - width(c[k]));
    line += c[c.length - 1];
    out.push(line);
  }
  return out.join('\n');
}

/** Formats rows of cells (no trailing text) as a `kubectl get` table. */
export function tableRows(rows: string[][], opts: TabwriterOptions = TABLE): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c + '\t' : c)).join('')).join('\n'), opts) + '\n';
}
