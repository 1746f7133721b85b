// kubectl config set-cluster, set-context and set-credentials: a stanza created or merged with
// the flags given (an empty value given still counts), kubectl's checks and messages.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { CliError } from '../errors.js';
import { shapeEntry, type Section } from '../kubeconfig.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { edit, helpError } from './config.js';
import { collect } from './flags.js';

type Wrap = (a: Action) => (...p: unknown[]) => Promise<void>;
type Sub = (name: string, short: string, long: string, usage: string, example: string) => Command;
type Obj = Record<string, unknown>;

const bool = (v: unknown) => v === true || v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True';

/** The stanza named args[0], created or merged by fn, then saved. */
async function stanza(session: Session, cmd: Command, args: string[], section: Section, fn: (body: Obj) => void): Promise<boolean> {
  // set-credentials words it in lower case.
  if (args.length !== 1) helpError(session, cmd, `${section === 'users' ? 'unexpected' : 'Unexpected'} args: [${args.join(' ')}]`);
  const e = await edit(session);
  const before = e.config[section].get(args[0]);
  const body = structuredClone(before?.body ?? {});
  fn(body);
  e.config[section].set(args[0], { body: shapeEntry(section, body), origin: before?.origin ?? '' });
  await e.save();
  return !!before;
}

function readFor(flag: string, path: string): string {
  try {
    statSync(path);
  } catch {
    throw new CliError(`could not stat ${flag} file ${path}: stat ${path}: no such file or directory`);
  }
  return readFileSync(path).toString('base64');
}

/** A file flag: embedded as data with --embed-certs, else its absolute path. */
function fileField(body: Obj, opts: Obj, flag: string, path: string, data: string): void {
  const v = opts[flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] as string | undefined;
  if (v === undefined) return;
  if (bool(opts.embedCerts)) {
    body[data] = readFor(flag, v);
    delete body[path];
  } else {
    body[path] = v ? resolve(v) : '';
    if (v) delete body[data];
  }
}

