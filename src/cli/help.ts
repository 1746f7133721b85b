// --help in kubectl's layout: description, Examples, Options (one flag per paragraph, with its
// default), Usage, and the pointers to more help. Verbs keep writing their examples with
// commander's addHelpText('after', …); adoptExamples() moves them to where kubectl has them.

import type { Command, Help, Option } from 'commander';
import { collect } from './verbs/flags.js';
import { pluginNames } from './plugins.js';

const examples = new WeakMap<Command, string>();
const longs = new WeakMap<Command, string>();

/** kubectl's long description, shown by --help in place of the one-line one. */
export function longDescription(cmd: Command, text: string): Command {
  longs.set(cmd, text);
  return cmd;
}

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

/** kubectl's one-line description of each of its commands, as its top-level help lists them. */
const KUBECTL_SHORT: Record<string, string> = {
  annotate: "Update the annotations on a resource",
  "api-resources": "Print the supported API resources on the server",
  "api-versions": "Print the supported API versions on the server, in the form of \"group/version\"",
  apply: "Apply a configuration to a resource by file name or stdin",
  attach: "Attach to a running container",
  auth: "Inspect authorization",
  autoscale: "Auto-scale a deployment, replica set, stateful set, or replication controller",
  certificate: "Modify certificate resources",
  "cluster-info": "Display cluster information",
  completion: "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)",
  config: "Modify kubeconfig files",
  cordon: "Mark node as unschedulable",
  cp: "Copy files and directories to and from containers",
  create: "Create a resource from a file or from stdin",
  debug: "Create debugging sessions for troubleshooting workloads and nodes",
  delete: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  describe: "Show details of a specific resource or group of resources",
  diff: "Diff the live version against a would-be applied version",
  drain: "Drain node in preparation for maintenance",
  edit: "Edit a resource on the server",
  events: "List events",
  exec: "Execute a command in a container",
  explain: "Get documentation for a resource",
  expose: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  get: "Display one or many resources",
  help: "Help about any command",
  kustomize: "Build a kustomization target from a directory or URL",
  label: "Update the labels on a resource",
  logs: "Print the logs for a container in a pod",
  options: "Print the list of flags inherited by all commands",
  patch: "Update fields of a resource",
  plugin: "Provides utilities for interacting with plugins",
  "port-forward": "Forward one or more local ports to a pod",
  proxy: "Run a proxy to the Kubernetes API server",
  replace: "Replace a resource by file name or stdin",
  rollout: "Manage the rollout of a resource",
  run: "Run a particular image on the cluster",
  scale: "Set a new size for a deployment, replica set, or replication controller",
  set: "Set specific features on objects",
  taint: "Update the taints on one or more nodes",
  top: "Display resource (CPU/memory) usage",
  uncordon: "Mark node as schedulable",
  version: "Print the client and server version information",
  wait: "Experimental: Wait for a specific condition on one or many resources",
};

/** A top-level command's line in the help and in completion: kubectl's words for kubectl's commands. */
export function shortDescription(cmd: Command): string {
  return (!cmd.parent?.parent && Object.hasOwn(KUBECTL_SHORT, cmd.name()) ? KUBECTL_SHORT[cmd.name()] : undefined) ?? cmd.description();
}

/** Where the top-level help lists each verb, as kubectl groups its commands. */
const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'cluster']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'host']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Subcommands provided by plugins', []],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version', 'demo', 'serve']],
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
  if (/\[bool\]/.test(o.flags)) return `${names}=${o.defaultValue === true}`;
  if (o.negate) return `${names}=false`;
  if (!o.required && !o.optional) return `${names}=false`;
  if ((o as Option & { parseArg?: unknown }).parseArg === collect) return `${names}=[]`;
  return `${names}=${o.defaultValue === undefined ? "''" : Array.isArray(o.defaultValue) ? `[${o.defaultValue.join(',')}]` : `'${String(o.defaultValue)}'`}`;
}

function optionsSection(options: readonly Option[], verbatim = false): string {
  const sorted = [...options].sort((a, b) => (a.long ?? a.short ?? '').replace(/^-+/, '').localeCompare((b.long ?? b.short ?? '').replace(/^-+/, '')));
  return sorted.map((o) => `    ${optionTerm(o)}:\n\t${verbatim ? o.description : sentence(o.description)}\n`).join('\n');
}

function commandList(cmds: Command[], pad: number): string {
  return cmds.map((c) => `  ${c.name().padEnd(pad)} ${shortDescription(c)}\n`).join('');
}

export function formatHelp(cmd: Command, helper: Help): string {
  const program = !cmd.parent;
  const subcommands = cmd.commands.filter((c) => c.name() !== 'help' && !(c as unknown as { _hidden: boolean })._hidden);
  const pad = Math.max(13, ...subcommands.map((c) => c.name().length + 2));
  const out: string[] = [(longs.get(cmd) ?? sentence(cmd.description())) + '\n'];
  if (cmd.aliases().length) out.push(`Aliases:\n${[cmd.name(), ...cmd.aliases()].join(', ')}\n`);
  const ex = examples.get(cmd);
  if (ex) out.push(`Examples:\n${ex.replace(/^$/gm, '  ')}\n`);
  if (program) {
    // kubectl's own groups; anything kctl adds that no group names goes to Other Commands.
    const placed = new Set(GROUPS.flatMap(([, names]) => names));
    for (const [title, names] of GROUPS) {
      const cmds = names.map((n) => subcommands.find((c) => c.name() === n)).filter((c): c is Command => !!c);
      if (title === 'Other Commands') cmds.push(...subcommands.filter((c) => !placed.has(c.name())));
      // kubectl prints the plugins' heading even with none.
      if (!names.length) out.push(`${title}:\n${pluginNames(process.env, (n) => subcommands.some((c) => c.name() === n)).map((n) => `  ${n.padEnd(13)} The command ${n} is a plugin installed by the user\n`).join('')}`);
      else if (cmds.length) out.push(`${title}:\n${commandList(cmds, pad)}`);
    }
    out.push(`Usage:\n  kctl [flags] [options]\n`);
    out.push(`Use "kctl <command> --help" for more information about a given command.\nUse "kctl options" for a list of global command-line options (applies to all commands).\n`);
    return out.join('\n');
  }
  // cobra lists a command's subcommands by name.
  if (subcommands.length) out.push(`Available Commands:\n${commandList([...subcommands].sort((a, b) => (a.name() < b.name() ? -1 : 1)), pad)}`);
  const options = helper.visibleOptions(cmd).filter((o) => o.long !== '--help');
  // A command given kubectl's long text has kubectl's flag texts too, punctuated as they are.
  if (options.length) out.push(`Options:\n${optionsSection(options, longs.has(cmd))}`);
  const usage = subcommands.length && cmd.usage() === '[options] [command]' ? `${path(cmd)} SUBCOMMAND [options]` : `${path(cmd)} ${cmd.usage().replace(/\[options\] ?/, '')} [options]`.replace(/ +/g, ' ');
  out.push(`Usage:\n  ${usage}\n`);
  out.push(
    `${subcommands.length ? `Use "${path(cmd)} <command> --help" for more information about a given command.\n` : ''}Use "kctl options" for a list of global command-line options (applies to all commands).\n`,
  );
  return out.join('\n');
}

/** kubectl options: the flags every command takes, in kubectl's words where kubectl has them. */
export function globalOptions(program: Command): string {
  const options = program.options.filter((o) => o.long !== '--help' && !o.hidden);
  return `The following options can be passed to any command:\n\n${optionsSection(options, true)}`;
}
