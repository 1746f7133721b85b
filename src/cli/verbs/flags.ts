// Flag helpers shared by verbs: repeatable flags and kubectl's boolean/duration parsing.

import { Option } from 'commander';
import { CliError } from '../errors.js';

export const collect = (v: string, prev: string[] = []) => [...prev, v];

export function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect);
}

export function outputOption(description = 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).'): Option {
  return new Option('-o, --output <format>', description);
}

/** -k DIR; apply and delete say "a kustomization directory", the others "the". */
export function kustomizeOption(article: 'a' | 'the' = 'the'): Option {
  return new Option('-k, --kustomize <dir>', `Process ${article} kustomization directory. This flag can't be used together with -f or -R.`);
}

export function allowMissingTemplateKeysOption(): Option {
  return new Option('--allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.');
}

export function templateOption(): Option {
  return new Option('--template <template>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].');
}

export function selectorOption(): Option {
  return repeatable('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.');
}

/** --dry-run[=none|client|server]. */
export function dryRunOption(): Option {
  return new Option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.');
}

export function dryRunMode(v: unknown): 'none' | 'client' | 'server' {
  if (v === undefined || v === false || v === 'none') return 'none';
  if (v === true || v === 'client') return 'client';
  if (v === 'server') return 'server';
  throw new Error(`Invalid dry-run value (${String(v)}). Must be "none", "server", or "client".`);
}

/** One CSV record as Go's encoding/csv reads it (pflag's StringSlice); throws its parse error. */
export function csvRecord(text: string): string[] {
  const fields: string[] = [];
  const error = (col: number, what: string) => new Error(`parse error on line 1, column ${col}: ${what}`);
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let field = '';
      for (i++; ; i++) {
        if (i >= text.length) throw error(text.length + 1, 'extraneous or missing " in quoted-field');
        if (text[i] !== '"') field += text[i];
        else if (text[i + 1] === '"') field += text[i++];
        else if (i + 1 === text.length || text[i + 1] === ',') break;
        else throw error(i + 1, 'extraneous or missing " in quoted-field');
      }
      fields.push(field);
      i++;
    } else {
      const end = text.indexOf(',', i);
      const field = text.slice(i, end < 0 ? text.length : end);
      const quote = field.indexOf('"');
      if (quote >= 0) throw error(i + quote + 1, 'bare " in non-quoted-field');
      fields.push(field);
      i += field.length;
    }
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/** A repeatable flag whose values are comma lists (pflag's StringSlice); `flag` and `command` name it in errors. */
export function stringSlice(flags: string, description: string, flag: string, command: string): Option {
  // pflag shows an unset slice as `[]`.
  const option = new Option(flags, description).default([]);
  return option.argParser((v: string, prev: string[] = []) => {
    if (v === '') return prev;
    try {
      return [...prev, ...csvRecord(v)];
    } catch (e) {
      throw new CliError(`invalid argument ${goQuote(v)} for "${flag}" flag: ${(e as Error).message}\nSee 'kctl ${command} --help' for usage.`);
    }
  });
}

/** Go's %q of a string: JSON's escapes are the same for what a command line holds. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
