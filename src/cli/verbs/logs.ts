// kubectl logs: what a container's main process wrote — the image's start-up lines and a line per
// request its server answered, or the output of its command. -f then follows the log: the lines
// other kctl commands make it write (requests answered, a command's output) until the container
// ends, read from the state file as it changes.

import type { Command } from 'commander';
import type { Container } from 'kubernetes-types/core/v1';
import { StatusError } from '../../api/errors.js';
import { parseSelectors } from '../../api/labels/index.js';
import type { PodObject } from '../../api/types.js';
import { CliError } from '../errors.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import type { LogEntry } from '../../store/containerlogs.js';
import { selectorOption } from './flags.js';
import { pickContainer, podsFor } from './podref.js';

/** The container's log from pods/log, as the API server has it from the pod's kubelet. */
async function entriesOf(session: Session, cluster: Cluster, pod: PodObject, c: Container, previous: boolean): Promise<LogEntry[]> {
  const [{ ApiReader }, { kubeletConnection }] = await Promise.all([import('../../apiserver/reader.js'), import('../../kubelet/logs.js')]);
  const api = new ApiReader(cluster, kubeletConnection(cluster, session.env));
  return api.log(pod.metadata.namespace ?? session.namespace, pod.metadata.name, { container: c.name, previous });
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration (`1h30m`, `90s`, `1.5m`), in milliseconds; null when invalid. */
function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  const parts = /^((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|ms|s|m|h))+$/.test(text) ? text.match(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h)/g)! : null;
  return parts ? parts.reduce((ms, p) => ms + Number(/^[\d.]+/.exec(p)![0]) * UNITS[p.replace(/^[\d.]+/, '')], 0) : null;
}

function render(entries: LogEntry[], opts: Record<string, unknown>, now: number, prefix: string): string {
  let list = entries;
  if (opts.since) {
    const ms = parseDuration(String(opts.since));
    if (ms === null) throw new CliError(`invalid argument "${String(opts.since)}" for "--since" flag: time: invalid duration "${String(opts.since)}"`);
    list = list.filter((e) => Date.parse(e.time) >= now - ms);
  }
  if (opts.tail !== undefined && Number(opts.tail) >= 0) list = list.slice(Math.max(0, list.length - Number(opts.tail)));
  // The kubelet joins the pieces of a long line, so a line has one timestamp and one prefix.
  return list.map((e, i) => (i > 0 && !list[i - 1].text.endsWith('\n') ? e.text : `${prefix}${opts.timestamps ? `${e.time} ` : ''}${e.text}`)).join('');
}

