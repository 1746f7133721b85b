// kubectl config: read and change the kubeconfig (kubeconfig*.ts hold the model, loading rules
// and property paths), with kubectl's messages and files.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { CliError } from '../errors.js';
import { longDescription } from '../help.js';
import { type Config, type Entry, toV1 } from '../kubeconfig.js';
import { defaultFilename, load, type Loaded, loadingRules, type LoadingRules, modify } from '../kubeconfigloader.js';
import { setProperty } from '../kubeconfigset.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { registerConfigSetters } from './configset.js';

type Wrap = (a: Action) => (...p: unknown[]) => Promise<void>;

export interface Edit {
  rules: LoadingRules;
  start: Loaded;
  /** A copy of the merged config to change. */
  config: Config;
  /** The file kubectl names in its messages. */
  file: string;
  save(): Promise<void>;
}

const copy = (m: Map<string, Entry>) => new Map([...m].map(([k, e]) => [k, { body: structuredClone(e.body), origin: e.origin }]));

export async function edit(session: Session): Promise<Edit> {
  const rules = loadingRules(session.flags.kubeconfig, session.env);
  const start = await load(rules, session.env);
  const s = start.config;
  const config: Config = { ...s, preferences: structuredClone(s.preferences), clusters: copy(s.clusters), users: copy(s.users), contexts: copy(s.contexts) };
  return { rules, start, config, file: rules.explicitPath ?? defaultFilename(rules), save: () => modify(rules, start, config) };
}

/** cobra's helpErrorf: the help on stdout, then the error. */
export function helpError(session: Session, cmd: Command, message: string): never {
  session.io.out(cmd.helpInformation());
  throw new CliError(message);
}

const unexpected = (args: string[]) => `Unexpected args: [${args.join(' ')}]`;

/** The view's secrets as kubectl hides them without --raw (clientcmdapi.ShortenConfig). */
function shorten(config: Config): void {
  for (const e of config.clusters.values()) if (e.body['certificate-authority-data']) e.body['certificate-authority-data'] = 'DATA+OMITTED';
  for (const e of config.users.values()) {
    for (const k of ['client-certificate-data', 'client-key-data']) if (e.body[k]) e.body[k] = 'DATA+OMITTED';
    for (const k of ['token', 'password']) if (e.body[k]) e.body[k] = 'REDACTED';
  }
}

function minify(config: Config): void {
  const name = config.currentContext;
  if (!name) throw new CliError('current-context must exist in order to minify');
  const context = config.contexts.get(name);
  if (!context) throw new CliError(`cannot locate context ${name}`);
  const { cluster, user } = context.body as { cluster: string; user: string };
  const keep = (m: Map<string, Entry>, key: string, what: string) => {
    const e = m.get(key);
    if (key && !e) throw new CliError(`cannot locate ${what} ${key}`);
    m.clear();
    if (key) m.set(key, e!);
  };
  keep(config.clusters, cluster, 'cluster');
  keep(config.users, user, 'user');
  config.contexts = new Map([[name, context]]);
}

