// Decoding a manifest stream the way kubectl's YAMLOrJSONDecoder does: a stream that starts with
// `{` is JSON; anything else is split into YAML documents at `---` lines, and each document is
// converted on its own, so error lines count from the document's first line.
//
// kubectl converts YAML with go-yaml (a port of libyaml); kctl parses with the `yaml` library and
// words its errors as go-yaml does for the mistakes people make by hand. go-yaml reports the line
// of a scanner error as is, but the line of a parser error one lower (a 0-based mark printed as
// if it were 1-based); the rules below reproduce both.

import type { YAMLParseError } from 'yaml';
import { loadYaml } from '../../util/yaml.js';
import { CliError } from '../errors.js';
import { decodeJsonStream } from './jsondecode.js';

/** k8s.io/apimachinery's YAMLReader: documents end at lines that start with `---`. */
export function splitDocuments(text: string, source: string): string[] {
  const docs: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest && !rest.startsWith('#')) throw new CliError(`error parsing ${source}: invalid Yaml document separator: ${rest}`);
      if (current) docs.push(current);
      current = '';
      continue;
    }
    current += line;
  }
  if (current) docs.push(current);
  return docs;
}

interface GoYamlError {
  message: string;
  /** 1-based line go-yaml prints, or undefined for errors without a line. */
  line?: number;
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const blank = (line: string) => /^\s*(#.*)?$/.test(line);

/**
 * Whether the token starting line `errLine` (1-based) sits in a block sequence indented under its
 * key, where libyaml wants another `-`; an indentless sequence (`-` under the key's own column)
 * has already ended there, and libyaml wants the next key instead.
 */
function inIndentedSequence(lines: string[], errLine: number): boolean {
  const col = indentOf(lines[errLine - 1] ?? '');
  for (let i = errLine - 2; i >= 0; i--) {
    if (blank(lines[i])) continue;
    const ind = indentOf(lines[i]);
    if (/^ *-( |$)/.test(lines[i]) && ind <= col) {
      // The key owning the sequence: the first line above, past earlier items and their contents.
      for (let j = i - 1; j >= 0; j--) {
        if (blank(lines[j]) || indentOf(lines[j]) > ind || (indentOf(lines[j]) === ind && /^ *-( |$)/.test(lines[j]))) continue;
        return indentOf(lines[j]) < ind;
      }
      return false;
    }
    if (ind < col) return false;
  }
  return false;
}

/** The first line at or after `from` (1-based) that holds something other than blanks and comments. */
function nextTokenLine(lines: string[], from: number): number {
  let i = from;
  while (i <= lines.length && /^\s*(#.*)?$/.test(lines[i - 1] ?? '')) i++;
  return Math.min(i, lines.length);
}

/** go-yaml's message and line for the first error the yaml library found in a document. */
function goYamlError(err: YAMLParseError, doc: string): GoYamlError {
  const lines = doc.split('\n');
  const line = err.linePos?.[0]?.line ?? 1;
  const msg = err.message;
  if (err.code === 'BAD_ALIAS' || /alias/i.test(msg)) {
    const name = /: (\S+)$/.exec(msg.split('\n')[0].replace(/ at line.*$/, ''))?.[1] ?? '';
    return { message: `unknown anchor '${name}' referenced` };
  }
  if (err.code === 'TAB_AS_INDENT' || err.code === 'BAD_SCALAR_START') return { message: 'found character that cannot start any token', line };
  if (/Nested mappings are not allowed|Implicit keys of flow sequence pairs/.test(msg)) {
    // libyaml stops at the colon, which may be lines below where the value began.
    const colon = /:(?=[ \t\n]|$)/g;
    colon.lastIndex = err.pos[0];
    const at = colon.exec(doc)?.index ?? err.pos[0];
    const at1 = doc.slice(0, at).split('\n').length;
    // A scanner error's mark is 0-based and go-yaml prints none for 0.
    return { message: 'mapping values are not allowed in this context', line: at1 > 1 ? at1 : undefined };
  }
  if (err.code === 'MULTILINE_IMPLICIT_KEY') return { message: "could not find expected ':'", line: err.linePos?.[1]?.line ?? line };
  if (/Implicit map keys need to be followed by map values/.test(msg)) return { message: "could not find expected ':'", line: nextTokenLine(lines, line + 1) };
  if (err.code === 'BAD_DQ_ESCAPE') return { message: 'found unknown escape character', line };
  if (/Missing closing ("|')quote/.test(msg)) return { message: 'found unexpected end of stream', line: lines.length };
  if (/Flow sequence .*end with a \]|Expected , or \] after|must end with a \]/.test(msg)) return { message: "did not find expected ',' or ']'", line: line - 1 };
  if (/Flow map .*end with a \}|Expected , or \} after|must end with a \}/.test(msg)) return { message: "did not find expected ',' or '}'", line: line - 1 };
  if (['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'MISSING_CHAR'].includes(err.code)) {
    return { message: inIndentedSequence(lines, line) ? "did not find expected '-' indicator" : 'did not find expected key', line: line - 1 };
  }
  return { message: msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line };
}

/** go-yaml's error for a YAML document: `yaml: line N: …`. */
export class YamlError extends Error {}

/**
 * Converts one YAML document into a JSON value (null for an empty one), as go-yaml would, or
 * throws a YamlError worded as go-yaml words it.
 */
export async function yamlToJson(doc: string): Promise<unknown> {
  const { parseDocument } = await loadYaml();
  const fail = (e: GoYamlError): never => {
    throw new YamlError(`yaml: ${e.line ? `line ${e.line}: ` : ''}${e.message}`);
  };
  const d = parseDocument(doc, { uniqueKeys: false, version: '1.1' });
  if (d.errors.length) fail(goYamlError(d.errors[0], doc));
  try {
    return d.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof RangeError) return fail({ message: 'document nested too deeply' });
    const alias = /Unresolved alias.*: (.*)$/.exec((e as Error).message);
    if (alias) return fail({ message: `unknown anchor '${alias[1]}' referenced` });
    return fail({ message: (e as Error).message });
  }
}

/** Decodes one YAML document into a JSON value (null for an empty one). */
async function decodeYamlDocument(doc: string, source: string): Promise<unknown> {
  try {
    return await yamlToJson(doc);
  } catch (e) {
    if (e instanceof YamlError) throw new CliError(`error parsing ${source}: error converting YAML to JSON: ${e.message}`);
    throw e;
  }
}

/** The values of a manifest stream, as kubectl's decoder yields them (empty documents dropped). */
export async function decodeStream(text: string, source: string): Promise<unknown[]> {
  if (/^\s*\{/.test(text)) {
    try {
      return decodeJsonStream(text);
    } catch (e) {
      throw new CliError(`error parsing ${source}: ${(e as Error).message}`);
    }
  }
  const out: unknown[] = [];
  for (const doc of splitDocuments(text, source)) {
    const v = await decodeYamlDocument(doc, source);
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}
