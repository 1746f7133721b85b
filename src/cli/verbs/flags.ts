// Flag helpers shared by verbs: repeatable flags and kubectl's boolean/duration parsing.

import { Option } from 'commander';

export const collect = (v: string, prev: string[] = []) => [...prev, v];

export function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect);
}

export function outputOption(description = 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).'): Option {
  return new Option('-o, --output <format>', description);
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