const logsAction: Action = async (session, args, opts) => {
  const cluster = await session.read();
  const ns = session.namespace;
  const selectors = opts.selector as string[] | undefined;
  let pods: PodObject[];
  let containerArg = opts.container as string | undefined;
  if (selectors?.length) {
    if (args.length) throw new CliError('only one of -l or a pod name may be given', 'logs');
    const sel = parseSelectors(selectors);
    pods = cluster.store.list('pods', ns).filter((p) => sel.matches(p.metadata.labels));
    if (pods.length === 0) {
      session.io.err(`No resources found in ${ns} namespace.\n`);
      return;
    }
  } else {
    const [ref, container] = args;
    if (!ref) throw new CliError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command", 'logs');
    if (container && containerArg) throw new CliError('only one of -c or an inline [CONTAINER] arg is allowed', 'logs');
    containerArg ??= container;
    try {
      pods = podsFor(cluster, ns, ref);
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound' && !ref.includes('/')) throw new CliError(`error from server (NotFound): pods "${ref}" not found in namespace "${ns}"`);
      throw e;
    }
    if (pods.length > 1) {
      pods = [pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0]];
      session.io.err(`Found ${podsFor(cluster, ns, ref).length} pods, using pod/${pods[0].metadata.name}\n`);
    }
  }
  const streams: Stream[] = [];
  for (const pod of pods) {
    const all = pod.spec?.containers ?? [];
    const containers = opts.allContainers ? all : [pickContainer(session, pod, containerArg)];
    for (const c of containers) streams.push({ pod, container: c, prefix: opts.prefix ? `[pod/${pod.metadata.name}/${c.name}] ` : '', last: '' });
  }
  const most = opts.maxLogRequests === undefined ? 5 : Number(opts.maxLogRequests);
  if (opts.follow && streams.length > 1 && streams.length > most) {
    throw new CliError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${most}, use --max-log-requests to increase the limit`);
  }
  for (const s of streams) {
    const entries = await entriesOf(session, cluster, s.pod, s.container, !!opts.previous);
    s.last = entries.length ? entries[entries.length - 1].time : '';
    session.io.out(render(entries, opts, session.nowMs, s.prefix));
  }
  if (opts.follow && !opts.previous) await follow(session, streams, opts);
};

interface Stream {
  pod: PodObject;
  container: Container;
  prefix: string;
  /** The time of the last entry printed or passed over; entries never go back in time. */
  last: string;
  ended?: boolean;
}

function running(pod: PodObject, c: Container): boolean {
  return !!pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running;
}

/**
 * Prints what the followed containers log from now on, in time order across them, until each has
 * ended (its container terminated, or its pod gone). Nothing is locked while waiting.
 */
async function follow(session: Session, streams: Stream[], opts: Record<string, unknown>): Promise<void> {
  let live = streams.filter((s) => running(s.pod, s.container));
  const [{ ChangeFeed }, { StateReadCache, StateAccess }] = await Promise.all([import('../../store/changefeed.js'), import('../../cluster/access.js')]);
  const cache = new StateReadCache();
  const feed = new ChangeFeed(session.statePath, () => cache.read(session.statePath));
  // One parse per change: the feed's read and the cluster's share the cache.
  const access = new StateAccess(session.statePath, session.env, session.nowMs, { readCache: cache });
  feed.refresh();
  while (live.length) {
    await feed.next();
    const cluster = await access.read();
    const fresh: { time: string; line: string }[] = [];
    for (const s of live) {
      const pod = cluster.store.get('pods', s.pod.metadata.namespace, s.pod.metadata.name);
      if (!pod || pod.metadata.uid !== s.pod.metadata.uid) {
        s.ended = true;
        continue;
      }
      s.pod = pod;
      const newer = (await entriesOf(session, cluster, pod, s.container, false).catch(() => [])).filter((e) => e.time > s.last);
      for (const e of newer) fresh.push({ time: e.time, line: render([e], { timestamps: opts.timestamps }, session.nowMs, s.prefix) });
      if (newer.length) s.last = newer[newer.length - 1].time;
      s.ended = !running(pod, s.container);
    }
    fresh.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    if (fresh.length) session.io.out(fresh.map((f) => f.line).join(''));
    live = live.filter((s) => !s.ended);
  }
}

export function registerLogs(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('logs')
    .description('Print the logs for a container in a pod')
    .argument('[args...]')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option('-f, --follow', 'Specify if the logs should be streamed.')
    .option('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.')
    .option('--tail <lines>', 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines.')
    .option('--timestamps', 'Include timestamps on each line in the log output')
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h.')
    .option('--all-containers', 'Get all containers\' logs in the pod(s).')
    .option('--prefix', 'Prefix each log line with the log source (pod name and container name)')
    .option('--max-log-requests <n>', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.')
    .addOption(selectorOption())
    .addHelpText(
      'after',
      `
Examples:
  # Return snapshot logs from pod nginx with only one container
  kctl logs nginx

  # Begin streaming the logs of the echo container of a two-container pod
  kctl logs -f simple-echo -c echo

  # Return snapshot logs from all pods labelled release=summer
  kctl logs -l release=summer -c echo`,
    )
    .action(wrap(logsAction));
}
