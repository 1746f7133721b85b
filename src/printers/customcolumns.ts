// `-o custom-columns=SPEC` and `-o custom-columns-file=FILE`, as kubectl's CustomColumnsPrinter.

import { goSprint } from '../util/goformat.js';
import { findJsonPathResults, parseJsonPath, relaxedJsonPathExpression } from './jsonpath/index.js';
import { TABLE, tabwrite } from './tabwriter.js';

export interface Column {
  header: string;
  /** A JSONPath template in `{.a.b}` form. */
  fieldSpec: string;
}

/**
 * A failure while printing. kubectl has already written the header and any finished rows by
 * then, and they appear above the error; `output` holds that text.
 */
export class CustomColumnsError extends Error {
  override name = 'CustomColumnsError';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Parses `NAME:.metadata.name,IP:{.status.podIP}`. */
export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

const TEMPLATE_HINT =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * Parses a custom-columns file: a line of headers, then a line of field specs, both split on
 * whitespace. kubectl prints the headers of a file template even with --no-headers.
 */
export function parseCustomColumnsFile(text: string): Column[] {
  // bufio.ScanLines: a trailing newline does not start another line, and a CR before it is dropped.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text.endsWith('\n')) lines.pop();
  if (text.length === 0 || lines.length < 1) throw new Error(`invalid template, missing header line. ${TEMPLATE_HINT}`);
  if (lines.length < 2) throw new Error(`invalid template, missing spec line. ${TEMPLATE_HINT}`);
  const words = (line: string) => line.split(/\s+/u).filter((w) => w !== '');
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new Error(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** printers.EscapeTerminal: keeps values from driving the terminal. */
function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export function printCustomColumns(objects: unknown[], columns: Column[], opts: { noHeaders: boolean }): string {
  const lines: string[] = [];
  const flush = () => (lines.length === 0 ? '' : tabwrite(lines.join('\n') + '\n', TABLE));
  if (!opts.noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  try {
    const templates = columns.map((c) => parseJsonPath(c.fieldSpec));
    for (const obj of objects) {
      const cells = templates.map((t) => {
        const results = findJsonPathResults(t, obj, { allowMissingKeys: true });
        const values = results.length === 0 || results[0].length === 0 ? ['<none>'] : [];
        for (const list of results) for (const v of list) values.push(escapeTerminal(goSprint(v)));
        return values.join(',');
      });
      lines.push(cells.join('\t'));
    }
  } catch (e) {
    throw new CustomColumnsError((e as Error).message, flush());
  }
  return flush();
}
