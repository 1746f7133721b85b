// kubectl's go-template printer: text/template with kubectl's functions over the object as
// encoding/json sees it (numbers are float64), missing keys printed as <no value>.

import { goJson, goQuote } from '../../util/goformat.js';
import { PrinterError } from '../errors.js';
import { formatArg } from './fmt.js';
import { BUILTINS } from './funcs.js';
import { execute } from './exec.js';
import { parseTemplate, TemplateError, type TreeSet } from './parse.js';
import type { Concrete } from './value.js';

export { TemplateError } from './parse.js';

const NAME = 'output';

export function parseGoTemplate(text: string): TreeSet {
  return parseTemplate(NAME, text, new Set(Object.keys(BUILTINS)));
}

export function executeGoTemplate(set: TreeSet, text: string, data: unknown, o: { missingKeyError?: boolean } = {}): string {
  return execute(set, NAME, text, data, o);
}

/** kubectl's printer for one object (or List): parse errors and execution errors as kubectl words them. */
export function printGoTemplate(template: string, data: unknown, missingKeyError = false): string {
  let set: TreeSet;
  try {
    set = parseGoTemplate(template);
  } catch (e) {
    if (e instanceof TemplateError) throw new PrinterError(`error parsing template ${template}, ${e.message}`);
    throw e;
  }
  const value = JSON.parse(JSON.stringify(data)) as Concrete;
  try {
    return executeGoTemplate(set, template, value, { missingKeyError });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    // kubectl prints what it can to debug the template on stdout, then fails.
    const debug =
      e.partial +
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${goJson(value)}\n` +
      `\tobject given to template engine was:\n\t\t${formatArg(value, { minus: false, plus: false, sharp: false, zero: false, space: false, verb: 'v' })}\n\n`;
    throw new PrinterError(`error executing template ${goQuote(template)}: ${e.message}`, debug);
  }
}
