// busybox wget: -q, -O FILE (- for stdout), -S, -T SEC, -U AGENT, --header, --spider; it follows
// redirects and fails on HTTP errors with `wget: server returned error: …`.

import { byteLength, headerValue, statusLine, type Header } from '../../networking/http.js';
import { connect, resolveHost } from '../http-client.js';
import type { Machine } from '../machine.js';
import { errorText, resolvePath } from '../overlayfs.js';
import type { Program, ProgramContext } from '../program.js';
import { parseUrl, resolveLocation, hostHeader, type Url } from './curl/url.js';

const WHY = { refused: 'Connection refused', unreachable: 'Host is unreachable', timeout: 'Connection timed out' };

interface Options {
  quiet: boolean;
  output?: string;
  serverResponse: boolean;
  spider: boolean;
  timeout: number;
  agent: string;
  headers: Header[];
  url?: string;
}

function parse(argv: string[]): Options | string {
  const o: Options = { quiet: false, serverResponse: false, spider: false, timeout: 900, agent: 'Wget', headers: [] };
  const set = (letter: string, value: string) => {
    if (letter === 'O') o.output = value;
    else if (letter === 'T') o.timeout = Number(value);
    else if (letter === 'U') o.agent = value;
  };
  const LONG: Record<string, string> = { 'output-document': 'O', timeout: 'T', 'user-agent': 'U' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quiet') o.quiet = true;
    else if (a === '--server-response') o.serverResponse = true;
    else if (a === '--spider') o.spider = true;
    else if (a === '--no-check-certificate') continue;
    else if (a === '--header') {
      const h = argv[++i] ?? '';
      const colon = h.indexOf(':');
      if (colon > 0) o.headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
    } else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!LONG[name]) return `unrecognized option '${a}'`;
      set(LONG[name], inline ?? argv[++i] ?? '');
    } else if (a.startsWith('-') && a !== '-') {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.serverResponse = true;
        else if (c === 'c') continue;
        else if ('OoPTUY'.includes(c)) {
          set(c, a.slice(j + 1) || argv[++i] || '');
          break;
        } else return `invalid option -- '${c}'`;
      }
    } else o.url = a;
  }
  return o;
}

export function wgetProgram(machine: Machine): Program {
  return async (ctx: ProgramContext) => {
    const o = parse(ctx.argv.slice(1));
    if (typeof o === 'string' || !o.url) {
      ctx.stderr(`${typeof o === 'string' ? `wget: ${o}\n` : ''}BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`);
      return 1;
    }
    const say = (text: string) => {
      if (!o.quiet) ctx.stderr(text);
    };
    const first = parseUrl(o.url);
    if ('code' in first) {
      ctx.stderr(`wget: bad address '${o.url}'\n`);
      return 1;
    }
    let url: Url = first;
    for (let hops = 0; ; hops++) {
      const addresses = resolveHost(machine, url.host);
      if (addresses.length === 0) {
        ctx.stderr(`wget: bad address '${url.host}'\n`);
        return 1;
      }
      say(`Connecting to ${url.host} (${addresses[0]}:${url.port})\n`);
      const c = await connect(machine, addresses, url.port, o.timeout * 1000);
      if (machine.world.clock.expired) return 130;
      if (!c.ok) {
        ctx.stderr(c.error === 'timeout' ? 'wget: download timed out\n' : `wget: can't connect to remote host (${c.address}): ${WHY[c.error]}\n`);
        return 1;
      }
      if (url.scheme === 'https' && (!c.listener.tls || !c.listener.tls.trusted)) {
        ctx.stderr(`wget: TLS error from peer (alert code 40): handshake failure\nwget: error getting response: Connection reset by peer\n`);
        return 1;
      }
      const headers: Header[] = [['Host', hostHeader(url)], ['User-Agent', o.agent], ...o.headers, ['Connection', 'close']];
      const res = await c.listener.serve({ method: o.spider ? 'HEAD' : 'GET', target: url.target, headers, body: '' }, c.peer);
      if (o.serverResponse) say(`  ${statusLine(res)}\n${res.headers.map(([n, v]) => `  ${n}: ${v}\n`).join('')}`);
      const location = headerValue(res.headers, 'Location');
      if (res.status >= 300 && res.status < 400 && location && hops < 20) {
        const next = resolveLocation(url, location);
        if ('code' in next) return 1;
        url = next;
        continue;
      }
      if (res.status >= 400) {
        ctx.stderr(`wget: server returned error: ${statusLine(res)}\n`);
        return 1;
      }
      if (o.spider) {
        say('remote file exists\n');
        return 0;
      }
      const name = o.output ?? (url.target.replace(/[?#].*$/, '').replace(/^.*\//, '') || 'index.html');
      const size = byteLength(res.body);
      const bar = `${(name === '-' ? '-' : name).slice(0, 20).padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
      if (name === '-') {
        say('writing to stdout\n');
        ctx.stdout(res.body);
        say(`${bar}written to stdout\n`);
        return 0;
      }
      const path = resolvePath(ctx.cwd, name);
      if (o.output === undefined && ctx.fs.stat(path)) {
        ctx.stderr(`wget: can't open '${name}': File exists\n`);
        return 1;
      }
      say(`saving to '${name}'\n`);
      try {
        ctx.fs.writeFile(path, res.body);
      } catch (e) {
        ctx.stderr(`wget: can't open '${name}': ${errorText(e)}\n`);
        return 1;
      }
      say(`${bar}'${name}' saved\n`);
      return 0;
    }
  };
}
