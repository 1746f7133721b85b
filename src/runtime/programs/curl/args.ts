// curl's command line: combined short flags (-sSL), values attached or separate (-H x, -Hx),
// long options, and every other argument a URL.

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  location: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  insecure: boolean;
  fail: boolean;
  remoteName: boolean;
  headers: string[];
  userAgent?: string;
  referer?: string;
  output?: string;
  writeOut?: string;
  method?: string;
  data: string[];
  maxTime?: number;
  connectTimeout?: number;
  maxRedirs: number;
  /** --resolve host:port:address */
  resolve: string[];
  help: boolean;
  version: boolean;
}

type Flag = 'silent' | 'showError' | 'location' | 'head' | 'include' | 'verbose' | 'insecure' | 'fail' | 'remoteName' | 'help' | 'version';
type Value = 'header' | 'userAgent' | 'referer' | 'output' | 'writeOut' | 'method' | 'data' | 'maxTime' | 'connectTimeout' | 'maxRedirs' | 'resolve' | 'ignored';

const SHORT_FLAGS: Record<string, Flag | 'ignored'> = {
  s: 'silent', S: 'showError', L: 'location', I: 'head', i: 'include', v: 'verbose', k: 'insecure', f: 'fail', O: 'remoteName',
  h: 'help', V: 'version', q: 'ignored', '4': 'ignored', '6': 'ignored', g: 'ignored', N: 'ignored', n: 'ignored', '0': 'ignored',
};
const SHORT_VALUES: Record<string, Value> = {
  H: 'header', A: 'userAgent', e: 'referer', o: 'output', w: 'writeOut', X: 'method', d: 'data', m: 'maxTime',
  u: 'ignored', x: 'ignored', r: 'ignored', D: 'ignored', b: 'ignored', c: 'ignored', E: 'ignored', T: 'ignored', Y: 'ignored', y: 'ignored', z: 'ignored',
};
const LONG: Record<string, Flag | Value> = {
  silent: 'silent', 'show-error': 'showError', location: 'location', head: 'head', include: 'include', verbose: 'verbose',
  insecure: 'insecure', fail: 'fail', 'remote-name': 'remoteName', help: 'help', version: 'version',
  header: 'header', 'user-agent': 'userAgent', referer: 'referer', output: 'output', 'write-out': 'writeOut', request: 'method',
  data: 'data', 'data-raw': 'data', 'data-binary': 'data', 'data-ascii': 'data', 'max-time': 'maxTime', 'connect-timeout': 'connectTimeout',
  'max-redirs': 'maxRedirs', resolve: 'resolve', url: 'ignored', retry: 'ignored', 'retry-delay': 'ignored', user: 'ignored', proxy: 'ignored', noproxy: 'ignored',
  cookie: 'ignored', 'dump-header': 'ignored', cacert: 'ignored', cert: 'ignored', key: 'ignored',
};
const LONG_NO_VALUE = new Set(['compressed', 'http1.1', 'http1.0', 'http2', 'ipv4', 'ipv6', 'no-buffer', 'globoff', 'no-keepalive', 'tcp-nodelay', 'location-trusted', 'fail-early', 'no-progress-meter', 'progress-bar', 'raw', 'path-as-is', 'tlsv1.2', 'ssl-no-revoke', 'no-sessionid']);
const FLAGS = new Set<string>(['silent', 'showError', 'location', 'head', 'include', 'verbose', 'insecure', 'fail', 'remoteName', 'help', 'version']);

export type Parsed = { ok: true; opts: CurlOptions } | { ok: false; message: string; code: number };

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

function number(text: string): number | null {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

export function parseCurlArgs(args: string[]): Parsed {
  const o: CurlOptions = {
    urls: [], silent: false, showError: false, location: false, head: false, include: false, verbose: false, insecure: false,
    fail: false, remoteName: false, headers: [], data: [], maxRedirs: 50, resolve: [], help: false, version: false,
  };
  const setValue = (what: Value, flag: string, value: string): string | null => {
    switch (what) {
      case 'header': o.headers.push(value); break;
      case 'userAgent': o.userAgent = value; break;
      case 'referer': o.referer = value; break;
      case 'output': o.output = value; break;
      case 'writeOut': o.writeOut = value; break;
      case 'method': o.method = value; break;
      case 'data': o.data.push(value); break;
      case 'resolve': o.resolve.push(value); break;
      case 'maxTime': case 'connectTimeout': case 'maxRedirs': {
        const n = number(value);
        if (n === null) return `curl: option ${flag}: expected a proper numerical parameter\n${TRY}`;
        if (what === 'maxRedirs') o.maxRedirs = n;
        else o[what] = n;
        break;
      }
      default: break;
    }
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--') && arg.length > 2) {
      const name = arg.slice(2).replace(/^no-(?=(silent|show-error|location|include|verbose|insecure|fail)$)/, '');
      const negated = name !== arg.slice(2);
      if (LONG_NO_VALUE.has(name)) continue;
      const what = LONG[name];
      if (!what) return { ok: false, message: `curl: option ${arg}: is unknown\n${TRY}`, code: 2 };
      if (FLAGS.has(what)) {
        o[what as Flag] = !negated;
        continue;
      }
      const value = args[++i];
      if (value === undefined) return { ok: false, message: `curl: option ${arg}: requires parameter\n${TRY}`, code: 2 };
      const err = setValue(what as Value, arg, value);
      if (err) return { ok: false, message: err, code: 2 };
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const flag = SHORT_FLAGS[c];
        if (flag) {
          if (flag !== 'ignored') o[flag] = true;
          continue;
        }
        const what = SHORT_VALUES[c];
        if (!what) return { ok: false, message: `curl: option -${c}: is unknown\n${TRY}`, code: 2 };
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return { ok: false, message: `curl: option -${c}: requires parameter\n${TRY}`, code: 2 };
        const err = setValue(what, `-${c}`, value);
        if (err) return { ok: false, message: err, code: 2 };
        break;
      }
      continue;
    }
    o.urls.push(arg);
  }
  return { ok: true, opts: o };
}
