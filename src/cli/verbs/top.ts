// kubectl top node / top pod: the metrics API's NodeMetrics and PodMetrics (kubelet/metrics.ts)
// in kubectl's layout.

import type { Command } from 'commander';
import { StatusError } from '../../api/errors.js';
import { parseQuantityNanos } from '../../api/quantity.js';
import { resourceInfo } from '../../api/scheme.js';
import type { PodObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import { nodeMetrics, podMetrics } from '../../kubelet/metrics.js';
import { tabwrite, TABLE } from '../../printers/tabwriter.js';
import { sortSlice } from '../../util/gosort.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

/** The metrics API's answer for an object it has no metrics of. */
function notFound(what: string, name: string): never {
  throw new StatusError('NotFound', `${what}.metrics.k8s.io "${name}" not found`);
}

interface Usage {
  cpu: string;
  memory: string;
}

const nanos = (q: string | undefined) => parseQuantityNanos(q ?? '0') ?? 0n;
/** Quantity.MilliValue() of a CPU quantity, rounded up as Go's ScaledValue does. */
const milli = (q: string | undefined) => (nanos(q) + 999_999n) / 1_000_000n;
/** Quantity.Value() of a memory quantity (nano units), rounded up. */
const bytes = (q: string | undefined) => (nanos(q) + 999_999_999n) / 1_000_000_000n;
const cpuText = (q: string) => `${milli(q)}m`;
const memoryText = (q: string) => `${bytes(q) / 1048576n}Mi`;

function checkSortBy(v: unknown): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (v !== 'cpu' && v !== 'memory') throw new CliError('--sort-by accepts only cpu or memory');
  return v;
}

/** The metrics printer's Less: descending usage for cpu or memory, else by name; sorted as Go's sort.Sort sorts, ties included. */
function less<T>(sortBy: string | undefined, usage: (t: T) => Usage, name: (t: T) => string): (a: T, b: T) => boolean {
  if (sortBy === 'cpu') return (a, b) => milli(usage(a).cpu) > milli(usage(b).cpu);
  if (sortBy === 'memory') return (a, b) => bytes(usage(a).memory) > bytes(usage(b).memory);
  return (a, b) => name(a) < name(b);
}

const topNodeAction: Action = async (session, args, opts) => {
  const sortBy = checkSortBy(opts.sortBy);
  const cluster = await session.read();
  const api = new ApiReader(cluster);
  const info = resourceInfo('nodes');
  const nodes = args.length ? [api.find(info, undefined, args[0]) ?? notFound('nodemetrics', args[0])] : api.list(info, { labelSelector: (opts.selector as string | undefined) || undefined });
  const pods = cluster.store.list('pods');
  const rows = nodes.map((n) => ({ node: n, usage: (nodeMetrics(cluster, n, pods) as { usage: Usage }).usage }));
  if (!rows.length) throw new CliError('metrics not available yet');
  sortSlice(rows, less(sortBy, (r) => r.usage, (r) => r.node.metadata.name));
  const lines: string[] = [];
  if (opts.headers !== false) lines.push('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t');
  for (const { node, usage } of rows) {
    const available = opts.showCapacity ? node.status?.capacity : node.status?.allocatable;
    const percent = (used: bigint, of: string | undefined) => (of === undefined ? '' : `${Math.trunc((Number(used) / Number(milli(of))) * 100)}%\t`);
    const cpuPct = percent(milli(usage.cpu), available?.cpu as string | undefined);
    const memPct = percent(bytes(usage.memory) * 1000n, available?.memory as string | undefined);
    lines.push(`${node.metadata.name}\t${cpuText(usage.cpu)}\t${cpuPct}${memoryText(usage.memory)}\t${memPct}`);
  }
  session.io.out(tabwrite(lines.map((l) => l + '\n').join(''), TABLE));
};

interface PodRow {
  namespace: string;
  name: string;
  containers: { name: string; usage: Usage }[];
  total: Usage;
}

function sum(usages: Usage[]): Usage {
  const cpu = usages.reduce((t, u) => t + nanos(u.cpu), 0n);
  const memory = usages.reduce((t, u) => t + nanos(u.memory), 0n);
  return { cpu: `${cpu}n`, memory: `${memory}n` };
}

