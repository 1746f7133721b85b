// kubectl create: -f, and the generators (namespace, deployment, service, secret, configmap, job).

import { Command, Option } from 'commander';
import { kindPrefix, resourceForKind } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { serverMessage, StatusError } from '../../api/errors.js';
import { CliError, withSource } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { clone } from '../../util/objects.js';
import { randomFor } from '../../util/random.js';
import { collect, dryRunMode, dryRunOption, kustomizeOption, outputOption, repeatable, stringSlice } from './flags.js';
import { collectData, configMap, readDataFile, deployment, job, namespaceObject, secret, service, type ServiceType } from './generators.js';
import { readInput } from './manifests.js';
import { RECORD_DEPRECATED, admitManifest, changeCause, checkManifests, namespaced } from './write.js';
import { LAST_APPLIED } from '../../api/lastapplied.js';

/**
 * Sends generated or read objects; prints `kind/name created` or the objects in -o format.
 * Generated objects are typed on kubectl's side: a client dry run prints their JSON in Go order.
 */
async function send(session: Session, objects: { obj: KObject; source?: string }[], opts: Record<string, unknown>, generated = false): Promise<void> {
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, 'create') : undefined;
  if (mode === 'client') {
    // Read objects go through kubectl's builder, which namespaces them; generated ones do not.
    if (!generated) objects = objects.map((o) => ({ ...o, obj: namespaced(session, { obj: o.obj, info: resourceForKind(o.obj.kind)!, source: o.source ?? '' }) }));
    if (format && format.kind !== 'table') {
      session.io.out(await printEach(format, objects.map((o) => o.obj), { keepOrder: generated }));
    } else {
      for (const o of objects) session.io.out(`${kindPrefix(resourceForKind(o.obj.kind)!)}/${o.obj.metadata.name} created (dry run)\n`);
    }
    return;
  }
  const cause = opts.record ? changeCause(session, 'create', opts) : undefined;
  let warnings: string[] = [];
  const created = await session.change(
    (api) => {
      const out = objects.map(({ obj, source }) => {
        const info = resourceForKind(obj.kind)!;
        const m = admitManifest(session, { obj, info, source: source ?? '' });
        if (cause) m.metadata.annotations = { ...m.metadata.annotations, 'kubernetes.io/change-cause': cause };
        if (opts.saveConfig) m.metadata.annotations = { ...m.metadata.annotations, [LAST_APPLIED]: JSON.stringify(obj) + '\n' };
        try {
          // What the server answered, before controllers touch the object.
          return clone(api.create(m, info, { fieldValidation: 'Strict' }));
        } catch (e) {
          throw withSource(e, 'creating', source);
        }
      });
      warnings = api.warnings;
      return out;
    },
    { dryRun: mode === 'server', fieldManager: 'kubectl-create' },
  );
  for (const w of warnings) session.io.err(`Warning: ${w}\n`);
  if (format && format.kind !== 'table') {
    session.io.out(await printEach(format, created));
    return;
  }
  const suffix = mode === 'server' ? ' (server dry run)' : '';
  for (const o of created) session.io.out(`${kindPrefix(resourceForKind(o.kind)!)}/${o.metadata.name} created${suffix}\n`);
}


const createFromFiles: Action = async (session, args, opts) => {
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const files = (opts.filename as string[] | undefined) ?? [];
  if (!files.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'create');
  const manifests = await readInput(session, opts);
  if (!manifests.length) throw new CliError('no objects passed to create');
  await checkManifests(manifests);
  await send(session, manifests.map((m) => ({ obj: m.obj, source: m.source })), opts);
};

/**
 * kubectl create configmap and create secret put the server's error in their own words
 * (fmt.Errorf with %v: no longer an API error, so printed `error: failed to create …`).
 */
async function failing(prefix: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    throw e instanceof StatusError ? new CliError(prefix + serverMessage(e)) : e;
  }
}

function requireName(args: string[], verb: string): string {
  if (args.length !== 1) throw new CliError(`exactly one NAME is required, got ${args.length}`, `create ${verb}`);
  return args[0];
}

/** The namespace a generator writes into its object: only an explicit -n. */
function explicitNamespace(session: Session): string | undefined {
  return session.flags.namespace || undefined;
}

function required(opts: Record<string, unknown>, verb: string, ...flags: string[]): void {
  const missing = flags.filter((f) => opts[f.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] === undefined);
  if (missing.length) throw new CliError(`required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set`, `create ${verb}`);
}