/** Files the stanzas name, embedded as data (clientcmdapi.FlattenConfig). */
function flatten(config: Config): void {
  const embed = (e: Entry, path: string, data: string) => {
    const file = e.body[path] as string | undefined;
    if (!file) return;
    const abs = resolve(e.origin ? dirname(e.origin) : '.', file);
    try {
      e.body[data] = readFileSync(abs).toString('base64');
    } catch (err) {
      throw new CliError(`open ${abs}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    delete e.body[path];
  };
  for (const e of config.clusters.values()) embed(e, 'certificate-authority', 'certificate-authority-data');
  for (const e of config.users.values()) {
    embed(e, 'client-certificate', 'client-certificate-data');
    embed(e, 'client-key', 'client-key-data');
  }
}

const FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

const view: Action = async (session, args, opts) => {
  if (args.length) throw new CliError(`unexpected arguments: [${args.join(' ')}]`, 'config view');
  const { config } = await edit(session);
  if (opts.minify) {
    if (session.flags.context) config.currentContext = session.flags.context;
    minify(config);
  }
  if (opts.flatten) flatten(config);
  else if (!opts.raw) shorten(config);
  const output = String(opts.output ?? 'yaml');
  const doc = toV1(config);
  if (output === 'yaml') return session.io.out(await (await import('../../printers/output.js')).toYaml(doc));
  if (output === 'json') return session.io.out(JSON.stringify(doc, null, 4) + '\n');
  const jsonpath = /^jsonpath=(.*)$/s.exec(output);
  if (jsonpath) {
    const { parseJsonPath, executeJsonPath, JsonPathError } = await import('../../printers/jsonpath/index.js');
    try {
      session.io.out(executeJsonPath(parseJsonPath(jsonpath[1]), JSON.parse(JSON.stringify(doc)), { allowMissingKeys: opts.allowMissingTemplateKeys !== false && opts.allowMissingTemplateKeys !== 'false' }));
    } catch (e) {
      if (e instanceof JsonPathError) throw new CliError(e.message);
      throw e;
    }
    return;
  }
  throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}`);
};

const sortedNames = (m: Map<string, unknown>) => [...m.keys()].sort();

export function registerConfig(program: Command, wrap: Wrap): void {
  const config = program.command('config').description('Modify kubeconfig files');
  longDescription(
    config,
    `Modify kubeconfig files using subcommands like "kctl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, kctl's own kubeconfig is used and no merging takes place: $KCTL_KUBECONFIG, else \${XDG_CONFIG_HOME}/kctl/config (~/.config/kctl/config). Until it exists it holds one context "kctl" for the default state file.`,
  );

  const sub = (name: string, short: string, long: string, usage: string, example: string) => {
    const cmd = config.command(name).description(short).usage(usage).allowExcessArguments();
    longDescription(cmd, long);
    cmd.addHelpText('after', `\nExamples:\n${example}`);
    return cmd;
  };

  const current = sub('current-context', 'Display the current-context', 'Display the current-context.', '[flags]', '  # Display the current-context\n  kctl config current-context');
  current.action(
    wrap(async (session) => {
      const { config: c } = await edit(session);
      if (!c.currentContext) throw new CliError('current-context is not set');
      session.io.out(`${c.currentContext}\n`);
    }),
  );

  for (const [section, what, label] of [
    ['clusters', 'cluster', 'the minikube cluster'],
    ['contexts', 'context', 'the context for the minikube cluster'],
    ['users', 'user', 'the minikube user'],
  ] as const) {
    const cmd = sub(
      `delete-${what}`,
      `Delete the specified ${what} from the kubeconfig`,
      `Delete the specified ${what} from the kubeconfig.`,
      'NAME',
      `  # Delete ${label}\n  kctl config delete-${what} minikube`,
    );
    cmd.action(
      wrap(async (session, args) => {
        if (!args.length) {
          if (what === 'user') throw new CliError('user to delete is required', 'config delete-user');
          return session.io.out(cmd.helpInformation());
        }
        const e = await edit(session);
        const name = args[0];
        if (!e.config[section].has(name)) throw new CliError(`cannot delete ${what} ${name}, not in ${e.file}`);
        e.config[section].delete(name);
        await e.save();
        session.io.out(`deleted ${what} ${name} from ${e.file}\n`);
        if (what === 'context' && e.config.currentContext === name) session.io.err(`warning: this removed your active context, use "kctl config use-context" to select a different one\n`);
      }),
    );
  }

  for (const [section, what] of [
    ['clusters', 'clusters'],
    ['users', 'users'],
  ] as const) {
    sub(`get-${what}`, `Display ${what} defined in the kubeconfig`, `Display ${what} defined in the kubeconfig.`, '[flags]', `  # List the ${what} that kctl knows about\n  kctl config get-${what}`).action(
      wrap(async (session) => {
        const { config: c } = await edit(session);
        session.io.out(['NAME', ...sortedNames(c[section])].map((n) => `${n}\n`).join(''));
      }),
    );
  }

  sub(
    'get-contexts',
    'Describe one or many contexts',
    'Display one or many contexts from the kubeconfig file.',
    '[(-o|--output=)name)]',
    '  # List all the contexts in your kubeconfig file\n  kctl config get-contexts\n\n  # Describe one context in your kubeconfig file\n  kctl config get-contexts my-context',
  )
    .option('--no-headers', "When using the default or custom-column output format, don't print headers (default print headers).")
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .action(
      wrap(async (session, args, opts) => {
        const output = (opts.output as string | undefined) ?? '';
        if (output !== '' && output !== 'name') throw new CliError(`--output ${output} is not available in kctl config get-contexts; resetting to default output format`);
        const { config: c } = await edit(session);
        const errors = args.filter((n) => !c.contexts.has(n)).map((n) => `context ${n} not found`);
        const names = (args.length ? args.filter((n) => c.contexts.has(n)) : [...c.contexts.keys()]).sort();
        if (output === 'name') session.io.out(names.map((n) => `${n}\n`).join(''));
        else {
          const { tableRows } = await import('../../printers/tabwriter.js');
          const rows = opts.headers === false ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
          for (const n of names) {
            const b = c.contexts.get(n)!.body as Record<string, string>;
            rows.push([c.currentContext === n ? '*' : '', n, b.cluster ?? '', b.user ?? '', b.namespace ?? '']);
          }
          session.io.out(tableRows(rows));
        }
        if (errors.length) throw new CliError(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
      }),
    );

  const rename = sub(
    'rename-context',
    'Rename a context from the kubeconfig file',
    `Renames a context from the kubeconfig file.

 CONTEXT_NAME is the context name that you want to change.

 NEW_NAME is the new name you want to set.

 Note: If the context being renamed is the 'current-context', this field will also be updated.`,
    'CONTEXT_NAME NEW_NAME',
    "  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n  kctl config rename-context old-name new-name",
  );
  rename.action(
    wrap(async (session, args) => {
      if (args.length !== 2) helpError(session, rename, unexpected(args));
      const [from, to] = args;
      const e = await edit(session);
      const context = e.config.contexts.get(from);
      if (!context) throw new CliError(`cannot rename the context "${from}", it's not in ${e.file}`);
      if (e.config.contexts.has(to)) throw new CliError(`cannot rename the context "${from}", the context "${to}" already exists in ${e.file}`);
      e.config.contexts.delete(from);
      e.config.contexts.set(to, context);
      if (e.config.currentContext === from) e.config.currentContext = to;
      await e.save();
      session.io.out(`Context "${from}" renamed to "${to}".\n`);
    }),
  );

  const PROPERTY = ' PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.';
  const set = sub(
    'set',
    'Set an individual value in a kubeconfig file',
    `Set an individual value in a kubeconfig file.

${PROPERTY}

 PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

 Specifying an attribute name that already exists will merge new fields on top of existing values.`,
    'PROPERTY_NAME PROPERTY_VALUE',
    `  # Set the server field on the my-cluster cluster to https://1.2.3.4
  kctl config set clusters.my-cluster.server https://1.2.3.4

  # Set the certificate-authority-data field on the my-cluster cluster
  kctl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)

  # Set the cluster field in the my-context context to my-cluster
  kctl config set contexts.my-context.cluster my-cluster

  # Set the client-key-data field in the cluster-admin user using --set-raw-bytes option
  kctl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true`,
  );
  set.addOption(new Option('--set-raw-bytes [bool]', 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.'));
  set.action(
    wrap(async (session, args, opts) => {
      if (args.length !== 2) helpError(session, set, unexpected(args));
      const [name, value] = args;
      if (!value) throw new CliError('you cannot use set to unset a property');
      const raw = opts.setRawBytes === true || opts.setRawBytes === 'true';
      const e = await edit(session);
      setProperty(e.config, name, value, raw);
      await e.save();
      session.io.out(`Property "${name}" set.\n`);
    }),
  );

  const unset = sub(
    'unset',
    'Unset an individual value in a kubeconfig file',
    `Unset an individual value in a kubeconfig file.

${PROPERTY}`,
    'PROPERTY_NAME',
    '  # Unset the current-context\n  kctl config unset current-context\n\n  # Unset namespace in foo context\n  kctl config unset contexts.foo.namespace',
  );
  unset.action(
    wrap(async (session, args) => {
      if (args.length !== 1) helpError(session, unset, unexpected(args));
      const e = await edit(session);
      setProperty(e.config, args[0], undefined);
      await e.save();
      session.io.out(`Property "${args[0]}" unset.\n`);
    }),
  );

  const use = sub('use-context', 'Set the current-context in a kubeconfig file', 'Set the current-context in a kubeconfig file.', 'CONTEXT_NAME', '  # Use the context for the minikube cluster\n  kctl config use-context minikube');
  use.alias('use').action(
    wrap(async (session, args) => {
      if (args.length !== 1) helpError(session, use, unexpected(args));
      const e = await edit(session);
      if (!e.config.contexts.has(args[0])) throw new CliError(`no context exists with the name: "${args[0]}"`);
      e.config.currentContext = args[0];
      await e.save();
      session.io.out(`Switched to context "${args[0]}".\n`);
    }),
  );

  registerConfigSetters(config, wrap, sub);

  sub(
    'view',
    'Display merged kubeconfig settings or a specified kubeconfig file',
    `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
    '[flags]',
    `  # Show merged kubeconfig settings
  kctl config view

  # Show merged kubeconfig settings, raw certificate data, and exposed secrets
  kctl config view --raw

  # Get the password for the e2e user
  kctl config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
  )
    .option('--allow-missing-template-keys [bool]', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.', true)
    .option('--flatten', 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)')
    .option('--merge [bool]', 'Merge the full hierarchy of kubeconfig files', true)
    .option('--minify', 'Remove all information not used by current-context from the output')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).', 'yaml')
    .option('--raw', 'Display raw byte data and sensitive data')
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .option('--template <template>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].')
    .action(wrap(view));
}
