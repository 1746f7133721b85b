// kubectl get.

import type { Command } from 'commander';
import { notFound } from '../../api/errors.js';
import { qualifiedResource } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import { kindFor } from '../../kinds/registry.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { SortError, sortByJsonPath } from '../../printers/sort.js';
import { JsonPathError } from '../../printers/jsonpath/index.js';
import { CliError, ExitCode } from '../errors.js';
import { printTable, statusPainter, type TableOptions } from '../../printers/table.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../resources.js';
import type { Session } from '../session.js';
import { allowMissingTemplateKeysOption, kustomizeOption, outputOption, repeatable, selectorOption, templateOption } from './flags.js';
import { readInput } from './manifests.js';

export interface Selection {
  objects: KObject[];
  errors: string[];
}

export interface QueryOptions {
  allNamespaces?: boolean;
  selector?: string[];
  fieldSelector?: string;
  ignoreNotFound?: boolean;
}

/**
 * Fetches what a request names, or lists it with the label and field selectors applied, as
 * kubectl asks the API server (only the last -l is sent).
 */
export function select(session: Session, api: ApiReader, req: ResourceRequest, o: QueryOptions): Selection {
  const namespace = req.namespace ?? session.namespace;
  const out: Selection = { objects: [], errors: [] };
  if (req.names.length) {
    for (const name of req.names) {
      const obj = api.find(req.info, namespace, name);
      if (obj) out.objects.push(obj);
      else if (!o.ignoreNotFound) out.errors.push(`Error from server (NotFound): ${notFound(qualifiedResource(req.info), name).message}`);
    }
    return out;
  }
  out.objects = api.list(req.info, {
    namespace: o.allNamespaces ? undefined : namespace,
    labelSelector: o.selector?.length ? o.selector[o.selector.length - 1] : undefined,
    fieldSelector: o.fieldSelector,
  });
  return out;
}

export function noResourcesMessage(session: Session, requests: ResourceRequest[], allNamespaces: boolean | undefined): string {
  const namespaced = requests.some((r) => r.info.namespaced);
  return allNamespaces || !namespaced ? 'No resources found\n' : `No resources found in ${session.namespace} namespace.\n`;
}

