// -o yaml|json|name|jsonpath|custom-columns: the non-table printers.

import { kindPrefix, resourceForKind } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { PrinterError } from './errors.js';
import { loadYaml } from '../util/yaml.js';
import { goJson, goQuote, goSyntax } from '../util/goformat.js';
import { executeJsonPath, findJsonPathResults, parseJsonPath, JsonPathError } from './jsonpath/index.js';
import { CustomColumnsError, parseCustomColumns, parseCustomColumnsFile, printCustomColumns } from './customcolumns.js';
import { InputTooLarge, readFileCapped } from '../util/readcapped.js';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson?: boolean; allowMissingKeys?: boolean }
  | { kind: 'go-template'; template: string; allowMissingKeys?: boolean }
  | { kind: 'custom-columns'; spec: string; file: boolean };

const PRINTERS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];
/** get also prints tables (wide, custom columns); the writing verbs print only objects. */
const TABLE_PRINTERS = ['custom-columns', 'custom-columns-file', 'wide'];

/**
 * The printer -o names. template: --template, which names the template whatever -o says after
 * its `=`, and alone means -o go-template.
 */
export function parseOutput(o: string | undefined, verb = 'get', template?: string, allowMissingKeys = true): OutputFormat {
  const format = outputFormat(o, verb, template);
  return format.kind === 'jsonpath' || format.kind === 'go-template' ? { ...format, allowMissingKeys } : format;
}

