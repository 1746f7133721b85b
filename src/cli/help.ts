// --help in kubectl's layout: description, Examples, Options (one flag per paragraph, with its
// default), Usage, and the pointers to more help. Verbs keep writing their examples with
// commander's addHelpText('after', …); adoptExamples() moves them to where kubectl has them.

import type { Command, Help, Option } from 'commander';
import { collect } from './verbs/flags.js';

const examples = new WeakMap<Command, string>();

/** Takes a command's after-help text (its examples) so formatHelp can place it. */
export function adoptExamples(cmd: Command): void {
  let text = '';
  const context = { error: false, command: cmd, write: (s: string) => void (text += s) };
  // Command is a Node EventEmitter; addHelpText registered an 'afterHelp' listener.
  const emitter = cmd as unknown as NodeJS.EventEmitter;
  for (const listener of emitter.listeners('afterHelp')) (listener as (c: typeof context) => void)(context);
  emitter.removeAllListeners('afterHelp');
  const body = text.replace(/^\s*Examples:\n/, '').replace(/\s+$/, '');
  if (body) examples.set(cmd, body);
}

/** Where the top-level help lists each verb, as kubectl groups its commands. */
const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run']],
  ['Basic Commands (Intermediate)', ['get', 'delete']],
  ['Deploy Commands', ['rollout', 'scale']],
  ['Cluster Management Commands', ['cluster-info', 'cluster']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'exec', 'port-forward', 'host']],
  ['Advanced Commands', ['apply']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
];

function path(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const sentence = (s: string) => (!s || /[.!?]$/.test(s) ? s : `${s}.`);

/** `-o, --output=''`, `--all=false`, `-f, --filename=[]`: the flag with its default, as pflag shows it. */
function optionTerm(o: Option): string {
  const names = o.flags.replace(/\s*[<[].*$/, '');
  if (o.negate) return `${names}=false`;
  if (!o.required && !o.optional) return `${names}=false`;
  if ((o as Option & { parseArg?: unknown }).parseArg === collect) return `${names}=[]`;
  return `${names}=${o.defaultValue === undefined ? "''" : Array.isArray(o.defaultValue) ? `[${o.defaultValue.join(',')}]` : `'${String(o.defaultValue)}'`}`;
}

function optionsSection(options: readonly Option[]): string {
  const sorted = [...options].sort((a, b) => (a.long ?? a.short ?? '').replace(/^-+/, '').localeCompare((b.long ?? b.short ?? '').replace(/^-+/, '')));
  return sorted.map((o) => `    ${optionTerm(o)}:\n\t${sentence(o.description)}\n`).join('\n');
}

function commandList(cmds: Command[], pad: number): string {
  return cmds.map((c) => `  ${c.name().padEnd(pad)} ${c.description()}\n`).join('');
}

export function formatHelp(cmd: Command, helper: Help): string {
  const program = !cmd.parent;
  const subcommands = cmd.commands.filter((c) => c.name() !== 'help' && !(c as unknown as { _hidden: boolean })._hidden);
  const pad = Math.max(13, ...subcommands.map((c) => c.name().length + 2));
  const out: string[] = [sentence(cmd.description()) + '\n'];
  const ex = examples.get(cmd);
  if (ex) out.push(`Examples:\n${ex.replace(/^$/gm, '  ')}\n`);
  if (program) {
    const placed = new Set<string>();
    for (const [title, names] of GROUPS) {
      const cmds = names.map((n) => subcommands.find((c) => c.name() === n)).filter((c): c is Command => !!c);
      cmds.forEach((c) => placed.add(c.name()));
      if (cmds.length) out.push(`${title}:\n${commandList(cmds, pad)}`);
    }
    const other = subcommands.filter((c) => !placed.has(c.name()));
    if (other.length) out.push(`Other Commands:\n${commandList(other, pad)}`);
    out.push(`Usage:\n  kctl [flags] [options]\n`);
    out.push(`Use "kctl <command> --help" for more information about a given command.\nUse "kctl options" for a list of global command-line options (applies to all commands).\n`);
    return out.join('\n');
  }
  if (subcommands.length) out.push(`Available Commands:\n${commandList(subcommands, pad)}`);
  const options = helper.visibleOptions(cmd).filter((o) => o.long !== '--help');
  if (options.length) out.push(`Options:\n${optionsSection(options)}`);
  const usage = subcommands.length ? `${path(cmd)} SUBCOMMAND [options]` : `${path(cmd)} ${cmd.usage().replace(/\[options\] ?/, '')} [options]`.replace(/ +/g, ' ');
  out.push(`Usage:\n  ${usage}\n`);
  out.push(
    `${subcommands.length ? `Use "${path(cmd)} <command> --help" for more information about a given command.\n` : ''}Use "kctl options" for a list of global command-line options (applies to all commands).\n`,
  );
  return out.join('\n');
}

/** kubectl options: the flags every command takes. */
export function globalOptions(program: Command): string {
  const options = program.options.filter((o) => o.long !== '--help');
  return `The following options can be passed to any command:\n\n${optionsSection(options)}`;
}
