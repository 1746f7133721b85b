// kctl create service clusterip|nodeport|loadbalancer|externalname and create ingress.

import { Command, Option } from 'commander';
import { CliError } from '../../errors.js';
import { collect, stringSlice } from '../flags.js';
import { commonFlags, explicitNamespace, failing, integer, required, requireName, send, subcommand, type Wrap } from './common.js';
import { CREATE_HELP } from './helptext.js';

const SERVICE_TYPES = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' } as const;

export function registerNetwork(create: Command, wrap: Wrap): void {
  const serviceCmd = create.command('service').alias('svc').description(CREATE_HELP.service.long);
  for (const [sub, type] of Object.entries(SERVICE_TYPES)) {
    const key = `service ${sub}`;
    const c = commonFlags(subcommand(serviceCmd, key, CREATE_HELP[key]));
    c.addOption(stringSlice('--tcp <port:targetPort>', "Port pairs can be specified as '<port>:<targetPort>'.", '--tcp', `create ${key}`));
    if (type === 'ClusterIP') c.option('--clusterip <ip>', "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).");
    if (type === 'NodePort') c.option('--node-port <port>', 'Port used to expose the service on each node in a cluster.', '0');
    if (type === 'ExternalName') c.option('--external-name <name>', 'External name of service');
    c.action(
      wrap(async (session, args, opts) => {
        if (type === 'ExternalName') required(opts, 'external-name');
        const name = requireName(args, key);
        const tcp = (opts.tcp as string[] | undefined) ?? [];
        if (type !== 'ExternalName' && !tcp.length && opts.clusterip !== 'None') throw new CliError('at least one tcp port specifier must be provided');
        const nodePort = integer(opts.nodePort, '--node-port', `create ${key}`);
        const { service } = await import('./gen/network.js');
        const obj = service(name, explicitNamespace(session), type, { tcp, clusterIP: opts.clusterip as string | undefined, nodePort, externalName: opts.externalName as string | undefined });
        await failing(`failed to create ${type} service: `, () => send(session, [{ obj }], opts, true));
      }),
    );
  }

  commonFlags(subcommand(create, 'ingress', CREATE_HELP.ingress, ['ing']))
    .addOption(new Option('--annotation <annotation=value>', 'Annotation to insert in the ingress object, in the format annotation=value').argParser(collect))
    .option('--class <class>', 'Ingress Class to be used')
    .option('--default-backend <svc:port>', 'Default service for backend, in format of svcname:port')
    .addOption(new Option('--rule <rule>', "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.").argParser(collect))
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'ingress');
        const rules = (opts.rule as string[] | undefined) ?? [];
        const annotations = (opts.annotation as string[] | undefined) ?? [];
        const defaultBackend = (opts.defaultBackend as string | undefined) ?? '';
        const gen = await import('./gen/network.js');
        if (!defaultBackend && !rules.length) {
          throw new CliError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
        }
        for (const r of rules) if (!gen.INGRESS_RULE.test(r)) throw new CliError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
        for (const a of annotations) if (!a.includes('=')) throw new CliError(`annotation ${a} is invalid and should be in format key=[value]`);
        if (defaultBackend && defaultBackend.split(':').length !== 2) throw new CliError('default-backend should be in format servicename:serviceport');
        const obj = gen.ingress(name, explicitNamespace(session), { className: opts.class as string | undefined, rules, defaultBackend, annotations });
        await failing('failed to create ingress: ', () => send(session, [{ obj }], opts, true));
      }),
    );
}
