// `dig` with BIND's argument grammar (bin/dig/dig.c parse_args, plus_option, dash_option):
// options before the first name are defaults for every lookup, options after it apply to it.

import type { Program, ProgramContext } from '../../program.js';
import { ask, candidates, snapshot, readResolvConf, serverAddress, walk, type DnsClientEnv } from './client.js';
import { DEFAULT_DISPLAY, DIG_VERSION, digGreeting, digReply, digTimeout, type DigDisplay } from './digformat.js';
import { reverseName } from '../../../networking/dns/names.js';
import { flagsOf, parseQType, type QType } from '../../../networking/dns/types.js';

interface Lookup {
  name: string;
  type: QType | null;
  display: DigDisplay;
  recurse: boolean;
  search: boolean;
  ndots?: number;
  /** null: the version's default (EDNS from 9.9 on). */
  edns: boolean | null;
  cookie: boolean;
  tries: number;
}

interface State {
  defaults: Lookup;
  current: Lookup;
  lookups: Lookup[];
  servers: string[];
  port: number;
  short: boolean;
  printcmd: boolean;
  typeClassOpen: boolean;
}

/** Ends the program early with these outputs. */
class Exit {
  constructor(
    readonly code: number,
    readonly stderr = '',
    readonly stdout = '',
  ) {}
}

const USAGE =
  'Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n' +
  '            {global-d-opt} host [@local-server] {local-d-opt}\n' +
  '            [ host [@local-server] {local-d-opt} [...]]\n';
const usageError = (msg: string) =>
  new Exit(1, `${msg}\n${USAGE}\nUse "dig -h" (or "dig -h | more") for complete list of options\n`);

type PlusHandler = (s: State, on: boolean, value: string | undefined) => void;
const show = (key: keyof DigDisplay): PlusHandler => (s, on) => {
  s.current.display = { ...s.current.display, [key]: on };
};
const ignored: PlusHandler = () => {};
const numeric = (set: (s: State, n: number) => void): PlusHandler => (s, on, value) => {
  if (!on || value === undefined || !/^\d+$/.test(value)) throw new Error();
  set(s, Number(value));
};

// [name, shortest accepted abbreviation, handler], after dig's first-letters dispatch.
const PLUS: [string, number, PlusHandler][] = [
  ['all', 2, (s, on) => {
    const d = s.current.display;
    s.current.display = { ...d, question: on, answer: on, authority: on, additional: on, comments: on, stats: on };
    s.printcmd = on;
  }],
  ['answer', 2, show('answer')],
  ['authority', 2, show('authority')],
  ['additional', 3, show('additional')],
  ['adflag', 2, ignored],
  ['question', 2, show('question')],
  ['qr', 2, ignored],
  ['comments', 3, show('comments')],
  ['cookie', 3, (s, on) => void (s.current.cookie = on)],
  ['cmd', 2, (s, on) => void (s.printcmd = on)],
  ['class', 2, show('class')],
  ['cdflag', 2, ignored],
  ['short', 2, (s, on) => {
    s.short = on;
    if (!on) return;
    s.printcmd = false;
    const off = { question: false, authority: false, additional: false, comments: false, stats: false };
    s.current.display = { ...s.current.display, ...off, answer: true };
  }],
  ['stats', 2, show('stats')],
  ['search', 3, (s, on) => void (s.current.search = on)],
  ['defname', 3, (s, on) => void (s.current.search = on)],
  ['recurse', 3, (s, on) => void (s.current.recurse = on)],
  ['rdflag', 2, (s, on) => void (s.current.recurse = on)],
  ['retry', 3, numeric((s, n) => void (s.current.tries = n + 1))],
  ['tries', 3, numeric((s, n) => void (s.current.tries = Math.max(n, 1)))],
  ['timeout', 2, numeric(() => {})],
  ['tcp', 3, ignored],
  ['vc', 2, ignored],
  ['ttlid', 3, show('ttl')],
  ['ndots', 2, numeric((s, n) => void (s.current.ndots = n))],
  ['edns', 4, (s, on) => void (s.current.edns = on)],
  ['dnssec', 2, ignored],
  ['nsid', 2, ignored],
  ['ignore', 2, ignored],
  ['fail', 2, ignored],
];

function plusOption(s: State, option: string): void {
  const [cmdText, ...rest] = option.split('=');
  const on = !/^no/i.test(cmdText);
  const cmd = (on ? cmdText : cmdText.slice(2)).toLowerCase();
  const entry = PLUS.find(([name, min]) => cmd.length >= min && name.startsWith(cmd));
  try {
    if (!entry) throw new Error();
    entry[2](s, on, rest.length ? rest.join('=') : undefined);
  } catch {
    throw usageError(`Invalid option: +${option}`);
  }
}

function newLookup(s: State, name: string): Lookup {
  const lookup = { ...s.defaults, display: { ...s.defaults.display }, name };
  s.lookups.push(lookup);
  s.current = lookup;
  return lookup;
}

