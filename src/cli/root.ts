// The kctl command: global flags, the verbs, and kubectl's way of reporting usage errors.

import { Command, type CommanderError, Option } from 'commander';
import { CliError, ExitCode, renderError } from './errors.js';
import { PrinterError } from '../printers/errors.js';
import { adoptExamples, formatHelp, globalOptions, longDescription } from './help.js';
import { Session, type GlobalFlags, type IO } from './session.js';
import { normaliseShorthands } from './shorthand.js';
import { isCommand, registerVerbs } from './verbs/index.js';

export interface Runtime {
  env: NodeJS.ProcessEnv;
  io: IO;
}

export type Action = (session: Session, args: string[], opts: Record<string, unknown>, dashArgs: string[]) => Promise<void>;

/** Builds the command tree. `verb` wraps an action with session set-up and error handling. */
export async function buildProgram(rt: Runtime, argv: string[], dashArgs: string[]): Promise<Command> {
  const program = new Command('kctl');
  program
    .description('kctl controls the Kubernetes cluster manager')
    .addOption(new Option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request'))
    .addOption(new Option('--state <path>', "Path of the cluster state file (default $KCTL_STATE, else the current context's, else $XDG_STATE_HOME/kctl/state.json)"))
    .addOption(new Option('--kubeconfig <file>', 'Path to the kubeconfig file to use for CLI requests.'))
    .addOption(new Option('--context <name>', 'The name of the kubeconfig context to use'))
    .addOption(new Option('--cluster <name>', 'The name of the kubeconfig cluster to use'))
    .addOption(new Option('--user <name>', 'The name of the kubeconfig user to use'))
    .addOption(new Option('--v <level>', 'number for the log level verbosity'))
    .addOption(new Option('--no-color', 'Never colour the output').hideHelp())
    .helpOption('-h, --help', 'help for kctl')
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: (s) => rt.io.out(s),
      writeErr: (s) => rt.io.err(s),
      outputError: () => undefined,
    });

  const wrap =
    (action: Action) =>
    async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const opts = cmd.optsWithGlobals() as Record<string, unknown> & GlobalFlags;
      // The kubeconfig is chosen by the global flags alone: `serve --kubeconfig` names its output.
      const session = await Session.open(opts, rt.env, rt.io, argv, program.opts() as GlobalFlags);
      await action(session, cmd.args, opts, dashArgs);
    };
  longDescription(program, 'kctl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/');
  await registerVerbs(program, wrap, argv);
  program
    .command('options', { hidden: true })
    .description('Print the list of flags inherited by all commands')
    .addHelpText('after', `
Examples:
  # Print flags inherited by all commands
  kctl options`)
    .action(() => rt.io.out(globalOptions(program)));
  program.argument('[command]').allowExcessArguments().action((name: string | undefined) => {
    // kubectl looks for a plugin only where the command line starts with its name.
    if (name && argv[0]?.startsWith('-')) throw new CliError(`Error: flags cannot be placed before plugin name: ${argv[0]}`);
    if (name === 'help') return help(program, argv.slice(argv.indexOf('help') + 1), rt.io);
    if (name) throw new CliError(unknownCommandMessage(name, program));
    rt.io.out(program.helpInformation());
  });
  forEachCommand(program, (cmd) => {
    cmd.helpOption('-h, --help', `help for ${cmd.name()}`);
    cmd.helpCommand(false);
    const parseOptions = cmd.parseOptions.bind(cmd);
    cmd.parseOptions = (args) => (cmd === program ? withShadowing(program, args, parseOptions) : parseOptions(normaliseShorthands(cmd, args)));
    adoptExamples(cmd);
    cmd.configureHelp({ formatHelp });
    cmd.exitOverride((e) => {
      throw new ParseError(e, cmd);
    });
    // A group without a verb of its own (rollout, create secret): help, or kubectl's unknown-command error.
    const group = cmd as unknown as { _actionHandler: unknown };
    if (cmd !== program && cmd.commands.length && !group._actionHandler) {
      cmd.argument('[command]').allowExcessArguments().usage((cmd as unknown as { _usage?: string })._usage ?? '[options] [command]').action((name: string | undefined) => {
        if (name) throw new CliError(`unknown command "${name}"`, subcommandPath(cmd));
        // config and plugin print their help where kubectl's DefaultSubCommandRun does: stderr.
        (HELP_ON_STDERR.has(cmd.name()) && cmd.parent === program ? rt.io.err : rt.io.out)(cmd.helpInformation());
        throw new ExitCode(1);
      });
    }
  });
  return program;
}

/** The command the arguments run: `config set-context` for `config set-context x --user=u`. */
function leafOf(program: Command, args: string[]): Command {
  let cmd = program;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      const o = cmd.options.find((x) => x.long === a || x.short === a) ?? program.options.find((x) => x.long === a || x.short === a);
      if (o?.required) i++;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!sub) break;
    cmd = sub;
  }
  return cmd;
}

/**
 * A command's own flag hides the global flag of that name, as cobra merges flag sets:
 * `config set-context --namespace`, `create rolebinding --user`. The program parses without them.
 */
