// kubectl completion bash|zsh|fish|powershell: cobra's scripts under kctl's name, and the hidden
// `__complete` command they call, which answers as cobra does: one word a line (with a tab and
// its description, but not for __completeNoDesc), then `:<directive>`.

import type { Command, Option } from 'commander';
import { lookupResource, RESOURCES } from '../../api/scheme.js';
import { CliError } from '../errors.js';
import { longDescription, shortDescription } from '../help.js';
import { load, loadingRules } from '../kubeconfigloader.js';
import type { Action } from '../root.js';
import { type GlobalFlags, type IO, Session } from '../session.js';

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

const NO_FILE = 4;
const DIRECTIVES: Record<number, string> = { 0: 'ShellCompDirectiveDefault', 4: 'ShellCompDirectiveNoFileComp' };

type Word = [string, string];

/** Verbs whose first argument is a resource type and the next ones its names. */
const TYPE_THEN_NAME = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'wait', 'autoscale', 'expose']);
/** Verbs (below the root, or rollout's) whose arguments are pods, or a workload of these types. */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);
const ROLLOUT_TYPES = ['daemonset', 'deployment', 'statefulset'];

const isHidden = (c: Command) => (c as unknown as { _hidden: boolean })._hidden;

function visibleOptions(cmd: Command): Option[] {
  const all: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) all.push(...c.options.filter((o) => !o.hidden && !all.some((a) => a.long === o.long)));
  return all;
}

function findOption(cmd: Command, flag: string): Option | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.options.find((x) => x.long === flag || x.short === flag);
    if (o) return o;
  }
  return undefined;
}

async function names(session: Session, resource: string, ns: string): Promise<string[]> {
  const info = lookupResource(resource);
  if (!info) return [];
  try {
    const cluster = await session.read();
    return cluster.store
      .list(info.resource, info.namespaced ? ns : undefined)
      .map((o) => o.metadata.name)
      .sort();
  } catch {
    return [];
  }
}

/** The words for the last argument, after the command line before it. */
async function complete(program: Command, session: Session, args: string[]): Promise<{ words: Word[]; directive: number }> {
  const toComplete = args[args.length - 1] ?? '';
  let cmd = program;
  const positional: string[] = [];
  let namespace: string | undefined;
  let valueOf: Option | undefined;
  for (let i = 0; i < args.length - 1; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      const [flag, value] = a.split(/=(.*)/s);
      const o = findOption(cmd, flag);
      const needs = !!o?.required && value === undefined;
      if (needs && i === args.length - 2) valueOf = o;
      const v = value ?? (needs ? args[i + 1] : undefined);
      if (o?.long === '--namespace' && v) namespace = v;
      if (needs) i++;
      continue;
    }
    const sub = !positional.length && cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (sub) cmd = sub;
    else positional.push(a);
  }
  const ns = namespace ?? session.namespace;
  const kubeconfigNames = async (section: 'contexts' | 'clusters' | 'users') =>
    [...(await load(loadingRules(session.flags.kubeconfig, session.env), session.env, true)).config[section].keys()].sort();
  const plain = (list: string[]): Word[] => list.map((w) => [w, '']);

  if (valueOf) {
    const flag = valueOf.long;
    if (flag === '--namespace') return { words: plain(await names(session, 'namespaces', ns)), directive: NO_FILE };
    if (flag === '--context') return { words: plain(await kubeconfigNames('contexts')), directive: NO_FILE };
    if (flag === '--cluster') return { words: plain(await kubeconfigNames('clusters')), directive: NO_FILE };
    if (flag === '--user') return { words: plain(await kubeconfigNames('users')), directive: NO_FILE };
    if (flag === '--output') return { words: plain(['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file', 'wide']), directive: NO_FILE };
    return { words: [], directive: 0 };
  }
  if (toComplete.startsWith('-')) {
    const words: Word[] = visibleOptions(cmd)
      .filter((o) => o.long && o.long !== '--help')
      .map((o) => [o.long!, o.description]);
    return { words, directive: NO_FILE };
  }
  if (cmd.commands.length && !positional.length) {
    const words: Word[] = cmd.commands.filter((c) => !isHidden(c) && c.name() !== 'help').map((c) => [c.name(), shortDescription(c)]);
    if (cmd === program) words.push(['help', 'Help about any command']);
    return { words: words.sort((a, b) => (a[0] < b[0] ? -1 : 1)), directive: NO_FILE };
  }
  const verb = cmd.name();
  const parent = cmd.parent === program ? '' : (cmd.parent?.name() ?? '');
  if (verb === 'completion') return { words: plain(SHELLS), directive: NO_FILE };
  if (parent === 'config') {
    if (['use-context', 'delete-context', 'rename-context', 'get-contexts', 'set-context'].includes(verb)) return { words: plain(await kubeconfigNames('contexts')), directive: NO_FILE };
    if (['delete-cluster', 'get-clusters', 'set-cluster'].includes(verb)) return { words: plain(await kubeconfigNames('clusters')), directive: NO_FILE };
    if (['delete-user', 'get-users', 'set-credentials'].includes(verb)) return { words: plain(await kubeconfigNames('users')), directive: NO_FILE };
  }
  if (parent === 'rollout') {
    if (!positional.length) return { words: plain(ROLLOUT_TYPES), directive: NO_FILE };
    return { words: plain(await names(session, positional[0], ns)), directive: NO_FILE };
  }
  if (!parent && POD_VERBS.has(verb)) return { words: plain(await names(session, 'pods', ns)), directive: NO_FILE };
  if (!parent && TYPE_THEN_NAME.has(verb)) {
    if (!positional.length) {
      const types = [...new Set(RESOURCES.map((r) => r.resource))].sort();
      return { words: plain(types), directive: NO_FILE };
    }
    return { words: plain(await names(session, positional[0].split(',')[0], ns)), directive: NO_FILE };
  }
  return { words: [], directive: NO_FILE };
}