function outputFormat(o: string | undefined, verb: string, template: string | undefined): OutputFormat {
  const tables = verb === 'get';
  if (!o && template) o = 'go-template';
  if (!o) return { kind: 'table', wide: false };
  if (o === 'wide' && tables) return { kind: 'table', wide: true };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = template || (eq < 0 ? '' : o.slice(eq + 1));
  switch (name) {
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new PrinterError('template format specified but no template given');
      return { kind: 'jsonpath', template: arg, asJson: name === 'jsonpath-as-json' };
    case 'jsonpath-file':
      return { kind: 'jsonpath', template: readTemplate(arg) };
    case 'go-template':
    case 'template':
      if (!arg) throw new PrinterError('template format specified but no template given');
      return { kind: 'go-template', template: arg };
    case 'go-template-file':
    case 'templatefile':
      if (!arg) throw new PrinterError('template format specified but no template given');
      return { kind: 'go-template', template: readTemplate(arg, `--template ${arg}`) };
  }
  if (tables && name === 'custom-columns') return { kind: 'custom-columns', spec: arg, file: false };
  if (tables && name === 'custom-columns-file') return { kind: 'custom-columns', spec: readTemplate(arg), file: true };
  const allowed = [...PRINTERS, ...(tables ? TABLE_PRINTERS : [])].sort();
  throw new PrinterError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed.join(',')}`);
}

/** A template file is a few lines; /dev/zero is refused rather than read into memory. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

function readTemplate(path: string, what = `template ${path}`): string {
  try {
    return readFileCapped(path, MAX_TEMPLATE_BYTES);
  } catch (e) {
    if (e instanceof InputTooLarge) throw new PrinterError(`error reading ${what}: larger than ${MAX_TEMPLATE_BYTES} bytes`);
    throw new PrinterError(`error reading ${what}, open ${path}: no such file or directory`);
  }
}

/** Keys sorted at every level, as kubectl's YAML printer (via JSON maps) emits them. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(Object.keys(o).sort().flatMap((k) => (o[k] === undefined ? [] : [[k, sortKeys(o[k])]])));
  }
  return v;
}

/**
 * go-yaml's choice of quotes: a string that reads as another type (true, 123, a timestamp) is
 * double-quoted, one that is only unsafe as plain text (`a: b`) single-quoted, one with
 * characters single quotes cannot hold double-quoted.
 */
function singleQuoted(yaml: Awaited<ReturnType<typeof loadYaml>>, s: string): boolean {
  if (!/^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*$/.test(s) || s === '') return false;
  if (!yaml.stringify(s, { version: '1.1', lineWidth: 0 }).startsWith('"')) return false;
  let parsed: unknown;
  try {
    parsed = yaml.parse(s, { version: '1.1' });
  } catch {
    return true;
  }
  return typeof parsed === 'string' || (typeof parsed === 'object' && parsed !== null && !(parsed instanceof Date));
}

/** A jsonpath that must find every key: kubectl words its failure with the template and the object. */
function strictJsonPath(raw: string, template: ReturnType<typeof parseJsonPath>, value: unknown, asJson: boolean): string {
  try {
    if (!asJson) return executeJsonPath(template, value, { allowMissingKeys: false });
    return findJsonPathResults(template, value, { allowMissingKeys: false })
      .map((results) => goJsonIndent(results, '') + '\n')
      .join('');
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    throw new PrinterError(
      `error executing jsonpath ${goQuote(raw)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${raw}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(value)}\n\n`,
    );
  }
}

/** The yaml library is loaded only by commands that print or read YAML. */
export async function toYaml(v: unknown): Promise<string> {
  const yaml = await loadYaml();
  const doc = new yaml.Document(sortKeys(v), { version: '1.1', aliasDuplicateObjects: false });
  yaml.visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && singleQuoted(yaml, node.value)) node.type = 'QUOTE_SINGLE';
    },
  });
  const text = doc.toString({ indentSeq: false, lineWidth: 0 });
  // The yaml library's 1.1 floats take a lone `.`, which Go's yaml writes plain (FieldsV1's `.: {}`).
  return text.replace(/^(\s*(?:- )?)"\.":/gm, '$1.:');
}

/**
 * kubectl's JSON printer. Objects read from the server are maps to kubectl, printed with sorted
 * keys; the typed objects of the create generators keep their Go struct order (keepOrder).
 */
export function toJson(v: unknown, keepOrder = false): string {
  return JSON.stringify(keepOrder ? v : sortKeys(v), null, 4) + '\n';
}

/** json.MarshalIndent with four spaces, over goJson's encoding of scalars and key order. */
function goJsonIndent(v: unknown, indent: string): string {
  const inner = indent + '    ';
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => inner + goJsonIndent(x, inner)).join(',\n')}\n${indent}]` : '[]';
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v).sort();
    return keys.length ? `{\n${keys.map((k) => `${inner}${goJson(k)}: ${goJsonIndent((v as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${indent}}` : '{}';
  }
  return goJson(v);
}

export function asList(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function nameOf(o: KObject): string {
  const info = resourceForKind(o.kind);
  return `${info ? kindPrefix(info) : o.kind.toLowerCase()}/${o.metadata.name}`;
}

/**
 * Prints objects in a non-table format. single: the command named exactly one object, so
 * yaml/json/jsonpath print that object rather than a List.
 */
export interface PrintOptions {
  noHeaders?: boolean;
  /** JSON in the order the objects were built (the create generators' Go struct order). */
  keepOrder?: boolean;
  /** yaml and json keep metadata.managedFields (kubectl's --show-managed-fields). */
  showManagedFields?: boolean;
}

/** kubectl's OmitManagedFieldsPrinter: yaml and json leave metadata.managedFields out. */
function omitManagedFields(o: KObject): KObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata } as KObject;
}

/**
 * Objects printed one by one, as kubectl's create and run print each object they sent (a YAML
 * printer separates documents with `---`); get and apply print several as one List instead.
 */
export async function printEach(format: OutputFormat, objects: KObject[], o: PrintOptions = {}): Promise<string> {
  const docs = await Promise.all(objects.map((obj) => printObjects(format, [obj], true, o)));
  return docs.join(format.kind === 'yaml' ? '---\n' : '');
}

export async function printObjects(format: OutputFormat, objects: KObject[], single: boolean, o: PrintOptions = {}): Promise<string> {
  if ((format.kind === 'yaml' || format.kind === 'json') && !o.showManagedFields) objects = objects.map(omitManagedFields);
  const data = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (format.kind) {
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data, o.keepOrder);
    case 'name':
      return objects.map((o) => nameOf(o) + '\n').join('');
    case 'jsonpath':
      try {
        const template = parseJsonPath(format.template);
        const value = JSON.parse(JSON.stringify(data));
        const allowMissingKeys = format.allowMissingKeys ?? true;
        if (!allowMissingKeys) return strictJsonPath(format.template, template, value, !!format.asJson);
        if (!format.asJson) return executeJsonPath(template, value, { allowMissingKeys });
        // jsonpath-as-json: each action's results as one indented JSON array.
        return findJsonPathResults(template, value, { allowMissingKeys })
          .map((results) => goJsonIndent(results, '') + '\n')
          .join('');
      } catch (e) {
        if (e instanceof JsonPathError) throw new PrinterError(e.message);
        throw e;
      }
    case 'go-template': {
      const { printGoTemplate } = await import('./gotemplate/index.js');
      return printGoTemplate(format.template, data, format.allowMissingKeys === false);
    }
    case 'custom-columns':
      try {
        const cols = format.file ? parseCustomColumnsFile(format.spec) : parseCustomColumns(format.spec);
        return printCustomColumns(objects, cols, { noHeaders: o.noHeaders ?? false });
      } catch (e) {
        if (e instanceof CustomColumnsError || e instanceof JsonPathError) throw new PrinterError(e.message);
        throw e;
      }
    case 'table':
      throw new Error('tables are printed by printTable');
  }
}
