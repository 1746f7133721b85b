// Programs about the process and the system: hostname, printenv, env, sleep, true, false, id,
// whoami, uname, pwd, which, basename, dirname, seq.

import type { Program, ProgramContext } from '../program.js';
import { fail, parseOptions } from './common.js';
import { currentIdentity, groupName } from './identity.js';

/** The longest sleep allowed, so no session can be held forever. */
export const MAX_SLEEP_SECONDS = 3600;
const KERNEL_RELEASE = '6.1.0-kctl';
const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC';

export function hostnameOf(ctx: ProgramContext): string {
  return (ctx.fs.readFile('/etc/hostname') ?? '').trim() || ctx.env.get('HOSTNAME') || 'localhost';
}

/** The address /etc/hosts gives a name, as `hostname -i` resolves it. */
function hostsAddress(ctx: ProgramContext, name: string): string | undefined {
  const hosts = (ctx.fs.readFile('/etc/hosts') ?? '').split('\n').map((l) => l.trim().split(/\s+/));
  return hosts.find((fields) => fields.slice(1).includes(name))?.[0];
}

/**
 * hostname; `addresses` are the machine's own, which -I lists (each followed by a space, as
 * net-tools prints them), while -i resolves the name through /etc/hosts.
 */
export function hostnameWith(addresses: (ctx: ProgramContext) => string[]): Program {
  return async (ctx) => {
    const name = hostnameOf(ctx);
    const arg = ctx.argv[1];
    if (arg === '-s' || arg === '--short') ctx.stdout(`${name.split('.')[0]}\n`);
    else if (arg === '-I' || arg === '--all-ip-addresses') ctx.stdout(`${addresses(ctx).map((a) => `${a} `).join('')}\n`);
    else if (arg === '-i' || arg === '--ip-address') ctx.stdout(`${hostsAddress(ctx, name) ?? '127.0.0.1'}\n`);
    else if (arg !== undefined && !arg.startsWith('-')) {
      fail(ctx, 'you must be root to change the host name');
      return 1;
    } else ctx.stdout(`${name}\n`);
    return 0;
  };
}

/** hostname on a machine known only by its files: its address is the one /etc/hosts names it by. */
export const hostname: Program = hostnameWith((ctx) => {
  const own = hostsAddress(ctx, hostnameOf(ctx));
  return own && !own.startsWith('127.') ? [own] : [];
});

export const printenv: Program = async (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    for (const [k, v] of ctx.env) ctx.stdout(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const name of names) {
    const value = ctx.env.get(name);
    if (value === undefined) status = 1;
    else ctx.stdout(`${value}\n`);
  }
  return status;
};

export const env: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let vars = new Map(ctx.env);
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-i' || arg === '-' || arg === '--ignore-environment') vars = new Map();
    else if (arg === '-u' || arg === '--unset') vars.delete(args[++i] ?? '');
    else if (arg.startsWith('-u') && arg.length > 2) vars.delete(arg.slice(2));
    else if (arg === '--') {
      i++;
      break;
    } else if (arg.startsWith('-') && arg.length > 1) {
      fail(ctx, `invalid option -- '${arg.slice(1, 2)}'`);
      ctx.stderr("Try 'env --help' for more information.\n");
      return 125;
    } else break;
  }
  for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    vars.set(args[i].slice(0, eq), args[i].slice(eq + 1));
  }
  const command = args.slice(i);
  if (command.length === 0) {
    for (const [k, v] of vars) ctx.stdout(`${k}=${v}\n`);
    return 0;
  }
  const status = await ctx.commands?.run({ ...ctx, argv: command, env: vars });
  if (status === undefined || status === null) {
    fail(ctx, `'${command[0]}': No such file or directory`);
    return 127;
  }
  return status;
};

/** Seconds in an operand like 1.5, 2m, 1h, infinity; null if invalid. */
function duration(arg: string): number | null {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return null;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
}

/** Waits `ms`; false when interrupted. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<boolean>;

const realTime: Wait = (ms, signal) =>
  new Promise<boolean>((done) => {
    const onAbort = () => {
      clearTimeout(timer);
      done(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** sleep, waiting with `wait` (containers pass their simulated clock). */
export function sleepWith(wait: Wait): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      fail(ctx, 'missing operand');
      ctx.stderr("Try 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const arg of args) {
      const seconds = duration(arg);
      if (seconds === null) {
        fail(ctx, `invalid time interval '${arg}'`);
        ctx.stderr("Try 'sleep --help' for more information.\n");
        return 1;
      }
      total += seconds;
    }
    const ms = Math.min(total, MAX_SLEEP_SECONDS) * 1000;
    if (ctx.signal?.aborted) return 130;
    return (await wait(ms, ctx.signal)) ? 0 : 130;
  };
}

export const sleep: Program = sleepWith(realTime);

export const trueProgram: Program = async () => 0;
export const falseProgram: Program = async () => 1;

