// kctl create configmap and create secret generic|tls|docker-registry.

import { Command, Option } from 'commander';
import type { KObject } from '../../../api/types.js';
import { StatusError } from '../../../api/errors.js';
import { CliError } from '../../errors.js';
import type { Session } from '../../session.js';
import { collect, stringSlice } from '../flags.js';
import { commonFlags, explicitNamespace, failing, requireName, send, subcommand, type Wrap } from './common.js';
import { CREATE_HELP } from './helptext.js';

const appendHash = (what: string) => new Option('--append-hash', `Append a hash of the ${what} to its name.`);

function sources(opts: Record<string, unknown>) {
  return { literals: (opts.fromLiteral as string[]) ?? [], files: (opts.fromFile as string[]) ?? [], envFiles: (opts.fromEnvFile as string[]) ?? [] };
}

/** Sends a generated ConfigMap or Secret, named with its hash under --append-hash. */
async function sendData(session: Session, obj: KObject, opts: Record<string, unknown>): Promise<void> {
  if (opts.appendHash) obj = (await import('./gen/data.js')).appendHash(obj);
  await send(session, [{ obj }], opts, true);
}

export function registerData(create: Command, wrap: Wrap): void {
  commonFlags(subcommand(create, 'configmap', CREATE_HELP.configmap, ['cm']))
    .addOption(appendHash('configmap'))
    .addOption(stringSlice('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a configmap.', '--from-env-file', 'create configmap'))
    .addOption(
      stringSlice(
        '--from-file <[key=]source>',
        'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.',
        '--from-file',
        'create configmap',
      ),
    )
    .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)').argParser(collect))
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'configmap');
        const gen = await import('./gen/data.js');
        // A file past the request limit is the server's 413, in the subcommand's words.
        await failing('failed to create configmap: ', () => sendData(session, gen.configMap(name, explicitNamespace(session), gen.collectData('ConfigMap', name, sources(opts), session.env)), opts));
      }),
    );

  // The first paragraph only: the parent's list of subcommands shows the description whole.
  const secretCmd = create.command('secret').description(CREATE_HELP.secret.long.split('\n\n')[0]);
  commonFlags(subcommand(secretCmd, 'secret generic', CREATE_HELP['secret generic']))
    .addOption(appendHash('secret'))
    .addOption(stringSlice('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a secret.', '--from-env-file', 'create secret generic'))
    .addOption(
      stringSlice(
        '--from-file <[key=]source>',
        'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.',
        '--from-file',
        'create secret generic',
      ),
    )
    .addOption(new Option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)').argParser(collect))
    .option('--type <type>', 'The type of secret to create')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'secret generic');
        const gen = await import('./gen/data.js');
        await failing('failed to create secret ', () => sendData(session, gen.secret(name, explicitNamespace(session), gen.collectData('Secret', name, sources(opts), session.env), opts.type as string | undefined), opts));
      }),
    );

  commonFlags(subcommand(secretCmd, 'secret tls', CREATE_HELP['secret tls']))
    .addOption(appendHash('secret'))
    .option('--cert <path>', 'Path to PEM encoded public key certificate.')
    .option('--key <path>', 'Path to private key associated with given certificate.')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'secret tls');
        if (!opts.cert || !opts.key) throw new CliError('key and cert must be specified');
        const gen = await import('./gen/data.js');
        const read = (p: unknown) => {
          try {
            return gen.readDataBytes(String(p));
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
          const data = new Map([['tls.crt', cert], ['tls.key', key]]);
          await sendData(session, gen.secret(name, explicitNamespace(session), data, 'kubernetes.io/tls'), opts);
        });
      }),
    );

  commonFlags(subcommand(secretCmd, 'secret docker-registry', CREATE_HELP['secret docker-registry']))
    .addOption(appendHash('secret'))
    .option('--docker-email <email>', 'Email for Docker registry')
    .option('--docker-password <password>', 'Password for Docker registry authentication')
    .option('--docker-server <server>', 'Server location for Docker registry', 'https://index.docker.io/v1/')
    .option('--docker-username <user>', 'Username for Docker registry authentication')
    .addOption(
      stringSlice(
        '--from-file <[key=]source>',
        'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.',
        '--from-file',
        'create secret docker-registry',
      ),
    )
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'secret docker-registry');
        const files = (opts.fromFile as string[] | undefined) ?? [];
        if (!files.length && (!opts.dockerUsername || !opts.dockerPassword)) throw new CliError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
        const gen = await import('./gen/data.js');
        await failing('failed to create secret ', async () => {
          const data = files.length
            ? // A file without a key is the .dockerconfigjson.
              gen.collectData('Secret', name, { literals: [], files: files.map((f) => (f.includes('=') ? f : `.dockerconfigjson=${f}`)), envFiles: [] }, session.env)
            : new Map([['.dockerconfigjson', gen.dockerConfigJson({ server: opts.dockerServer as string, username: opts.dockerUsername as string, password: opts.dockerPassword as string, email: opts.dockerEmail as string | undefined })]]);
          await sendData(session, gen.secret(name, explicitNamespace(session), data, 'kubernetes.io/dockerconfigjson'), opts);
        });
      }),
    );
}