const topPodAction: Action = async (session, args, opts) => {
  const sortBy = checkSortBy(opts.sortBy);
  const cluster = await session.read();
  const api = new ApiReader(cluster);
  const info = resourceInfo('pods');
  const allNamespaces = !!opts.allNamespaces && !args.length;
  const namespace = allNamespaces ? undefined : session.namespace;
  let pods: PodObject[];
  if (args.length) {
    // metrics-server names a pod it has no metrics of by namespace/name.
    const pod = api.find(info, namespace, args[0]);
    if (!pod || !podMetrics(cluster, pod)) notFound('podmetrics', `${namespace}/${args[0]}`);
    pods = [pod];
  } else pods = api.list(info, { namespace, labelSelector: (opts.selector as string | undefined) || undefined, fieldSelector: (opts.fieldSelector as string | undefined) || undefined });
  const rows: PodRow[] = [];
  for (const p of pods) {
    const m = podMetrics(cluster, p) as { containers: { name: string; usage: Usage }[] } | undefined;
    if (m) rows.push({ namespace: p.metadata.namespace!, name: p.metadata.name, containers: m.containers, total: sum(m.containers.map((c) => c.usage)) });
  }
  if (!rows.length) {
    if (pods.length) throw new CliError('metrics not available yet');
    session.io.err(allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return;
  }
  const byPod = less(sortBy, (r: PodRow) => r.total, (r) => r.name);
  sortSlice(rows, (a, b) => (!sortBy && allNamespaces && a.namespace !== b.namespace ? a.namespace < b.namespace : byPod(a, b)));
  const containers = !!opts.containers;
  const lines: string[] = [];
  const lead = (r: PodRow) => (allNamespaces ? `${r.namespace}\t` : '');
  if (opts.headers !== false) lines.push(`${allNamespaces ? 'NAMESPACE\t' : ''}${containers ? 'POD\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t`);
  for (const r of rows) {
    if (!containers) {
      lines.push(`${lead(r)}${r.name}\t${cpuText(r.total.cpu)}\t${memoryText(r.total.memory)}\t`);
      continue;
    }
    const cs = sortSlice([...r.containers], less(sortBy, (c) => c.usage, (c) => c.name));
    for (const c of cs) lines.push(`${lead(r)}${r.name}\t${c.name}\t${cpuText(c.usage.cpu)}\t${memoryText(c.usage.memory)}\t`);
  }
  if (opts.sum) {
    const total = sum(rows.map((r) => r.total));
    const pad = '\t'.repeat((allNamespaces ? 1 : 0) + (containers ? 1 : 0) + 1);
    lines.push(`${pad}________\t________\t`);
    lines.push(`${pad}${cpuText(total.cpu)}\t${memoryText(total.memory)}\t`);
  }
  session.io.out(tabwrite(lines.map((l) => l + '\n').join(''), TABLE));
};

export function registerTop(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const top = program
    .command('top')
    .description('Display resource (CPU/memory) usage');
  top
    .command('node')
    .alias('nodes')
    .alias('no')
    .description('Display resource (CPU/memory) usage of nodes')
    .usage('[NAME | -l label]')
    .argument('[NAME]')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--sort-by <field>', "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--no-headers', 'If present, print output without headers')
    .option('--show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')
    .option('--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.')
    .addHelpText('after', `
Examples:
  # Show metrics for all nodes
  kctl top node

  # Show metrics for a given node
  kctl top node NODE_NAME`)
    .action(wrap(topNodeAction));
  top
    .command('pod')
    .alias('pods')
    .alias('po')
    .description('Display resource (CPU/memory) usage of pods')
    .usage('[NAME | -l label]')
    .argument('[NAME]')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--containers', 'If present, print usage of containers within a pod.')
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--sort-by <field>', "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")
    .option('--no-headers', 'If present, print output without headers.')
    .option('--sum', 'Print the sum of the resource usage')
    .option('--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.')
    .addHelpText('after', `
Examples:
  # Show metrics for all pods in the default namespace
  kctl top pod

  # Show metrics for all pods in the given namespace
  kctl top pod --namespace=NAMESPACE

  # Show metrics for a given pod and its containers
  kctl top pod POD_NAME --containers

  # Show metrics for the pods defined by label name=myLabel
  kctl top pod -l name=myLabel`)
    .action(wrap(topPodAction));
}
