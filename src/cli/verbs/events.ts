// kubectl events: the events of a namespace (or all, or of one object), sorted by when they were
// last seen, in kubectl events' own table; -w then follows the change history for new ones.

import type { Command } from 'commander';
import { resourceInfo, type ResourceInfo } from '../../api/scheme.js';
import { ApiReader } from '../../apiserver/reader.js';
import { StateReadCache } from '../../cluster/access.js';
import { eventHeader, eventRow, sortEvents, typedEvent, typedEventList, type EventObject } from '../../printers/events.js';
import { parseOutput, printObjects, type OutputFormat } from '../../printers/output.js';
import { RememberingTable } from '../../printers/tabwriter.js';
import { ChangeFeed } from '../../store/changefeed.js';
import { changesSince, ResourceVersionTooOld, type Change } from '../../store/history.js';
import { CliError, ExitCode } from '../errors.js';
import { lookupResource } from '../../api/scheme.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { allowMissingTemplateKeysOption, outputOption, repeatable, templateOption } from './flags.js';

interface Filter {
  namespace?: string;
  kind?: string;
  name?: string;
  types: string[];
}

function matches(e: EventObject, f: Filter): boolean {
  if (f.namespace !== undefined && e.metadata.namespace !== f.namespace) return false;
  if (f.kind !== undefined && (e.involvedObject?.kind !== f.kind || e.involvedObject?.name !== f.name)) return false;
  return !f.types.length || f.types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
}

function forObject(session: Session, arg: string): { kind: string; name: string } {
  const seg = arg.split('/');
  if (seg.length !== 2) throw new CliError('--for must be in resource/name form');
  const info: ResourceInfo | undefined = lookupResource(seg[0]);
  if (!info) {
    session.io.err(`the server doesn't have a resource type "${seg[0].toLowerCase()}"\n`);
    throw new ExitCode(1);
  }
  return { kind: info.kind, name: seg[1] };
}

async function printData(format: OutputFormat, data: Record<string, unknown>): Promise<string> {
  if (format.kind === 'name') return '';
  return printObjects(format, [data as never], true, { keepOrder: true, showManagedFields: true });
}

const eventsAction: Action = async (session, _args, opts) => {
  const format = parseOutput(opts.output as string | undefined, 'events', opts.template as string | undefined, opts.allowMissingTemplateKeys !== false);
  const types = ((opts.types as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) throw new CliError('valid --types are Normal or Warning');
  const all = !!opts.allNamespaces;
  const filter: Filter = { namespace: all ? undefined : session.namespace, types, ...(opts.for ? forObject(session, String(opts.for)) : {}) };
  const strip = (e: EventObject): EventObject => (opts.showManagedFields || !e.metadata.managedFields ? e : { ...e, metadata: { ...e.metadata, managedFields: undefined } });

  const cluster = await session.read();
  const position = cluster.data.resourceVersion;
  const events = sortEvents((new ApiReader(cluster).list(resourceInfo('events'), { namespace: filter.namespace }) as EventObject[]).filter((e) => matches(e, filter)));
  const table = new RememberingTable();
  const header = opts.headers !== false;
  let headed = false;
  const rows = (list: EventObject[]) => {
    const r = list.map((e) => eventRow(e, session.nowMs, all));
    if (header && !headed) r.unshift(eventHeader(all));
    headed = true;
    return table.rows(r);
  };
  if (!events.length) {
    session.io.err(all ? 'No events found.\n' : `No events found in ${filter.namespace} namespace.\n`);
  } else if (format.kind === 'table') session.io.out(rows(events));
  else session.io.out(await printData(format, typedEventList(events.map(strip))));
  if (!opts.watch) return;

  await follow(session, position, async (e) => {
    if (!matches(e, filter)) return;
    if (format.kind === 'table') session.io.out(rows([e]));
    else session.io.out(await printData(format, typedEvent(strip(e))));
  });
};

/** Calls back for each event added or changed after `position`, until interrupted; no lock is held while waiting. */
async function follow(session: Session, position: number, each: (e: EventObject) => Promise<void>): Promise<void> {
  const cache = new StateReadCache();
  const feed = new ChangeFeed(session.statePath, () => cache.read(session.statePath));
  const queue: Change[] = [];
  let wake: () => void = () => undefined;
  let failure: Error | undefined;
  const take = (changes: Change[]) => {
    for (const c of changes) {
      if (c.resourceVersion <= position || c.resource !== 'events') continue;
      position = c.resourceVersion;
      if (c.type !== 'DELETED') queue.push(c);
    }
    wake();
  };
  const lost = (e: ResourceVersionTooOld) => {
    failure = new CliError(`Error from server (Expired): ${e.message}`);
    wake();
  };
  const unsubscribe = feed.subscribe((event) => ('lost' in event ? lost(event.lost) : take(event.changes)));
  try {
    const latest = feed.refresh();
    try {
      if (latest) take(changesSince(latest, position, 'events'));
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOld)) throw e;
      lost(e);
    }
    while (!failure) {
      if (!queue.length) {
        await new Promise<void>((r) => {
          const timer = setTimeout(r, 1000);
          wake = () => (clearTimeout(timer), r());
        });
        wake = () => undefined;
        continue;
      }
      for (const c of queue.splice(0)) await each(c.object as EventObject);
    }
  } finally {
    unsubscribe();
  }
  throw failure;
}

export function registerEvents(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('events')
    .description(
      `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.`,
    )
    .argument('[args...]')
    .usage('[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]')
    .addOption(allowMissingTemplateKeysOption())
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', '500')
    .option('--for <resource>', 'Filter events to only those pertaining to the specified resource.')
    .option('--no-headers', "When using the default output format, don't print headers.")
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(templateOption())
    .addOption(repeatable('--types <types>', 'Output only events of given types.'))
    .option('-w, --watch', 'After listing the requested events, watch for more events.')
    .addHelpText(
      'after',
      `
Examples:
  # List recent events in the default namespace
  kctl events

  # List recent events in all namespaces
  kctl events --all-namespaces

  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kctl events --for pod/web-pod-13je7 --watch

  # List recent events in YAML format
  kctl events -oyaml

  # List recent only events of type 'Warning' or 'Normal'
  kctl events --types=Warning,Normal`,
    )
    .action(wrap(eventsAction));
}
