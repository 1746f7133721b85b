// kubectl autoscale: a HorizontalPodAutoscaler for a deployment, replica set, stateful set or
// replication controller. kubectl v1.32 builds it in autoscaling/v1.

import { Command, Option } from 'commander';
import { apiVersionOf } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests } from '../resources.js';
import { collect } from './flags.js';
import { readManifests } from './manifests.js';

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

const LONG = `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`;

const EXAMPLES = `
Examples:
  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kctl autoscale deployment foo --min=2 --max=10

  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
  kctl autoscale rc foo --max=5 --cpu-percent=80`;

/** The autoscaling/v1 object kubectl sends, in Go's field order. */
function horizontalPodAutoscaler(name: string, target: KObject, o: { min: number; max: number; cpuPercent: number }): KObject {
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null as unknown as string },
    spec: {
      scaleTargetRef: { kind: target.kind, name: target.metadata.name, apiVersion: target.apiVersion },
      ...(o.min > 0 ? { minReplicas: o.min } : {}),
      maxReplicas: o.max,
      ...(o.cpuPercent >= 0 ? { targetCPUUtilizationPercentage: o.cpuPercent } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

const autoscale: Action = async (session, args, opts) => {
  const { integer, send } = await import('./create/common.js');
  if (opts.max === undefined) throw new CliError('required flag(s) "max" not set');
  const max = integer(opts.max, '--max', 'autoscale')!;
  const min = integer(opts.min, '--min', 'autoscale')!;
  const cpuPercent = integer(opts.cpuPercent, '--cpu-percent', 'autoscale')!;
  const files = (opts.filename as string[] | undefined) ?? [];
  if (!args.length && !files.length) {
    throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const requests = files.length ? requestsFromManifests(await readManifests(session, files, !!opts.recursive)) : parseResourceArgs(args, 'autoscale').requests;
  if (requests.some((r) => !r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
  if (max < 1) throw new CliError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CliError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const api = new ApiReader(await session.read());
  const objects: KObject[] = [];
  for (const req of requests) {
    for (const name of req.names) {
      const target = api.get(req.info, req.namespace ?? session.namespace, name);
      if (!SCALABLE.has(req.info.resource)) {
        const gv = req.info.group ? apiVersionOf(req.info) : `/${req.info.version}`;
        throw new CliError(`cannot autoscale a ${req.info.kind}: could not find scale subresource for ${gv}, Resource=${req.info.resource} in discovery information`);
      }
      objects.push(horizontalPodAutoscaler((opts.name as string | undefined) || name, { ...target, apiVersion: apiVersionOf(req.info), kind: req.info.kind }, { min, max, cpuPercent }));
    }
  }
  for (const obj of objects) await send(session, [{ obj }], opts, true, 'autoscaled');
};

export function registerAutoscale(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('autoscale')
    .description(LONG)
    .argument('[args...]')
    .usage('(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]')
    .option('--cpu-percent <percent>', "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.", '-1')
    .addOption(new Option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.').default('none'))
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-autoscale')
    .addOption(new Option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to autoscale.').argParser(collect))
    .option('--max <n>', 'The upper limit for the number of pods that can be set by the autoscaler. Required.')
    .option('--min <n>', "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.", '-1')
    .option('--name <name>', 'The name for the newly created object. If not specified, the name of the input resource will be used.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addHelpText('after', EXAMPLES)
    .action(wrap(autoscale));
}
