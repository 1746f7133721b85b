// The kctl command: global flags, the verbs, and kubectl's way of reporting usage errors.

import { Command, CommanderError, Option } from 'commander';
import { CliError, ExitCode, renderError } from './errors.js';
import { Session, type GlobalFlags, type IO } from './session.js';
import { registerVerbs } from './verbs/index.js';

export interface Runtime {
  env: NodeJS.ProcessEnv;
  io: IO;
}

export type Action = (session: Session, args: string[], opts: Record<string, unknown>, dashArgs: string[]) => Promise<void>;

/** Builds the command tree. `verb` wraps an action with session set-up and error handling. */
export function buildProgram(rt: Runtime, argv: string[], dashArgs: string[]): Command {
  const program = new Command('kctl');
  program
    .description('kctl controls a local fake Kubernetes cluster kept in one JSON file, with kubectl\'s commands and output.')
    .addOption(new Option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request'))
    .addOption(new Option('--state <path>', 'Path of the cluster state file (default $KCTL_STATE or $XDG_STATE_HOME/kctl/state.json)'))
    .addOption(new Option('--v <level>', 'number for the log level verbosity; 6 or more prints stack traces of internal errors').hideHelp())
    .addOption(new Option('--no-color', 'Never colour the output').hideHelp())
    .helpOption('-h, --help', 'help for kctl')
    .showSuggestionAfterError(false)
    .exitOverride()
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
      const session = new Session(opts, rt.env, rt.io, argv);
      await action(session, cmd.args, opts, dashArgs);
    };
  registerVerbs(program, wrap);
  program.action(() => {
    rt.io.out(program.helpInformation());
  });
  return program;
}

/** kubectl's wording for flag-parsing errors. */
function translateCommanderError(e: CommanderError, argv: string[]): CliError | null {
  const verb = argv.find((a) => !a.startsWith('-')) ?? '';
  switch (e.code) {
    case 'commander.helpDisplayed':
    case 'commander.help':
    case 'commander.version':
      return null;
    case 'commander.unknownOption': {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const msg = flag.startsWith('--') ? `unknown flag: ${flag}` : `unknown shorthand flag: '${flag.slice(1, 2)}' in ${flag}`;
      return new CliError(`${msg}\nSee 'kctl ${verb} --help' for usage.`);
    }
    case 'commander.unknownCommand': {
      const cmd = /'([^']+)'/.exec(e.message)?.[1] ?? verb;
      return new CliError(`unknown command "${cmd}" for "kctl"`);
    }
    case 'commander.optionMissingArgument': {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const short = /^-(\w), --/.exec(flag);
      return new CliError(short ? `flag needs an argument: '${short[1]}' in -${short[1]}` : `flag needs an argument: ${flag}`);
    }
    default:
      return new CliError(e.message.replace(/^error: /, ''), verb || undefined);
  }
}

export async function run(argv: string[], rt: Runtime): Promise<number> {
  // Everything after the first `--` is a command for a container (run, exec, host).
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const dashArgs = dash < 0 ? [] : argv.slice(dash + 1);
  const program = buildProgram(rt, argv, dashArgs);
  const debug = !!rt.env.KCTL_DEBUG;
  try {
    await program.parseAsync(own, { from: 'user' });
    return 0;
  } catch (e) {
    let err: unknown = e;
    if (e instanceof CommanderError) {
      const translated = translateCommanderError(e, own);
      if (!translated) return e.exitCode;
      err = translated;
    }
    const { text, code } = renderError(err, debug || own.some((a) => /^--v=([6-9]|\d\d)/.test(a)));
    if (text) rt.io.err(text);
    return err instanceof ExitCode ? err.code : code;
  }
}