const getAction: Action = async (session, args, opts) => {
  const format = parseOutput(opts.output as string | undefined, 'get', opts.template as string | undefined, opts.allowMissingTemplateKeys !== false);
  const cluster = await session.read();
  const api = new ApiReader(cluster);
  const ctx = { cluster, now: session.nowMs, wide: format.kind === 'table' && format.wide };
  let requests: ResourceRequest[];
  let multiple: boolean;
  if (opts.filename || opts.kustomize !== undefined) {
    requests = requestsFromManifests(await readInput(session, opts));
    multiple = new Set(requests.map((r) => r.info)).size > 1;
  } else {
    const parsed = parseResourceArgs(args, 'get');
    requests = parsed.requests;
    multiple = parsed.multipleTypes || !!opts.showKind;
  }
  const query: QueryOptions = {
    allNamespaces: opts.allNamespaces as boolean,
    selector: opts.selector as string[],
    fieldSelector: opts.fieldSelector as string,
    ignoreNotFound: opts.ignoreNotFound as boolean,
  };
  const labelColumns = ((opts.labelColumns as string[]) ?? []).flatMap((l) => l.split(',')).filter(Boolean);
  const tableOptions = (withKind: boolean): TableOptions => ({
    wide: format.kind === 'table' && format.wide,
    showLabels: !!opts.showLabels,
    labelColumns,
    noHeaders: opts.headers === false,
    allNamespaces: !!opts.allNamespaces,
    withKind,
  });
  if (opts.watch || opts.watchOnly) {
    const found = requests.reduce((n, r) => n + Math.max(1, r.names.length), 0);
    if (found !== 1) throw new CliError(`watch is only supported on individual resources and resource collections, but ${found} resources were found`);
    const { watch, parseTimeout } = await import('./watch.js');
    await watch(session, requests[0], { format, table: tableOptions(false), query, list: !opts.watchOnly, timeoutMs: parseTimeout(opts.requestTimeout) });
    return;
  }
  const errors: string[] = [];
  const groups: { req: ResourceRequest; objects: KObject[] }[] = [];
  for (const req of requests) {
    const sel = select(session, api, req, query);
    errors.push(...sel.errors);
    let objects = sel.objects;
    if (opts.sortBy) {
      try {
        objects = sortByJsonPath(objects, opts.sortBy as string);
      } catch (e) {
        if (e instanceof SortError || e instanceof JsonPathError) throw new CliError(e.message);
        throw e;
      }
    }
    // One table per run of the same kind, whatever namespaces its objects come from (-f).
    const last = groups[groups.length - 1];
    if (last && last.req.info === req.info && objects.length) last.objects = [...last.objects, ...objects];
    else groups.push({ req, objects });
  }
  const all = groups.flatMap((g) => g.objects);
  const single = requests.length === 1 && requests[0].names.length === 1 && !opts.filename && opts.kustomize === undefined;
  if (format.kind !== 'table') {
    if (all.length || format.kind === 'yaml' || format.kind === 'json' || !errors.length) {
      if (all.length || !single) session.io.out(await printObjects(format, all, single, { noHeaders: opts.headers === false, showManagedFields: !!opts.showManagedFields }));
    }
  } else {
    const color = await session.colorizer();
    let printed = false;
    let namespaceColumnKept = false;
    for (const g of groups) {
      if (!g.objects.length) continue;
      const kind = kindFor(g.req.info);
      const options = { ...tableOptions(multiple), namespaceColumnKept };
      const text = printTable(kind, g.objects, ctx, options, statusPainter(kind, options, color));
      namespaceColumnKept ||= kind.info.namespaced;
      if (printed && opts.headers !== false) session.io.out('\n');
      session.io.out(text);
      printed = true;
    }
  }
  if (!all.length && !errors.length && !opts.ignoreNotFound && (format.kind === 'table' || format.kind === 'name' || format.kind === 'custom-columns')) {
    session.io.err(noResourcesMessage(session, requests, opts.allNamespaces as boolean));
  }
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
};

export function registerGet(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('get')
    .description('Display one or many resources')
    .argument('[args...]')
    .addOption(outputOption())
    .addOption(templateOption())
    .addOption(allowMissingTemplateKeysOption())
    .addOption(selectorOption())
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2).")
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--show-labels', 'When printing, show all labels as the last column (default hide labels column).')
    .addOption(repeatable('-L, --label-columns <labels>', 'Accepts a comma separated list of labels that are going to be presented as columns.'))
    .option('--no-headers', 'When using the default or custom-column output format, don\'t print headers (default print headers).')
    .option('--sort-by <jsonpath>', "If non-empty, sort list types using this field specification. The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}').")
    .option('--ignore-not-found', 'If the requested object does not exist the command will return exit code 0.')
    .option('--show-kind', 'If present, list the resource type for the requested object(s).')
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to get from a server.'))
    .addOption(kustomizeOption())
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('-w, --watch', 'After listing/getting the requested object, watch for changes (made by other kctl commands).')
    .option('--watch-only', 'Watch for changes to the requested object(s), without listing/getting first.')
    .option('--request-timeout <duration>', 'How long a watch lasts (e.g. 1s, 2m, 3h); 0 or unset watches until interrupted.')
    .addHelpText(
      'after',
      `
Examples:
  # List all pods in ps output format
  kctl get pods

  # List pods with their IPs, as the Services chapter does
  kctl get pods -l app=sample-app -o custom-columns="NAME:{metadata.name},IP:{status.podIP}"

  # List pods, replica sets and deployments of one app at once
  kctl get pod,replicaset,deployment --selector app=echo

  # List every node with its addresses
  kctl get nodes -o wide

  # Print the names of the pods only
  kctl get pods -l app=sample-app -o jsonpath='{.items[*].metadata.name}'`,
    )
    .action(wrap(getAction));
}
