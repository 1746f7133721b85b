// kubectl version, api-resources and cluster-info, and kctl's own `cluster reset`.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AGGREGATED_RESOURCES, ALL_VERBS, RESOURCES, apiVersionOf } from '../../api/scheme.js';
import { bootstrap } from '../../cluster/bootstrap.js';
import { defaultConfig, rangeConflict, validateShape, type ClusterShape } from '../../cluster/config.js';
import { rfc3339 } from '../../cluster/cluster.js';
import type { KObject } from '../../api/types.js';
import { toJson, toYaml } from '../../printers/output.js';
import { tableRows } from '../../printers/tabwriter.js';
import { randomFor } from '../../util/random.js';
import { loadYaml } from '../../util/yaml.js';
import { CliError } from '../errors.js';
import { longDescription } from '../help.js';
import type { Action } from '../root.js';

export const KCTL_VERSION = '0.1.0';

/** kctl speaks as the kubectl v1.32.3 whose commands and output it reproduces. */
const CLIENT = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.3',
  gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99',
  gitTreeState: 'clean',
  buildDate: '2025-03-11T19:58:53Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
};
const KUSTOMIZE = 'v5.5.0';
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

const version: Action = async (session, _args, opts) => {
  const output = opts.output as string | undefined;
  if (output !== undefined && output !== '' && output !== 'yaml' && output !== 'json') throw new CliError(`--output must be 'yaml' or 'json'`);
  const clientVersion = { ...CLIENT, platform: `${process.platform}/${GOARCH[process.arch] ?? process.arch}` };
  // The server's /version as kctl serve answers it.
  let serverVersion: Record<string, string> | undefined;
  if (!opts.client) {
    const gitVersion = (await session.read()).config.kubernetesVersion;
    const [, major = '1', minor = '32'] = /^v?(\d+)\.(\d+)/.exec(gitVersion) ?? [];
    serverVersion = { major, minor, gitVersion, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' };
  }
  const data = { clientVersion, kustomizeVersion: KUSTOMIZE, ...(serverVersion ? { serverVersion } : {}) };
  if (output === 'json') return session.io.out(JSON.stringify(data, null, 2) + '\n');
  if (output === 'yaml') return session.io.out(`${await toYaml(data)}\n`);
  session.io.out(`Client Version: ${clientVersion.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n${serverVersion ? `Server Version: ${serverVersion.gitVersion}\n` : ''}`);
};

const apiResources: Action = async (session, _args, opts) => {
  if (opts.output !== undefined && !['', 'wide', 'name'].includes(opts.output as string)) throw new CliError(`--output ${opts.output} is not available`);
  if (opts.sortBy !== undefined && !['name', 'kind'].includes(opts.sortBy as string)) throw new CliError(`--sort-by accepts only name or kind`);
  let list = [...RESOURCES, ...AGGREGATED_RESOURCES].sort((a, b) => a.group.localeCompare(b.group) || a.resource.localeCompare(b.resource));
  if (opts.namespaced !== undefined) list = list.filter((r) => r.namespaced === (opts.namespaced === 'true' || opts.namespaced === true));
  if (opts.apiGroup !== undefined) list = list.filter((r) => r.group === opts.apiGroup);
  const verbs = ((opts.verbs as string[] | undefined) ?? []).flatMap((v) => v.split(','));
  if (verbs.length) list = list.filter((r) => verbs.every((v) => (r.verbs ?? ALL_VERBS).includes(v)));
  // kubectl sorts stably within each group by the name or the kind.
  if (opts.sortBy === 'name') list.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  if (opts.sortBy === 'kind') list.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  if (opts.output === 'name') {
    session.io.out(list.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n').join(''));
    return;
  }
  const wide = opts.output === 'wide';
  const rows = opts.headers === false ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]];
  for (const r of list) {
    const more = wide ? [(r.verbs ?? ALL_VERBS).join(','), (r.categories ?? []).join(',')] : [];
    rows.push([r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind, ...more]);
  }
  session.io.out(tableRows(rows));
};

