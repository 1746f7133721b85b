// kubectl create: -f, and the generators (namespace, deployment, service, secret, configmap, job).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { kindPrefix, resourceForKind } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { CliError, withSource } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { collect, dryRunMode, dryRunOption, outputOption, repeatable } from './flags.js';
import { readManifests } from './manifests.js';
import { admitManifest, changeCause, checkManifests } from './write.js';
import { LAST_APPLIED } from './apply.js';

/** Sends generated or read objects; prints `kind/name created` or the objects in -o format. */
async function send(session: Session, objects: { obj: KObject; source?: string }[], opts: Record<string, unknown>, verb = 'create'): Promise<void> {
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, verb) : undefined;
  if (mode === 'client') {
    if (format && format.kind !== 'table') {
      session.io.out(await printObjects(format, objects.map((o) => o.obj), objects.length === 1));
    } else {
      for (const o of objects) session.io.out(`${kindPrefix(resourceForKind(o.obj.kind)!)}/${o.obj.metadata.name} created (dry run)\n`);
    }
    return;
  }
  const cause = opts.record ? changeCause(session, verb, opts) : undefined;
  if (opts.record) session.io.err('Flag --record has been deprecated, --record will be removed in the future\n');
  const created = await session.change(
    (api) =>
      objects.map(({ obj, source }) => {
        const info = resourceForKind(obj.kind)!;
        const m = admitManifest(session, { obj, info, source: source ?? '' });
        if (cause) m.metadata.annotations = { ...m.metadata.annotations, 'kubernetes.io/change-cause': cause };
        if (opts.saveConfig) m.metadata.annotations = { ...m.metadata.annotations, [LAST_APPLIED]: JSON.stringify(obj) + '\n' };
        try {
          return api.create(m, info);
        } catch (e) {
          throw withSource(e, 'creating', source);
        }
      }),
    { dryRun: mode === 'server' },
  );
  if (format && format.kind !== 'table') {
    session.io.out(await printObjects(format, created, created.length === 1));
    return;
  }
  const suffix = mode === 'server' ? ' (server dry run)' : '';
  for (const o of created) session.io.out(`${kindPrefix(resourceForKind(o.kind)!)}/${o.metadata.name} created${suffix}\n`);
}


const createFromFiles: Action = async (session, args, opts) => {
  const files = (opts.filename as string[] | undefined) ?? [];
  if (!files.length) throw new CliError('must specify one of -f and -k', 'create');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'create');
  const manifests = await readManifests(session, files, !!opts.recursive);
  if (!manifests.length) throw new CliError('no objects passed to create');
  await checkManifests(manifests);
  for (const m of manifests) if (m.warning) session.io.err(`Warning: ${m.warning}\n`);
  await send(session, manifests.map((m) => ({ obj: m.obj, source: m.source })), opts);
};

function requireName(args: string[], verb: string): string {
  if (args.length !== 1) throw new CliError('exactly one NAME is required, got ' + args.length, `create ${verb}`);
  return args[0];
}

function meta(name: string, labels?: Record<string, string>): KObject['metadata'] {
  return { creationTimestamp: null as unknown as string, ...(labels ? { labels } : {}), name };
}

function literalPairs(list: string[] | undefined, files: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list ?? []) {
    const i = l.indexOf('=');
    if (i <= 0) throw new CliError(`invalid literal source ${l}, expected key=value`);
    out[l.slice(0, i)] = l.slice(i + 1);
  }
  for (const f of files ?? []) {
    const i = f.indexOf('=');
    const [key, path] = i > 0 ? [f.slice(0, i), f.slice(i + 1)] : [basename(f), f];
    try {
      out[key] = readFileSync(path, 'utf8');
    } catch {
      throw new CliError(`error reading ${path}: no such file or directory`);
    }
  }
  return out;
}