export const id: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'ugGnr', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } });
  if (!p) return 1;
  const who = currentIdentity(ctx.fs, ctx.env);
  const group = groupName(ctx.fs, who.gid) ?? String(who.gid);
  const name = p.opts.has('n');
  if (p.opts.has('u')) ctx.stdout(`${name ? who.user : who.uid}\n`);
  else if (p.opts.has('g') || p.opts.has('G')) ctx.stdout(`${name ? group : who.gid}\n`);
  else ctx.stdout(`uid=${who.uid}(${who.user}) gid=${who.gid}(${group}) groups=${who.gid}(${group})\n`);
  return 0;
};

export const whoami: Program = async (ctx) => {
  ctx.stdout(`${currentIdentity(ctx.fs, ctx.env).user}\n`);
  return 0;
};

export const uname: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'asnrvmpio',
    long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' },
  });
  if (!p) return 1;
  const fields: [string, string][] = [
    ['s', 'Linux'], ['n', hostnameOf(ctx)], ['r', KERNEL_RELEASE], ['v', KERNEL_VERSION],
    ['m', 'x86_64'], ['p', 'unknown'], ['i', 'unknown'], ['o', 'GNU/Linux'],
  ];
  const all = p.opts.has('a');
  let chosen = fields.filter(([k, v]) => (all ? v !== 'unknown' : p.opts.has(k)));
  if (chosen.length === 0) chosen = [fields[0]];
  ctx.stdout(`${chosen.map(([, v]) => v).join(' ')}\n`);
  return 0;
};

export const pwd: Program = async (ctx) => {
  ctx.stdout(`${ctx.cwd}\n`);
  return 0;
};

export const which: Program = async (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) return 1;
  let status = 0;
  for (const name of names) {
    const path = ctx.commands?.which(name) ?? null;
    if (path) ctx.stdout(`${path}\n`);
    else status = 1;
  }
  return status;
};

function stripSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

export const basename: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let multiple = false;
  let suffix = '';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-a' || args[i] === '--multiple') multiple = true;
    else if (args[i] === '-s') {
      suffix = args[++i] ?? '';
      multiple = true;
    } else names.push(args[i]);
  }
  if (names.length === 0) {
    fail(ctx, 'missing operand');
    ctx.stderr("Try 'basename --help' for more information.\n");
    return 1;
  }
  if (!multiple && names.length === 2) suffix = names.pop()!;
  if (!multiple && names.length > 2) {
    fail(ctx, `extra operand '${names[2]}'`);
    ctx.stderr("Try 'basename --help' for more information.\n");
    return 1;
  }
  for (const name of names) {
    const stripped = stripSlashes(name);
    let base = stripped === '/' ? '/' : stripped.slice(stripped.lastIndexOf('/') + 1);
    if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    ctx.stdout(`${base}\n`);
  }
  return 0;
};

export const dirname: Program = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    fail(ctx, 'missing operand');
    ctx.stderr("Try 'dirname --help' for more information.\n");
    return 1;
  }
  for (const name of names) {
    const stripped = stripSlashes(name);
    const i = stripped.lastIndexOf('/');
    ctx.stdout(`${i < 0 ? '.' : i === 0 ? '/' : stripSlashes(stripped.slice(0, i))}\n`);
  }
  return 0;
};

export const seq: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let separator = '\n';
  let equalWidth = false;
  const nums: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-s') separator = args[++i] ?? '';
    else if (a.startsWith('-s') && !/^-s?\d/.test(a)) separator = a.slice(2);
    else if (a === '-w') equalWidth = true;
    else nums.push(a);
  }
  if (nums.length === 0 || nums.length > 3) {
    fail(ctx, nums.length ? `extra operand '${nums[3]}'` : 'missing operand');
    ctx.stderr("Try 'seq --help' for more information.\n");
    return 1;
  }
  const bad = nums.find((n) => !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(n));
  if (bad !== undefined) {
    fail(ctx, `invalid floating point argument: '${bad}'`);
    ctx.stderr("Try 'seq --help' for more information.\n");
    return 1;
  }
  const [first, step, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
  const decimals = Math.max(...[first, step].map((n) => (n.includes('.') ? n.split('.')[1].length : 0)));
  const a = Number(first);
  const by = Number(step);
  const b = Number(last);
  if (by === 0) {
    fail(ctx, `invalid Zero increment value: '${step}'`);
    return 1;
  }
  const count = Math.floor((b - a) / by + 1e-9) + 1;
  const format = (v: number) => v.toFixed(decimals);
  const width = equalWidth && count > 0 ? Math.max(format(a).length, format(a + (count - 1) * by).length) : 0;
  const padded = (v: string) => (v.startsWith('-') ? `-${v.slice(1).padStart(width - 1, '0')}` : v.padStart(width, '0'));
  // Written in batches, so that the caller's output limit stops a runaway sequence early.
  for (let k = 0; k < count; k += 4096) {
    const batch: string[] = [];
    for (let j = k; j < Math.min(count, k + 4096); j++) batch.push(padded(format(a + j * by)));
    ctx.stdout(batch.join(separator) + (k + 4096 >= count ? '\n' : separator));
  }
  return 0;
};