/** Returns how many following arguments the option consumed. */
function dashOption(s: State, option: string, next: string | undefined, flavor: DnsClientEnv['flavor'], warn: (text: string) => void): number {
  let opt = option;
  while (opt && '46dhimnruv'.includes(opt[0])) {
    if (opt[0] === 'h') throw new Exit(0, '', USAGE);
    if (opt[0] === 'v') throw new Exit(0, `DiG ${DIG_VERSION[flavor]}\n`);
    opt = opt.slice(1);
  }
  if (opt === '') return 0;
  const attached = opt.length > 1;
  const value = attached ? opt.slice(1) : next;
  if (value === undefined || !'bcfkpqtxy'.includes(opt[0])) throw usageError(`Invalid option: -${option}`);
  switch (opt[0]) {
    case 'c':
      s.typeClassOpen = false;
      if (value.toUpperCase() !== 'IN') warn(`;; Warning, ignoring invalid class ${value}\n`);
      break;
    case 'p':
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Exit(10, 'dig: Couldn\'t parse port number\n');
      s.port = Number(value);
      break;
    case 'q':
      newLookup(s, value);
      break;
    case 't': {
      s.typeClassOpen = false;
      const type = parseQType(value);
      if (!type) warn(`;; Warning, ignoring invalid type ${value}\n`);
      else s.current.type = type;
      break;
    }
    case 'x': {
      const rev = reverseName(value);
      if (!rev) throw new Exit(1, `Invalid IP address ${value}\n`);
      const lookup = newLookup(s, `${rev}.`);
      lookup.type ??= 'PTR';
      break;
    }
  }
  return attached ? 0 : 1;
}

function parse(args: string[], flavor: DnsClientEnv['flavor'], warnings: string[]): State {
  const defaults: Lookup = {
    name: '',
    type: null,
    display: { ...DEFAULT_DISPLAY },
    recurse: true,
    search: false,
    edns: null,
    cookie: true,
    tries: 3,
  };
  const s: State = { defaults, current: defaults, lookups: [], servers: [], port: 53, short: false, printcmd: true, typeClassOpen: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('@')) s.servers.push(arg.slice(1));
    else if (arg.startsWith('+')) plusOption(s, arg.slice(1));
    else if (arg.startsWith('-') && arg.length > 1) {
      i += dashOption(s, arg.slice(1), args[i + 1], flavor, (w) => warnings.push(w));
    } else {
      const type = s.typeClassOpen ? parseQType(arg) : null;
      if (type) {
        if (s.current.type) warnings.push(';; Warning, extra type option\n');
        s.current.type = type;
      } else if (!(s.typeClassOpen && arg.toUpperCase() === 'IN')) newLookup(s, arg);
    }
  }
  if (s.lookups.length === 0) newLookup(s, '.').type ??= 'NS';
  return s;
}

interface Target {
  addr: string;
  name: string;
}

/** Sends the lookup to each server in turn; the first that replies wins. */
function send(env: DnsClientEnv, lookup: Lookup, names: string[], targets: Target[], port: number) {
  const type = lookup.type ?? 'A';
  const edns = lookup.edns ?? env.flavor !== '9.8';
  const cookieBytes = () => Buffer.from(Array.from({ length: 8 }, () => Math.floor(env.random() * 256)));
  const cookie = edns && lookup.cookie && env.flavor !== '9.8' ? cookieBytes() : undefined;
  const opts = { recursionDesired: lookup.recurse, edns: edns ? { udpSize: env.flavor === '9.18' ? 1232 : 4096, cookie } : undefined, port };
  for (const target of targets) {
    const { reply } = walk(names, (name) => ask(env, target.addr, { name, type }, opts));
    if (reply) return { reply, target };
  }
  return null;
}

export function digProgram(live: DnsClientEnv): Program {
  return async (ctx: ProgramContext) => {
    const env = snapshot(live);
    const args = ctx.argv.slice(1);
    const warnings: string[] = [];
    let s: State;
    try {
      s = parse(args, env.flavor, warnings);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      if (e.stdout) ctx.stdout(e.stdout);
      if (e.stderr) ctx.stderr(e.stderr);
      return e.code;
    }
    warnings.forEach((w) => ctx.stderr(w));
    const conf = readResolvConf(ctx.fs);
    const targets: Target[] = [];
    for (const name of s.servers) {
      const addr = serverAddress(env, ctx.fs, name);
      if (!addr) {
        ctx.stderr(`dig: couldn't get address for '${name}': not found\n`);
        return 10;
      }
      targets.push({ addr, name });
    }
    if (targets.length === 0) targets.push(...conf.nameservers.map((addr) => ({ addr, name: addr })));
    let greeting = digGreeting(env.flavor, args, s.servers.length, { cmd: s.printcmd, short: s.short });
    for (const lookup of s.lookups) {
      const sent = send(env, lookup, candidates(lookup.name, conf, lookup.search, lookup.ndots), targets, s.port);
      if (!sent) {
        ctx.stdout(digTimeout(env.flavor, greeting, targets[targets.length - 1].addr, s.port, lookup.tries));
        return 9;
      }
      // CoreDNS answers its own zone in a millisecond or two; forwarding costs a round trip.
      const forwarded = !(flagsOf(sent.reply) & (1 << 10));
      const queryTimeMs = forwarded ? 10 + Math.floor(env.random() * 50) : Math.floor(env.random() * 3);
      const display = { ...lookup.display, short: s.short };
      const { addr, name } = sent.target;
      ctx.stdout(greeting + digReply({ flavor: env.flavor, response: sent.reply, server: addr, serverName: name, port: s.port, queryTimeMs, now: env.now(), display }));
      greeting = '';
    }
    return 0;
  };
}