/** A flag parsed as pflag parses ints, with cobra's error for what is not one. */
function integer(v: unknown, flag: string, cmdPath: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(String(v))) {
    throw new CliError(`Error: invalid argument "${String(v)}" for "${flag}" flag: strconv.ParseInt: parsing "${String(v)}": invalid syntax\nSee 'kctl ${cmdPath} --help' for usage.`);
  }
  return Number(v);
}

const SERVICE_TYPES: Record<string, ServiceType> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

export function registerCreate(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const create = program
    .command('create')
    .description('Create a resource from a file or from stdin')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource'))
    .addOption(kustomizeOption())
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--record', 'Record current kctl command in the resource annotation. (deprecated)')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText('after', `
Examples:
  # Create the Pod of the jissen book's chapter 5
  kctl create -f samples/jissen/ch05/simple-pod.yaml

  # Create a deployment of the echo server with three replicas
  kctl create deployment echo --image=gihyodocker/echo:latest --replicas=3 --port=8080

  # Create the namespace the exercises run in
  kctl create namespace sample-namespace`)
    .action(wrap(createFromFiles));

  const common = (c: Command) => c.addOption(dryRunOption()).addOption(outputOption()).option('--save-config', 'If true, save the configuration in an annotation.');

  common(create.command('namespace').alias('ns').description('Create a namespace with the specified name').argument('[name...]'))
    .addHelpText('after', `
Examples:
  # Create a new namespace named sample-namespace
  kctl create namespace sample-namespace`)
    .action(
      wrap(async (session, args, opts) => {
        await send(session, [{ obj: namespaceObject(requireName(args, 'namespace')) }], opts, true);
      }),
    );

  common(
    create
      .command('deployment')
      .alias('deploy')
      .description('Create a deployment with the specified name')
      .argument('[name...]')
      .addOption(stringSlice('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', '--image', 'create deployment'))
      .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.')
      .option('--port <port>', 'The containerPort that this deployment exposes.'),
  )
    .addHelpText('after', `
Examples:
  # Create a deployment named echo that runs the gihyodocker/echo image
  kctl create deployment echo --image=gihyodocker/echo:latest

  # Create a deployment with a command
  kctl create deployment my-dep --image=busybox -- date

  # Create a deployment named sample-deployment with 3 replicas, exposing port 80
  kctl create deployment sample-deployment --image=amsy810/echo-nginx:v2.0 --replicas=3 --port=80`)
    .action(
      wrap(async (session, args, opts, dash) => {
        required(opts, 'deployment', 'image');
        const name = requireName(args, 'deployment');
        const replicas = integer(opts.replicas, '-r, --replicas', 'create deployment') ?? 1;
        const port = integer(opts.port, '--port', 'create deployment');
        const rand = randomFor(session.env.KCTL_SEED, `create/${name}`);
        const obj = deployment(name, explicitNamespace(session), { images: opts.image as string[], replicas, port, command: dash }, rand);
        await send(session, [{ obj }], opts, true);
      }),
    );

  const serviceCmd = create
    .command('service')
    .alias('svc')
    .description('Create a service using a specified subcommand')
    .addHelpText('after', `
Examples:
  # Create a ClusterIP service for the pods labelled app=sample-app
  kctl create service clusterip sample-app --tcp=8080:80`);
  for (const [sub, type] of Object.entries(SERVICE_TYPES)) {
    const c = common(serviceCmd.command(sub).description(`Create a ${type} service`).argument('[name...]'));
    c.addOption(stringSlice('--tcp <port:targetPort>', "Port pairs can be specified as '<port>:<targetPort>'.", '--tcp', `create service ${sub}`));
    if (type === 'ClusterIP') c.option('--clusterip <ip>', "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).");
    if (type === 'NodePort') c.option('--node-port <port>', 'Port used to expose the service on each node in a cluster.');
    if (type === 'ExternalName') c.option('--external-name <name>', 'External name of service');
    c.addHelpText('after', `
Examples:
  # Create a new ${type} service named my-svc
  kctl create service ${sub} my-svc ${type === 'ExternalName' ? '--external-name=external.example.com' : '--tcp=8080:80'}`);
    c.action(
      wrap(async (session, args, opts) => {
        if (type === 'ExternalName') required(opts, `service ${sub}`, 'external-name');
        const name = requireName(args, `service ${sub}`);
        const tcp = (opts.tcp as string[] | undefined) ?? [];
        if (type !== 'ExternalName' && !tcp.length && opts.clusterip !== 'None') throw new CliError('at least one tcp port specifier must be provided');
        const obj = service(name, explicitNamespace(session), type, {
          tcp,
          clusterIP: opts.clusterip as string | undefined,
          nodePort: integer(opts.nodePort, '--node-port', `create service ${sub}`),
          externalName: opts.externalName as string | undefined,
        });
        await send(session, [{ obj }], opts, true);
      }),
    );
  }

  const secretCmd = create
    .command('secret')
    .description('Create a secret using a specified subcommand')
    .addHelpText('after', `
Examples:
  # Create a secret from literal values
  kctl create secret generic sample-db-auth --from-literal=username=root --from-literal=password=rootpassword`);
  common(
    secretCmd
      .command('generic')
      .description('Create a secret from a local file, directory, or literal value')
      .argument('[name...]')
      .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)').argParser(collect))
      .addOption(stringSlice('--from-file <[key=]source>', 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path.', '--from-file', 'create secret generic'))
      .option('--type <type>', 'The type of secret to create'),
  )
    .addHelpText('after', `
Examples:
  # Create a secret with the user and password of the database
  kctl create secret generic sample-db-auth --from-literal=username=root --from-literal=password=rootpassword

  # Create a secret from a file
  kctl create secret generic sample-db-auth --from-file=./password.txt`)
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'secret generic');
        await failing('failed to create secret ', async () => {
          const data = collectData('Secret', name, (opts.fromLiteral as string[]) ?? [], (opts.fromFile as string[]) ?? []);
          await send(session, [{ obj: secret(name, explicitNamespace(session), data, opts.type as string | undefined) }], opts, true);
        });
      }),
    );
  common(
    secretCmd.command('tls').description('Create a TLS secret').argument('[name...]').option('--cert <path>', 'Path to PEM encoded public key certificate.').option('--key <path>', 'Path to private key associated with given certificate.'),
  )
    .addHelpText('after', `
Examples:
  # Create the TLS secret of the Ingress exercise
  kctl create secret tls tls-sample --cert=tls.crt --key=tls.key`)
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'secret tls');
        if (!opts.cert || !opts.key) throw new CliError('key and cert must be specified');
        const read = (p: unknown) => {
          try {
            return readDataFile(String(p));
          } catch (e) {
            if (e instanceof StatusError) throw e;
            throw new CliError(`open ${String(p)}: no such file or directory`);
          }
        };
        await failing('failed to create secret ', async () => {
          const cert = read(opts.cert);
          const key = read(opts.key);
          if (!cert.includes('-----BEGIN')) throw new CliError('tls: failed to find any PEM data in certificate input');
          if (!key.includes('-----BEGIN')) throw new CliError('tls: failed to find any PEM data in key input');
          await send(session, [{ obj: secret(name, explicitNamespace(session), { 'tls.crt': cert, 'tls.key': key }, 'kubernetes.io/tls') }], opts, true);
        });
      }),
    );
  common(
    create
      .command('configmap')
      .alias('cm')
      .description('Create a config map from a local file, directory or literal value')
      .argument('[name...]')
      .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)').argParser(collect))
      .addOption(stringSlice('--from-file <[key=]source>', 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.', '--from-file', 'create configmap')),
  )
    .addHelpText('after', `
Examples:
  # Create a config map from literal values
  kctl create configmap sample-configmap --from-literal=connection.max=100 --from-literal=connection.min=10

  # Create a config map from a file
  kctl create configmap sample-configmap --from-file=./nginx.conf`)
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'configmap');
        await failing('failed to create configmap: ', async () => {
          const data = collectData('ConfigMap', name, (opts.fromLiteral as string[]) ?? [], (opts.fromFile as string[]) ?? []);
          await send(session, [{ obj: configMap(name, explicitNamespace(session), data) }], opts, true);
        });
      }),
    );
  common(create.command('job').description('Create a job with the specified name').argument('[name...]').option('--image <image>', 'Image name to run.'))
    .addHelpText('after', `
Examples:
  # Create a job that prints the date
  kctl create job my-job --image=busybox -- date`)
    .action(
      wrap(async (session, args, opts, dash) => {
        const name = requireName(args, 'job');
        if (!opts.image) throw new CliError('either --image or --from must be specified');
        await send(session, [{ obj: job(name, explicitNamespace(session), opts.image as string, dash) }], opts, true);
      }),
    );
}
