// kubectl describe.

import type { Command } from 'commander';
import { notFound } from '../../api/errors.js';
import { qualifiedResource } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import type { Kind, PrintContext } from '../../kinds/kind.js';
import { kindFor } from '../../kinds/registry.js';
import { DescribeWriter } from '../../printers/describe.js';
import { ApiReader } from '../../apiserver/reader.js';
import { describerFor } from '../../kinds/describe.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../resources.js';
import { noResourcesMessage, select } from './get.js';
import { repeatable, selectorOption } from './flags.js';
import { readManifests } from './manifests.js';

/** fatih/camelcase.Split: runs of lower case, upper case, digits and other characters. */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = cls(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  // An upper-case run followed by a lower-case run gives its last letter to it: HTTPServer → HTTP Server.
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** kubectl's smartLabelFor: `apiVersion` → `API Version`. */
function smartLabel(field: string): string {
  if ([...field].some((c) => c !== '-' && !/\p{L}/u.test(c))) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v of a decoded JSON value. */
function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

const GENERIC_SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

/** printUnstructuredContent: every field, sorted, as `Smart Label:⇥value`, maps and lists nested. */
function unstructured(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (GENERIC_SKIP.includes(path)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      unstructured(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) unstructured(w, level + 1, child as Record<string, unknown>, path);
        else w.line(level + 1, goPrint(child));
      }
    } else {
      w.line(level, `${smartLabel(field)}:\t${goPrint(value)}`);
    }
  }
}

/** kubectl's generic describer, for kinds without a describer of their own. */
function genericDescribe(o: KObject, ctx: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace ?? ''}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  unstructured(w, 0, o as unknown as Record<string, unknown>, '');
  w.events(o, ctx);
  return w.toString();
}

function describeOne(kind: Kind, o: KObject, ctx: PrintContext): string {
  return (describerFor(kind.info.resource) ?? genericDescribe)(o, ctx);
}

const describeAction: Action = async (session, args, opts) => {
  const cluster = await session.read();
  const ctx = { cluster, now: session.nowMs, showEvents: opts.showEvents === undefined || !['false', '0', 'f', 'F', 'FALSE', 'False'].includes(String(opts.showEvents)) };
  let requests: ResourceRequest[];
  if (opts.filename) {
    requests = requestsFromManifests(await readManifests(session, opts.filename as string[], !!opts.recursive));
  } else {
    if (!args.length) throw new CliError('You must specify the type of resource to describe. Use "kctl api-resources" for a complete list of supported resources.', 'describe');
    requests = parseResourceArgs(args, 'describe').requests;
  }
  const texts: string[] = [];
  const errors: string[] = [];
  // `describe TYPE NAME` alone falls back to every object whose name starts with NAME, each
  // printed with one blank line after it (DescribeMatchingResources).
  const byPrefix = !opts.filename && args.length === 2 && requests.length === 1 && requests[0].names.length === 1;
  for (const req of requests) {
    const kind = kindFor(req.info);
    if (req.names.length) {
      for (const name of req.names) {
        const ns = req.info.namespaced ? (req.namespace ?? session.namespace) : undefined;
        const exact = cluster.store.get(req.info.resource, ns, name);
        if (exact) texts.push(describeOne(kind, exact, ctx));
        const found = exact || !byPrefix ? [] : cluster.store.list(req.info.resource, ns).filter((o) => o.metadata.name.startsWith(name));
        if (found.length) session.io.out(found.map((o) => describeOne(kind, o, ctx) + '\n').join(''));
        else if (!exact) errors.push(`Error from server (NotFound): ${notFound(qualifiedResource(req.info), name).message}`);
      }
    } else {
      const sel = select(session, new ApiReader(cluster), req, { allNamespaces: opts.allNamespaces as boolean, selector: opts.selector as string[] });
      for (const o of sel.objects) texts.push(describeOne(kind, o, ctx));
    }
  }
  if (texts.length) session.io.out(texts.join('\n\n'));
  else if (!errors.length && !byPrefix) session.io.err(noResourcesMessage(session, requests, opts.allNamespaces as boolean));
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
};

export function registerDescribe(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('describe')
    .description('Show details of a specific resource or group of resources')
    .argument('[args...]')
    .addOption(selectorOption())
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files containing the resource to describe'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--show-events [bool]', 'If true, display events related to the described object.')
    .addHelpText(
      'after',
      `
Examples:
  # Describe a service and see its endpoints
  kctl describe service sample-clusterip

  # Describe pods by label
  kctl describe pods -l app=sample-app

  # Describe all pods whose names start with "sample-deployment"
  kctl describe pods sample-deployment`,
    )
    .action(wrap(describeAction));
}