/** kubectl api-versions: every served group/version, sorted as strings. */
const apiVersions: Action = async (session) => {
  const versions = [...new Set([...RESOURCES, ...AGGREGATED_RESOURCES].flatMap((r) => [apiVersionOf(r), ...(r.otherVersions ?? [])]))].sort();
  session.io.out(versions.map((v) => `${v}\n`).join(''));
};

const clusterInfo: Action = async (session) => {
  const cluster = await session.read();
  const cp = cluster.config.nodes.find((n) => n.role === 'control-plane')!;
  const url = `https://${cp.internalIP}:6443`;
  session.io.out(
    `Kubernetes control plane is running at ${url}\nCoreDNS is running at ${url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kctl cluster-info dump'.\n(The cluster is simulated by kctl; its state file is ${session.statePath})\n`,
  );
};

/** What kubectl cluster-info dump prints per namespace, in its order. */
const DUMPED = ['events', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'pods'];

const clusterInfoDump: Action = async (session, _args, opts) => {
  const cluster = await session.read();
  const list = (kind: string, items: KObject[]) =>
    session.io.out(toJson({ kind: `${kind}List`, apiVersion: 'v1', metadata: { resourceVersion: String(cluster.data.resourceVersion) }, items }));
  list('Node', cluster.store.list('nodes'));
  const namespaces = opts.allNamespaces
    ? cluster.store.list('namespaces').map((n) => n.metadata.name)
    : opts.namespaces
      ? String(opts.namespaces).split(',')
      : ['kube-system', session.namespace];
  for (const ns of namespaces) {
    for (const resource of DUMPED) {
      const kind = RESOURCES.find((r) => r.resource === resource)?.kind ?? 'ReplicationController';
      list(kind, RESOURCES.some((r) => r.resource === resource) ? cluster.store.list(resource, ns) : []);
    }
    for (const pod of cluster.store.list('pods', ns)) {
      for (const c of (pod.spec as { containers: { name: string }[] }).containers) {
        const where = `container ${c.name} of pod ${ns}/${pod.metadata.name}`;
        const log = cluster.data.containers[pod.metadata.uid!]?.[c.name]?.log ?? [];
        session.io.out(`==== START logs for ${where} ====\n${log.map((l) => (l.endsWith('\n') ? l : l + '\n')).join('')}==== END logs for ${where} ====\n`);
      }
    }
  }
};

