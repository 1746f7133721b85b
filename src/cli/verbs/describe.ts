// kubectl describe.

import type { Command } from 'commander';
import { notFound } from '../../api/errors.js';
import { qualifiedResource } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import type { Kind, PrintContext } from '../../kinds/kind.js';
import { kindFor } from '../../kinds/registry.js';
import { DescribeWriter } from '../../printers/describe.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, type ResourceRequest } from '../resources.js';
import { noResourcesMessage, select } from './get.js';
import { repeatable, selectorOption } from './flags.js';
import { readManifests } from './manifests.js';

/** For kinds without a describer of their own: metadata, then the rest as YAML-like lines. */
function genericDescribe(o: KObject, ctx: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  if (o.metadata.namespace) w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  const dump = (v: unknown, level: number, key: string) => {
    const title = key.charAt(0).toUpperCase() + key.slice(1);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      w.line(level, `${title}:`);
      for (const k of Object.keys(v)) dump((v as Record<string, unknown>)[k], level + 1, k);
    } else if (Array.isArray(v)) {
      w.line(level, `${title}:`);
      v.forEach((x, i) => dump(x, level + 1, String(i)));
    } else w.line(level, `${title}:\t${String(v)}`);
  };
  for (const k of Object.keys(o)) if (!['apiVersion', 'kind', 'metadata'].includes(k)) dump(o[k], 0, k);
  w.events(o, ctx);
  return w.toString();
}

function describeOne(kind: Kind, o: KObject, ctx: PrintContext): string {
  return (kind.describe ?? genericDescribe)(o, ctx);
}

const describeAction: Action = async (session, args, opts) => {
  const cluster = await session.read();
  const ctx = { cluster, now: session.nowMs };
  let requests: ResourceRequest[];
  if (opts.filename) {
    const docs = await readManifests(session, opts.filename as string[], !!opts.recursive);
    requests = docs.map((d) => ({ info: d.info, names: [d.obj.metadata.name] }));
  } else {
    if (!args.length) throw new CliError('You must specify the type of resource to describe. Use "kctl api-resources" for a complete list of supported resources.', 'describe');
    requests = parseResourceArgs(args, 'describe').requests;
  }
  const texts: string[] = [];
  const errors: string[] = [];
  for (const req of requests) {
    const kind = kindFor(req.info);
    if (req.names.length) {
      for (const name of req.names) {
        const exact = cluster.store.get(req.info.resource, req.info.namespaced ? session.namespace : undefined, name);
        // kubectl falls back to every object whose name starts with what was given.
        const found = exact ? [exact] : cluster.store.list(req.info.resource, req.info.namespaced ? session.namespace : undefined).filter((o) => o.metadata.name.startsWith(name));
        if (!found.length) errors.push(`Error from server (NotFound): ${notFound(qualifiedResource(req.info), name).message}`);
        for (const o of found) texts.push(describeOne(kind, o, ctx));
      }
    } else {
      const sel = select(session, cluster, req, { allNamespaces: opts.allNamespaces as boolean, selector: opts.selector as string[] });
      for (const o of sel.objects) texts.push(describeOne(kind, o, ctx));
    }
  }
  if (texts.length) session.io.out(texts.join('\n\n'));
  else if (!errors.length) session.io.err(noResourcesMessage(session, requests, opts.allNamespaces as boolean));
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