export function registerCompletion(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const completion = program
    .command('completion')
    .description('Output shell completion code for the specified shell (bash, zsh, fish, or powershell)')
    .usage('SHELL')
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
Examples:
  # Load the kctl completion code for bash into the current shell
  source <(kctl completion bash)
  ## Write bash completion code to a file and source it from .bash_profile
  kctl completion bash > ~/.kctl-completion.bash.inc
  printf "
  # kctl shell completion
  source '$HOME/.kctl-completion.bash.inc'
  " >> $HOME/.bash_profile
  source $HOME/.bash_profile

  # Load the kctl completion code for zsh[1] into the current shell
  source <(kctl completion zsh)
  # Set the kctl completion code for zsh[1] to autoload on startup
  kctl completion zsh > "\${fpath[1]}/_kctl"


  # Load the kctl completion code for fish[2] into the current shell
  kctl completion fish | source
  # To load completions for each session, execute once:
  kctl completion fish > ~/.config/fish/completions/kctl.fish

  # Load the kctl completion code for powershell into the current shell
  kctl completion powershell | Out-String | Invoke-Expression`,
    );
  longDescription(
    completion,
    `Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kctl commands.  This can be done by sourcing it from the .bash_profile.

 Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.`,
  );
  completion.action(
    wrap(async (session, args) => {
      const shell = args[0];
      if (!shell) throw new CliError('Shell not specified.', 'completion');
      if (args.length > 1) throw new CliError('Too many arguments. Expected only the shell type.', 'completion');
      if (!SHELLS.includes(shell)) throw new CliError(`Unsupported shell type "${shell}".`, 'completion');
      const { SCRIPTS } = await import('./completionscripts.js');
      session.io.out(SCRIPTS[shell].replace(/kubectl/g, 'kctl').replace(/KUBECTL/g, 'KCTL'));
    }),
  );
}

/** Global flags on the command line being completed, read without parsing it (it is unfinished). */
function globalsOf(args: string[]): GlobalFlags {
  const flags: Record<string, string> = {};
  const names: Record<string, string> = { '-n': 'namespace', '--namespace': 'namespace', '--state': 'state', '--kubeconfig': 'kubeconfig', '--context': 'context', '--cluster': 'cluster', '--user': 'user' };
  for (let i = 0; i < args.length - 1; i++) {
    const [flag, value] = args[i].split(/=(.*)/s);
    const name = names[flag];
    if (!name) continue;
    const v = value ?? args[i + 1];
    if (value === undefined) i++;
    // config set-context's --namespace names the context's, not the one to complete in.
    if (v && i < args.length - 1) flags[name] = v;
  }
  return flags;
}

/** kctl __complete …: cobra's answer for the words of an unfinished command line. */
export async function completeCommandLine(program: Command, argv: string[], env: NodeJS.ProcessEnv, io: IO): Promise<number> {
  const args = argv.slice(1).length ? argv.slice(1) : [''];
  const flags = globalsOf(args);
  const session = await Session.open(flags, env, io, argv);
  const { words, directive } = await complete(program, session, args);
  const prefix = args[args.length - 1];
  const shown = words.filter(([w]) => w.startsWith(prefix)).map(([w, d]) => (argv[0] === '__complete' && d ? `${w}\t${d}` : w));
  io.out(`${shown.map((w) => `${w}\n`).join('')}:${directive}\n`);
  io.err(`Completion ended with directive: ${DIRECTIVES[directive]}\n`);
  return 0;
}
