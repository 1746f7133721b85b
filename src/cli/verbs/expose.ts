// kubectl expose: a Service for a pod, service, replication controller, replica set or
// deployment, with the selector, ports, protocols and labels taken from it unless given.

import type { Command } from 'commander';
import type { PodSpec, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { kindPrefix, resourceInfo, type ResourceInfo } from '../../api/scheme.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs } from '../resources.js';
import type { Session } from '../session.js';
import { dryRunMode, dryRunOption, outputOption, repeatable } from './flags.js';
import { readManifests } from './manifests.js';

const EXPOSABLE = ['pods', 'services', 'replicationcontrollers', 'deployments', 'replicasets'];
const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

interface Target {
  obj: KObject;
  info: ResourceInfo;
}

const podSpecOf = (t: Target): PodSpec | undefined =>
  t.info.resource === 'pods' ? (t.obj.spec as PodSpec) : (t.obj.spec as { template?: { spec?: PodSpec } }).template?.spec;

/** `k=v,k2=v2` in map order, as generate.MakeLabels writes it. */
const makeLabels = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');

/** MapBasedSelectorForObject. */
function selectorOf(t: Target): string {
  const fail = (why: string) => new CliError(`couldn't retrieve selectors via --selector flag or introspection: ${why}`);
  switch (t.info.resource) {
    case 'pods':
      if (!Object.keys(t.obj.metadata.labels ?? {}).length) throw fail('the pod has no labels and cannot be exposed');
      return makeLabels(t.obj.metadata.labels!);
    case 'services': {
      const sel = (t.obj.spec as ServiceSpec).selector;
      if (!sel) throw fail('the service has no pod selector set');
      return makeLabels(sel);
    }
    case 'replicationcontrollers':
      return makeLabels((t.obj.spec as { selector?: Record<string, string> }).selector ?? {});
    default: {
      const sel = (t.obj.spec as { selector?: LabelSelector }).selector ?? {};
      if (sel.matchExpressions?.length) {
        const reqs = sel.matchExpressions.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ');
        throw fail(`couldn't convert expressions - "[${reqs}]" to map-based selector format`);
      }
      return makeLabels(sel.matchLabels ?? {});
    }
  }
}

/** PortsForObject and MultiProtocolsForObject: each port once, with the protocols it is served on. */
function portsOf(t: Target): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: number, protocol: string | undefined) => {
    const key = String(port);
    out.set(key, [...(out.get(key) ?? []), protocol || 'TCP']);
  };
  if (t.info.resource === 'services') for (const p of (t.obj.spec as ServiceSpec).ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(t)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw new CliError(`unexpected label spec: ${item}`);
    if (!kv[0]) throw new CliError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

/** The Service kubectl builds (createService), in the Go struct's field order. */
function buildService(t: Target, opts: Record<string, unknown>): KObject {
  const flag = (name: string) => (opts[name] as string | undefined) ?? '';
  const selector = parseLabels(flag('selector') || selectorOf(t));
  const protocols = portsOf(t);
  const headless = flag('clusterIp') === 'None';
  const portList = flag('port') ? [flag('port')] : [...protocols.keys()];
  if (!portList.length && !headless) throw new CliError("couldn't find port via --port flag or introspection");
  const labelSpec = flag('labels') || makeLabels(t.obj.metadata.labels ?? {});
  const labels = labelSpec ? parseLabels(labelSpec) : undefined;
  const ports: ServicePort[] = [];
  portList.forEach((text, i) => {
    if (!/^[+-]?\d+$/.test(text)) throw new CliError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    const port = Number(text);
    const name = portList.length > 1 ? `port-${i + 1}` : undefined;
    const served = protocols.get(text);
    if (!flag('protocol') && served && served.length > 1) {
      for (const p of served) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port });
      return;
    }
    ports.push({ ...(name ? { name } : {}), protocol: flag('protocol') || served?.[0] || 'TCP', port });
  });
  const target = flag('targetPort');
  for (const p of ports) p.targetPort = !target ? p.port : /^[+-]?\d+$/.test(target) ? Number(target) : target;
  const spec: ServiceSpec = { ports, selector };
  if (flag('clusterIp')) spec.clusterIP = flag('clusterIp');
  if (flag('type')) spec.type = flag('type');
  if (flag('externalIp')) spec.externalIPs = [flag('externalIp')];
  const affinity = flag('sessionAffinity');
  if (affinity) {
    if (affinity !== 'None' && affinity !== 'ClientIP') throw new CliError(`unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (spec.type === 'LoadBalancer' && flag('loadBalancerIp')) spec.loadBalancerIP = flag('loadBalancerIp');
  const name = flag('name') || t.obj.metadata.name.slice(0, 63);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as unknown as string, ...(labels ? { labels } : {}) },
    spec: spec as Record<string, unknown>,
    status: { loadBalancer: {} },
  };
}

async function targets(session: Session, args: string[], opts: Record<string, unknown>): Promise<Target[]> {
  const files = (opts.filename as string[] | undefined) ?? [];
  if (files.length) return (await readManifests(session, files, !!opts.recursive)).map((m) => ({ obj: m.obj, info: m.info }));
  if (!args.length) throw new CliError(NO_RESOURCES);
  const { requests } = parseResourceArgs(args, 'expose');
  if (requests.some((r) => !r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
  const api = new ApiReader(await session.read());
  return requests.flatMap((r) => r.names.map((n) => ({ obj: api.get(r.info, session.namespace, n), info: r.info })));
}

const exposeAction: Action = async (session, args, opts) => {
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, 'expose') : undefined;
  const services: KObject[] = [];
  for (const t of await targets(session, args, opts)) {
    if (!EXPOSABLE.includes(t.info.resource)) throw new CliError(`cannot expose a ${t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind}`);
    services.push(buildService(t, opts));
  }
  const info = resourceInfo('services');
  const out =
    mode === 'client'
      ? services
      : await session.change((api) => services.map((s) => api.create({ ...s, metadata: { ...s.metadata, namespace: session.namespace } }, info)), { dryRun: mode === 'server', fieldManager: 'kubectl-expose' });
  if (format && format.kind !== 'table') {
    // kubectl prints its own typed object in Go field order, the server's answer with sorted keys.
    session.io.out(await printObjects(format, out, out.length === 1, { keepOrder: mode === 'client' }));
    return;
  }
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  for (const s of out) session.io.out(`${kindPrefix(info)}/${s.metadata.name} exposed${suffix}\n`);
};

export function registerExpose(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('expose')
    .description('Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service')
    .argument('[args...]')
    .option('--port <port>', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified')
    .option('--target-port <port>', 'Name or number for the port on the container that the service should direct traffic to. Optional.')
    .option('--protocol <protocol>', "The network protocol for the service to be created. Default is 'TCP'.")
    .option('--type <type>', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
    .option('--name <name>', 'The name for the newly created object.')
    .option('--selector <selector>', 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)')
    .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
    .option('--external-ip <ip>', 'Additional external IP address (not managed by Kubernetes) to accept for the service.')
    .option('--cluster-ip <ip>', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
    .option('--load-balancer-ip <ip>', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).')
    .option('--session-affinity <affinity>', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to expose a service'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kctl expose deployment nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kctl expose pod valid-pod --port=444 --name=frontend

  # Create a NodePort service for the book's sample deployment
  kctl expose deployment sample-deployment --port=8080 --target-port=80 --type=NodePort`,
    )
    .action(wrap(exposeAction));
}