export function registerConfigSetters(config: Command, wrap: Wrap, sub: Sub): void {
  const cluster = sub(
    'set-cluster',
    'Set a cluster entry in kubeconfig',
    'Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    'NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com]',
    `  # Set only the server field on the e2e cluster entry without touching other values
  kctl config set-cluster e2e --server=https://1.2.3.4

  # Embed certificate authority data for the e2e cluster entry
  kctl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt

  # Disable cert checking for the e2e cluster entry
  kctl config set-cluster e2e --insecure-skip-tls-verify=true

  # Set the custom TLS server name to use for validation for the e2e cluster entry
  kctl config set-cluster e2e --tls-server-name=my-cluster-name

  # Set the proxy URL for the e2e cluster entry
  kctl config set-cluster e2e --proxy-url=https://1.2.3.4`,
  )
    .option('--certificate-authority <path>', 'Path to certificate-authority file for the cluster entry in kubeconfig')
    .option('--embed-certs [bool]', 'embed-certs for the cluster entry in kubeconfig')
    .option('--insecure-skip-tls-verify [bool]', 'insecure-skip-tls-verify for the cluster entry in kubeconfig')
    .option('--proxy-url <url>', 'proxy-url for the cluster entry in kubeconfig')
    .option('--server <server>', 'server for the cluster entry in kubeconfig')
    .option('--tls-server-name <name>', 'tls-server-name for the cluster entry in kubeconfig');
  cluster.action(
    wrap(async (session, args, opts) => {
      if (bool(opts.embedCerts) && !opts.certificateAuthority) throw new CliError('you must specify a --certificate-authority to embed');
      await stanza(session, cluster, args, 'clusters', (b) => {
        if (opts.server !== undefined) b.server = opts.server;
        if (opts.tlsServerName !== undefined) b['tls-server-name'] = opts.tlsServerName;
        if (opts.insecureSkipTlsVerify !== undefined) {
          b['insecure-skip-tls-verify'] = bool(opts.insecureSkipTlsVerify === true ? 'true' : opts.insecureSkipTlsVerify);
          if (b['insecure-skip-tls-verify']) delete b['certificate-authority'], delete b['certificate-authority-data'];
        }
        if (opts.certificateAuthority !== undefined) {
          fileField(b, opts, 'certificate-authority', 'certificate-authority', 'certificate-authority-data');
          if (opts.certificateAuthority) delete b['insecure-skip-tls-verify'];
        }
        if (opts.proxyUrl !== undefined) b['proxy-url'] = opts.proxyUrl;
      });
      session.io.out(`Cluster "${args[0]}" set.\n`);
    }),
  );

  const context = sub(
    'set-context',
    'Set a context entry in kubeconfig',
    'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    '[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
    '  # Set the user field on the gce context entry without touching other values\n  kctl config set-context gce --user=cluster-admin',
  )
    .option('--cluster <cluster>', 'cluster for the context entry in kubeconfig')
    .option('--current', 'Modify the current context')
    .option('--namespace <namespace>', 'namespace for the context entry in kubeconfig')
    .option('--user <user>', 'user for the context entry in kubeconfig');
  context.action(
    wrap(async (session, args, opts) => {
      if (args.length > 1) helpError(session, context, `Unexpected args: [${args.join(' ')}]`);
      const own = context.opts() as Obj;
      if (!args[0] && !own.current) throw new CliError('you must specify a non-empty context name or --current');
      if (args[0] && own.current) throw new CliError('you cannot specify both a context name and --current');
      const e = await edit(session);
      const name = args[0] ?? e.config.currentContext;
      if (!name) throw new CliError('no current context is set');
      void opts;
      const before = e.config.contexts.get(name);
      const body = structuredClone(before?.body ?? {});
      for (const k of ['cluster', 'user', 'namespace']) if (own[k] !== undefined) body[k] = own[k];
      e.config.contexts.set(name, { body: shapeEntry('contexts', body), origin: before?.origin ?? '' });
      await e.save();
      session.io.out(`Context "${name}" ${before ? 'modified' : 'created'}.\n`);
    }),
  );

  const credentials = sub(
    'set-credentials',
    'Set a user entry in kubeconfig',
    `Set a user entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values.

        Client-certificate flags:
        --client-certificate=certfile --client-key=keyfile
        ${''}
        Bearer token flags:
        --token=bearer_token
        ${''}
        Basic auth flags:
        --username=basic_user --password=basic_password
        ${''}
 Bearer token and basic auth are mutually exclusive.`,
    'NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value]',
    `  # Set only the "client-key" field on the "cluster-admin"
  # entry, without touching other values
  kctl config set-credentials cluster-admin --client-key=~/.kube/admin.key

  # Set basic auth for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif

  # Embed client certificate data in the "cluster-admin" entry
  kctl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true

  # Enable the Google Compute Platform auth provider for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --auth-provider=gcp

  # Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments
  kctl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar

  # Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-

  # Enable new exec auth plugin for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1

  # Enable new exec auth plugin for the "cluster-admin" entry with interactive mode
  kctl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never

  # Define new exec auth plugin arguments for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2

  # Create or update exec auth plugin environment variables for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2

  # Remove exec auth plugin environment variables for the "cluster-admin" entry
  kctl config set-credentials cluster-admin --exec-env=var-to-remove-`,
  )
    .option('--auth-provider <name>', 'Auth provider for the user entry in kubeconfig')
    .addOption(new Option('--auth-provider-arg <key=value>', "'key=value' arguments for the auth provider").argParser(collect))
    .option('--client-certificate <path>', 'Path to client-certificate file for the user entry in kubeconfig')
    .option('--client-key <path>', 'Path to client-key file for the user entry in kubeconfig')
    .option('--embed-certs [bool]', 'Embed client cert/key for the user entry in kubeconfig')
    .option('--exec-api-version <version>', 'API version of the exec credential plugin for the user entry in kubeconfig')
    .addOption(new Option('--exec-arg <arg>', 'New arguments for the exec credential plugin command for the user entry in kubeconfig').argParser(collect))
    .option('--exec-command <command>', 'Command for the exec credential plugin for the user entry in kubeconfig')
    .addOption(new Option('--exec-env <key=value>', "'key=value' environment values for the exec credential plugin").argParser(collect))
    .option('--exec-interactive-mode <mode>', 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig')
    .option('--exec-provide-cluster-info [bool]', 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig')
    .option('--password <password>', 'password for the user entry in kubeconfig')
    .option('--token <token>', 'token for the user entry in kubeconfig')
    .option('--username <username>', 'username for the user entry in kubeconfig');
  credentials.action(
    wrap(async (session, args, opts) => {
      if (opts.token && (opts.username || opts.password)) throw new CliError('you cannot specify more than one authentication method at the same time: --token, --username/--password');
      await stanza(session, credentials, args, 'users', (b) => {
        fileField(b, opts, 'client-certificate', 'client-certificate', 'client-certificate-data');
        fileField(b, opts, 'client-key', 'client-key', 'client-key-data');
        let token = false;
        let basic = false;
        if (opts.token !== undefined) token = !!(b.token = opts.token);
        if (opts.username !== undefined) basic = !!(b.username = opts.username) || basic;
        if (opts.password !== undefined) basic = !!(b.password = opts.password) || basic;
        if (token && !basic) delete b.username, delete b.password;
        if (basic && !token) delete b.token;
        if (opts.authProvider !== undefined || opts.authProviderArg) {
          const ap = ((b['auth-provider'] as Obj) ??= { name: '', config: null });
          if (opts.authProvider !== undefined) ap.name = opts.authProvider;
          const cfg = { ...((ap.config as Obj) ?? {}) };
          for (const kv of (opts.authProviderArg as string[] | undefined) ?? []) {
            if (kv.endsWith('-') && !kv.includes('=')) delete cfg[kv.slice(0, -1)];
            else cfg[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
          }
          ap.config = Object.keys(cfg).length ? cfg : null;
        }
        // Only --exec-command makes an exec stanza; the other exec flags change one that exists.
        if (opts.execCommand !== undefined) b.exec ??= {};
        if (b.exec) {
          const ex = b.exec as Obj;
          if (opts.execCommand !== undefined) ex.command = opts.execCommand;
          if (opts.execApiVersion !== undefined) ex.apiVersion = opts.execApiVersion;
          if (opts.execArg) ex.args = opts.execArg;
          if (opts.execInteractiveMode !== undefined) ex.interactiveMode = opts.execInteractiveMode;
          if (opts.execProvideClusterInfo !== undefined) ex.provideClusterInfo = bool(opts.execProvideClusterInfo === true ? 'true' : opts.execProvideClusterInfo);
          if (opts.execEnv) {
            const env = [...((ex.env as { name: string; value: string }[]) ?? [])];
            for (const kv of opts.execEnv as string[]) {
              const name = kv.endsWith('-') && !kv.includes('=') ? kv.slice(0, -1) : kv.slice(0, kv.indexOf('='));
              const at = env.findIndex((e) => e.name === name);
              if (name === kv.slice(0, -1)) {
                if (at >= 0) env.splice(at, 1);
              } else if (at >= 0) env[at] = { name, value: kv.slice(name.length + 1) };
              else env.push({ name, value: kv.slice(name.length + 1) });
            }
            ex.env = env.length ? env : null;
          }
        }
      });
      session.io.out(`User "${args[0]}" set.\n`);
    }),
  );
}