async function readShape(file: string | undefined): Promise<ClusterShape> {
  if (!file) return {};
  let raw: unknown;
  try {
    raw = (await loadYaml()).parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read cluster config ${file}: ${(e as Error).message}`);
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  const known = ['workers', 'ingressNginx', 'serviceCIDR', 'nodePortRange', 'loadBalancerPool', 'maxPods', 'writesPerCommand'];
  const unknown = Object.keys(o).filter((k) => !known.includes(k));
  if (unknown.length) throw new CliError(`cluster config ${file}: unknown field "${unknown[0]}" (known: ${known.join(', ')})`);
  const shape = Object.fromEntries(known.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as ClusterShape;
  const problem = validateShape(shape);
  if (problem) throw new CliError(`cluster config ${file}: ${problem}`);
  return shape;
}

const reset: Action = async (session, _args, opts) => {
  const shape = await readShape(opts.config as string | undefined);
  if (opts.nodes !== undefined) shape.workers = Number(opts.nodes);
  if (opts.ingress === false) shape.ingressNginx = false;
  if (validateShape({ workers: shape.workers })) throw new CliError('--nodes must be a whole number of worker nodes from 1 to 200');
  const cfg = defaultConfig(rfc3339(session.nowMs), shape);
  const conflict = rangeConflict(cfg);
  if (conflict) throw new CliError(opts.config ? `cluster config ${String(opts.config)}: ${conflict}` : conflict);
  await session.replace(await bootstrap(cfg, session.nowMs, randomFor(session.env.KCTL_SEED, 'bootstrap'), session.env));
  const workers = cfg.nodes.length - 1;
  session.io.out(`cluster "${cfg.name}" reset: 1 control-plane node and ${workers} worker node${workers === 1 ? '' : 's'} (state file ${session.statePath})\n`);
};

export function registerInfo(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  // kubectl v1.32 has no alpha commands; it says so, help or not, and succeeds.
  program
    .command('alpha', { hidden: true })
    .description('Commands for features in alpha')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(wrap(async (session) => session.io.out('No alpha commands are available in this version of kubectl\n')));
  const versionCmd = program
    .command('version')
    .description('Print the client and server version information')
    .usage('[flags]')
    .allowExcessArguments()
    .option('--client', 'If true, shows client version only (no server required).')
    .option('-o, --output <format>', "One of 'yaml' or 'json'.")
    .addHelpText('after', `
Examples:
  # Print the client and server versions for the current context
  kctl version`)
    .action(wrap(version));
  longDescription(versionCmd, 'Print the client and server version information for the current context.');
  program
    .command('api-resources')
    .description('Print the supported API resources on the server')
    .option('--namespaced <bool>', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.')
    .option('--api-group <group>', 'Limit to resources in the specified API group.')
    .option('-o, --output <format>', 'Output format. One of: (wide, name).')
    .option('--no-headers', 'When using the default or custom-column output format, don\'t print headers (default print headers).')
    .option('--sort-by <field>', 'If non-empty, sort list of resources using specified field. The field can be either \'name\' or \'kind\'.')
    .option('--verbs <verbs>', 'Limit to resources that support the specified verbs.', (v: string, prev: string[] = []) => [...prev, v])
    .addHelpText('after', `
Examples:
  # Print the supported API resources
  kctl api-resources

  # Print the resources of the apps group
  kctl api-resources --api-group=apps`)
    .action(wrap(apiResources));
  program
    .command('api-versions')
    .description('Print the supported API versions on the server, in the form of "group/version"')
    .addHelpText('after', `
Examples:
  # Print the supported API versions
  kctl api-versions`)
    .action(wrap(apiVersions));
  const info = program
    .command('cluster-info')
    .description('Display addresses of the control plane and services with label kubernetes.io/cluster-service=true')
    .usage('[flags]')
    .addHelpText('after', `
Examples:
  # Print the address of the control plane and cluster services
  kctl cluster-info`)
    .action(wrap(clusterInfo));
  longDescription(info, "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kctl cluster-info dump'.");
  info
    .command('dump')
    .description('Dump relevant information for debugging and diagnosis')
    .option('-A, --all-namespaces', 'If true, dump all namespaces.')
    .option('--namespaces <list>', 'A comma separated list of namespaces to dump.')
    .addHelpText('after', `
Examples:
  # Dump the nodes, kube-system and default to stdout
  kctl cluster-info dump

  # Dump one namespace
  kctl cluster-info dump --namespaces sample-namespace`)
    .action(wrap(clusterInfoDump));
  const cluster = program
    .command('cluster')
    .description('Manage the fake cluster itself (kctl only)')
    .addHelpText('after', `
Examples:
  # Start over with the default cluster
  kctl cluster reset`);
  cluster
    .command('reset')
    .description('Recreate the default cluster, discarding everything in the state file')
    .option('--nodes <n>', 'Number of worker nodes (default 3)')
    .option('--config <file>', 'A YAML file with the cluster shape: workers, ingressNginx, serviceCIDR, nodePortRange, loadBalancerPool, maxPods, writesPerCommand')
    .option('--no-ingress', 'Do not install the ingress-nginx add-on')
    .addHelpText('after', `
Examples:
  # Start over with the default cluster (a control plane and three workers)
  kctl cluster reset

  # A bigger cluster for scale experiments
  kctl cluster reset --nodes 100`)
    .action(wrap(reset));
}