function servicePorts(tcp: string[] | undefined, nodePort?: string): Record<string, unknown>[] {
  return (tcp ?? []).map((t) => {
    const [port, target] = t.split(':');
    if (!/^\d+$/.test(port)) throw new CliError(`invalid port: ${t}`);
    return {
      name: `${port}-${target ?? port}`,
      ...(nodePort ? { nodePort: Number(nodePort) } : {}),
      port: Number(port),
      protocol: 'TCP',
      targetPort: target === undefined ? Number(port) : /^\d+$/.test(target) ? Number(target) : target,
    };
  });
}

export function registerCreate(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const create = program
    .command('create')
    .description('Create a resource from a file or from stdin')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--record', 'Record current kctl command in the resource annotation. (deprecated)')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText('after', `
Examples:
  # Create a pod using the data in pod.yaml
  kctl create -f ./pod.yaml

  # Create a deployment and expose it
  kctl create deployment echo --image=gihyodocker/echo:latest --replicas=3 --port=8080`)
    .action(wrap(createFromFiles));

  const common = (c: Command) => c.addOption(dryRunOption()).addOption(outputOption()).option('--save-config', 'If true, save the configuration in an annotation.');

  common(create.command('namespace').alias('ns').description('Create a namespace with the specified name').argument('<name>')).action(
    wrap(async (session, args, opts) => {
      await send(session, [{ obj: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(requireName(args, 'namespace')), spec: {}, status: {} } }], opts);
    }),
  );

  common(
    create
      .command('deployment')
      .alias('deploy')
      .description('Create a deployment with the specified name')
      .argument('<name>')
      .addOption(new Option('--image <image>', 'Image names to run.').argParser(collect))
      .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.')
      .option('--port <port>', 'The containerPort that this deployment exposes.'),
  ).action(
    wrap(async (session, args, opts, dash) => {
      const name = requireName(args, 'deployment');
      const images = (opts.image as string[] | undefined) ?? [];
      if (!images.length) throw new CliError('required flag(s) "image" not set', 'create deployment');
      const labels = { app: name };
      const containers = images.map((img) => {
        const base = basename(img.split('@')[0].replace(/:[^/:]*$/, '')).replace(/[^a-z0-9-]/g, '-');
        return {
          ...(dash.length ? { command: dash } : {}),
          image: img,
          name: base,
          ...(opts.port ? { ports: [{ containerPort: Number(opts.port) }] } : {}),
          resources: {},
        };
      });
      await send(
        session,
        [
          {
            obj: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: meta(name, labels),
              spec: {
                replicas: Number(opts.replicas ?? 1),
                selector: { matchLabels: labels },
                strategy: {},
                template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
              },
              status: {},
            },
          },
        ],
        opts,
      );
    }),
  );

  const service = create.command('service').alias('svc').description('Create a service using a specified subcommand');
  for (const type of ['clusterip', 'nodeport', 'loadbalancer', 'externalname'] as const) {
    const c = common(service.command(type).description(`Create a ${type} service`).argument('<name>'));
    if (type !== 'externalname') c.addOption(new Option('--tcp <port:targetPort>', 'Port pairs can be specified as \'<port>:<targetPort>\'.').argParser(collect));
    if (type === 'clusterip') c.option('--clusterip <ip>', 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).');
    if (type === 'nodeport') c.option('--node-port <port>', 'Port used to expose the service on each node in a cluster.');
    if (type === 'externalname') c.option('--external-name <name>', 'External name of service').addOption(new Option('--tcp <port:targetPort>', 'Port pairs').argParser(collect));
    c.action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, `service ${type}`);
        const typeName = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }[type];
        if (type === 'externalname' && !opts.externalName) throw new CliError('required flag(s) "external-name" not set', 'create service externalname');
        if (type !== 'externalname' && !(opts.tcp as string[] | undefined)?.length && opts.clusterip !== 'None') {
          throw new CliError('at least one tcp port specifier must be provided', `create service ${type}`);
        }
        const ports = servicePorts(opts.tcp as string[], opts.nodePort as string);
        const spec: Record<string, unknown> = {
          ...(opts.clusterip ? { clusterIP: opts.clusterip } : {}),
          ...(opts.externalName ? { externalName: opts.externalName } : {}),
          ...(ports.length ? { ports } : {}),
          selector: { app: name },
          type: typeName,
        };
        await send(session, [{ obj: { apiVersion: 'v1', kind: 'Service', metadata: meta(name, { app: name }), spec, status: { loadBalancer: {} } } }], opts);
      }),
    );
  }

  const secret = create.command('secret').description('Create a secret using a specified subcommand');
  common(
    secret
      .command('generic')
      .description('Create a secret from a local file, directory, or literal value')
      .argument('<name>')
      .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret').argParser(collect))
      .addOption(new Option('--from-file <[key=]source>', 'Key files can be specified using their file path').argParser(collect))
      .option('--type <type>', 'The type of secret to create'),
  ).action(
    wrap(async (session, args, opts) => {
      const data = literalPairs(opts.fromLiteral as string[], opts.fromFile as string[]);
      const b64 = Object.fromEntries(Object.keys(data).sort().map((k) => [k, Buffer.from(data[k]).toString('base64')]));
      await send(session, [{ obj: { apiVersion: 'v1', ...(Object.keys(b64).length ? { data: b64 } : {}), kind: 'Secret', metadata: meta(requireName(args, 'secret generic')), ...(opts.type ? { type: opts.type } : {}) } }], opts);
    }),
  );
  common(
    secret.command('tls').description('Create a TLS secret').argument('<name>').option('--cert <path>', 'Path to PEM encoded public key certificate.').option('--key <path>', 'Path to private key associated with given certificate.'),
  ).action(
    wrap(async (session, args, opts) => {
      const read = (p: unknown) => {
        try {
          return readFileSync(String(p), 'utf8');
        } catch {
          throw new CliError(`open ${String(p)}: no such file or directory`);
        }
      };
      if (!opts.cert || !opts.key) throw new CliError('required flag(s) "cert", "key" not set', 'create secret tls');
      const cert = read(opts.cert);
      const key = read(opts.key);
      if (!cert.includes('-----BEGIN')) throw new CliError('tls: failed to find any PEM data in certificate input');
      if (!key.includes('-----BEGIN')) throw new CliError('tls: failed to find any PEM data in key input');
      const data = { 'tls.crt': Buffer.from(cert).toString('base64'), 'tls.key': Buffer.from(key).toString('base64') };
      await send(session, [{ obj: { apiVersion: 'v1', data, kind: 'Secret', metadata: meta(requireName(args, 'secret tls')), type: 'kubernetes.io/tls' } }], opts);
    }),
  );
  common(
    create
      .command('configmap')
      .alias('cm')
      .description('Create a config map from a local file, directory or literal value')
      .argument('<name>')
      .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap').argParser(collect))
      .addOption(new Option('--from-file <[key=]source>', 'Key file can be specified using its file path').argParser(collect)),
  ).action(
    wrap(async (session, args, opts) => {
      const data = literalPairs(opts.fromLiteral as string[], opts.fromFile as string[]);
      await send(session, [{ obj: { apiVersion: 'v1', ...(Object.keys(data).length ? { data } : {}), kind: 'ConfigMap', metadata: meta(requireName(args, 'configmap')) } }], opts);
    }),
  );
  common(create.command('job').description('Create a job with the specified name').argument('<name>').option('--image <image>', 'Image name to run.')).action(
    wrap(async (session, args, opts, dash) => {
      const name = requireName(args, 'job');
      if (!opts.image) throw new CliError('required flag(s) "image" not set', 'create job');
      const container = { ...(dash.length ? { command: dash } : {}), image: opts.image, name, resources: {} };
      await send(
        session,
        [{ obj: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(name), spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } }, status: {} } }],
        opts,
      );
    }),
  );
}