function withShadowing(program: Command, args: string[], parse: (a: string[]) => ReturnType<Command['parseOptions']>): ReturnType<Command['parseOptions']> {
  const leaf = leafOf(program, args);
  const own = new Set<string>();
  for (let c: Command | null = leaf; c && c !== program; c = c.parent) for (const o of c.options) if (o.long) own.add(o.long);
  const all = program.options;
  const kept = all.filter((o) => !o.long || !own.has(o.long));
  if (kept.length === all.length) return parse(normaliseShorthands(program, args));
  (program as unknown as { options: Option[] }).options = kept;
  try {
    return parse(normaliseShorthands(program, args));
  } finally {
    (program as unknown as { options: readonly Option[] }).options = all;
  }
}

const HELP_ON_STDERR = new Set(['config', 'plugin']);

/** cobra's help command: `kctl help rollout status` is `kctl rollout status --help`. */
function help(program: Command, topic: string[], io: IO): void {
  let cmd = program;
  for (const word of topic.filter((w) => !w.startsWith('-'))) {
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      // Only an unknown first word is an unknown topic; cobra ignores what follows a command.
      if (cmd === program) {
        const usage = program.helpInformation();
        io.err(`Unknown help topic [\`${word}\`]\n\n\n${usage.slice(usage.indexOf('Basic Commands'))}`);
        return;
      }
      break;
    }
    cmd = sub;
  }
  io.out(cmd.helpInformation());
}

function forEachCommand(cmd: Command, fn: (c: Command) => void): void {
  fn(cmd);
  for (const c of cmd.commands) forEachCommand(c, fn);
}

/** `kctl rollout history`: the command path cobra prints in usage hints. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The path below kctl (`rollout history`), as CliError's usage hint takes it. */
function subcommandPath(cmd: Command): string {
  return commandPath(cmd).split(' ').slice(1).join(' ');
}

/** A command-line parsing error, with the command it happened in. */
class ParseError extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: Command,
  ) {
    super(error.message);
  }
}

/** Levenshtein distance, ignoring case, as cobra computes it for suggestions. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/** cobra's message for an unknown verb, with its "Did you mean this?" suggestions. */
function unknownCommandMessage(name: string, program: Command): string {
  const suggestions = program.commands
    .map((c) => c.name())
    .filter((c) => distance(name, c) <= 2 || c.toLowerCase().startsWith(name.toLowerCase()));
  const more = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join('')}` : '';
  return `error: unknown command "${name}" for "kctl"${more}`;
}

/** How the user wrote a flag that lacks its value: `--output` or `'o' in -o`. */
function typedFlag(flags: string, argv: string[]): string {
  const long = /--[\w-]+/.exec(flags)?.[0];
  const short = /^-(\w)\b/.exec(flags)?.[1];
  for (let i = argv.length - 1; i >= 0; i--) {
    if (long && argv[i] === long) return long;
    if (short && argv[i] === `-${short}`) return `'${short}' in -${short}`;
  }
  return long ?? `'${short}' in -${short}`;
}

/** cobra's wording for flag-parsing errors: `Error: …` and a pointer to --help. */
function translateParseError(p: ParseError, argv: string[]): CliError | null {
  const { error: e, command } = p;
  const hint = `\nSee '${commandPath(command)} --help' for usage.`;
  switch (e.code) {
    case 'commander.helpDisplayed':
    case 'commander.help':
    case 'commander.version':
      return null;
    case 'commander.unknownOption': {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const msg = flag.startsWith('--') ? `unknown flag: ${flag.replace(/=.*$/, '')}` : `unknown shorthand flag: '${flag.slice(1, 2)}' in ${flag}`;
      return new CliError(`Error: ${msg}${hint}`);
    }
    case 'commander.optionMissingArgument': {
      const flags = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      return new CliError(`Error: flag needs an argument: ${typedFlag(flags, argv)}${hint}`);
    }
    default:
      return new CliError(e.message.replace(/^error: /, ''), subcommandPath(command) || undefined);
  }
}

export async function run(argv: string[], rt: Runtime): Promise<number> {
  // Everything after the first `--` is a command for a container (run, exec, host).
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const dashArgs = dash < 0 ? [] : argv.slice(dash + 1);
  if (argv.length && !argv[0].startsWith('-') && !isCommand(argv[0])) {
    const { runPlugin } = await import('./plugins.js');
    const code = runPlugin(argv, rt.env);
    if (code !== undefined) return code;
  }
  const program = await buildProgram(rt, argv, dashArgs);
  if (argv[0] === '__complete' || argv[0] === '__completeNoDesc') {
    const { completeCommandLine } = await import('./verbs/completion.js');
    return completeCommandLine(program, argv, rt.env, rt.io);
  }
  const debug = !!rt.env.KCTL_DEBUG;
  try {
    await program.parseAsync(own, { from: 'user' });
    return 0;
  } catch (e) {
    let err: unknown = e;
    if (e instanceof ParseError) {
      const translated = translateParseError(e, own);
      if (!translated) return e.error.exitCode;
      err = translated;
    }
    if (err instanceof PrinterError && err.output) rt.io.out(err.output);
    const { text, code } = renderError(err, debug || own.some((a) => /^--v=([6-9]|\d\d)/.test(a)));
    if (text) rt.io.err(text);
    return err instanceof ExitCode ? err.code : code;
  }
}
