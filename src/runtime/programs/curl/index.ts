// curl over the simulated network, with the options the books and scripts use (-s -S -L -I -i
// -v -k -H -A -e -o -O -w -f -X -d -m --connect-timeout --max-redirs --resolve) and the exit
// codes and messages of the curl release the image ships.

import { byteLength, headerValue, reasonPhrase, statusLine, type Header, type HttpResponse } from '../../../networking/http.js';
import { connect, resolveHost, SYN_TIMEOUT_MS } from '../../http-client.js';
import type { Machine } from '../../machine.js';
import { errorText, resolvePath } from '../../overlayfs.js';
import type { Program, ProgramContext } from '../../program.js';
import { parseCurlArgs, type CurlOptions } from './args.js';
import { curlFlavor, type CurlFlavor } from './flavor.js';
import { meterDone, meterFailed, writeOut, type WriteOutInfo } from './output.js';
import { hostHeader, parseUrl, resolveLocation, urlText, type Url } from './url.js';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail silently (no output at all) on HTTP errors
 -H, --header <header/@file> Pass custom header(s) to server
 -i, --include              Include protocol response headers in the output
 -I, --head                 Show document info only
 -k, --insecure             Allow insecure server connections when using SSL
 -L, --location             Follow redirects
 -m, --max-time <seconds>   Maximum time allowed for the transfer
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -S, --show-error           Show error even when -s is used
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -w, --write-out <format>   Use output FORMAT after completion
 -X, --request <command>    Specify request command to use
`;

const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

function headerBlock(res: HttpResponse): string {
  return crlf([statusLine(res), ...res.headers.map(([n, v]) => `${n}: ${v}`)]) + '\r\n';
}

/** The request headers: curl's own, replaced or removed (`Name:`) by -H ones. */
function requestHeaders(o: CurlOptions, flavor: CurlFlavor, url: Url, body: string | null): Header[] {
  const host: Header = ['Host', hostHeader(url)];
  const agent: Header = ['User-Agent', o.userAgent ?? flavor.userAgent];
  const headers: Header[] = flavor.userAgentFirst ? [agent, host] : [host, agent];
  headers.push(['Accept', '*/*']);
  if (o.referer) headers.push(['Referer', o.referer]);
  if (body !== null) headers.push(['Content-Length', String(byteLength(body))], ['Content-Type', 'application/x-www-form-urlencoded']);
  for (const h of o.headers) {
    const i = h.indexOf(':');
    if (i <= 0) continue;
    const name = h.slice(0, i).trim();
    const value = h.slice(i + 1).trim();
    const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (value === '') {
      if (at >= 0) headers.splice(at, 1);
    } else if (at >= 0) headers[at] = [name, value];
    else headers.push([name, value]);
  }
  return headers;
}

class Transfer {
  private readonly start: number;
  private info: WriteOutInfo;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly machine: Machine,
    private readonly flavor: CurlFlavor,
    private readonly o: CurlOptions,
    private readonly meter: boolean,
    raw: string,
  ) {
    this.start = machine.world.clock.now();
    this.info = {
      httpCode: 0, urlEffective: raw, remoteIP: '', remotePort: 0, localIP: '', localPort: 0, sizeDownload: 0, sizeHeader: 0,
      contentType: '', redirects: 0, redirectUrl: '', seconds: 0, exitCode: 0, errorMessage: '', method: 'GET', scheme: 'http',
    };
  }

  private elapsedMs(): number {
    return this.machine.world.clock.now() - this.start;
  }

  private verbose(text: string): void {
    if (this.o.verbose) this.ctx.stderr(text);
  }

  private finish(code: number, message = ''): number {
    this.info.exitCode = code;
    this.info.errorMessage = message;
    this.info.seconds = Math.max(this.elapsedMs(), 1) / 1000;
    if (code !== 0) {
      if (this.meter) this.ctx.stderr(meterFailed(this.flavor.errorOnNewLine));
      if (!this.o.silent || this.o.showError) this.ctx.stderr(`curl: (${code}) ${message}\n`);
    }
    if (this.o.writeOut !== undefined) this.ctx.stdout(writeOut(this.o.writeOut, this.info));
    return code;
  }

  async run(raw: string): Promise<number> {
    const first = parseUrl(raw);
    if ('code' in first) return this.finish(first.code, first.message);
    let url: Url = first;
    let method = this.o.method ?? (this.o.head ? 'HEAD' : this.o.data.length ? 'POST' : 'GET');
    let body: string | null = this.o.data.length ? this.o.data.join('&') : null;
    let shown = '';
    for (;;) {
      this.info.urlEffective = urlText(url);
      this.info.scheme = url.scheme;
      this.info.method = method;
      const pinned = this.o.resolve.map((r) => r.split(':')).find(([h, p]) => h === url.host && Number(p) === url.port)?.[2];
      const addresses = pinned ? [pinned] : resolveHost(this.machine, url.host);
      if (this.flavor.oldVerbose) this.verbose(`* About to connect() to ${url.host} port ${url.port} (#0)\n`);
      if (addresses.length === 0) {
        this.verbose(`* Could not resolve host: ${url.host}\n* Closing connection 0\n`);
        return this.finish(6, this.flavor.resolveFailed(url.host));
      }
      const limit = this.o.connectTimeout ?? this.o.maxTime;
      const c = await connect(this.machine, addresses, url.port, limit !== undefined ? limit * 1000 : SYN_TIMEOUT_MS);
      if (this.machine.world.clock.expired) return 130;
      const trying = this.flavor.oldVerbose ? `*   Trying ${c.address}...\n` : `*   Trying ${c.address}:${url.port}...\n`;
      if (!c.ok) {
        this.verbose(`${trying}* connect to ${c.address} port ${url.port} failed\n* Closing connection 0\n`);
        if (c.error === 'timeout' && limit !== undefined) return this.finish(28, this.flavor.connectTimeout(url.host, url.port, Math.round(limit * 1000) + 1));
        return this.finish(7, this.flavor.connectFailed(url.host, url.port, this.elapsedMs(), c.error));
      }
      this.verbose(`${trying}* Connected to ${url.host} (${c.address}) port ${url.port} (#0)\n`);
      Object.assign(this.info, { remoteIP: c.address, remotePort: url.port, localIP: this.machine.ip, localPort: c.peer.clientPort });
      if (url.scheme === 'https' && !c.listener.tls) return this.finish(35, this.flavor.wrongVersion);
      if (url.scheme === 'https' && !c.listener.tls!.trusted && !this.o.insecure) return this.finish(60, this.flavor.untrusted);
      if (url.scheme === 'http' && c.listener.tls) return this.finish(52, 'Empty reply from server');
      const headers = requestHeaders(this.o, this.flavor, url, body);
      this.verbose(crlf([`> ${method} ${url.target} HTTP/1.1`, ...headers.map(([n, v]) => `> ${n}: ${v}`), '> ']));
      const res = await c.listener.serve({ method, target: url.target, headers, body: body ?? '' }, c.peer);
      this.machine.world.clock.tick(1 + this.machine.world.cluster.rand.int(3));
      this.verbose(crlf([`< ${statusLine(res)}`, ...res.headers.map(([n, v]) => `< ${n}: ${v}`), '< ']));
      this.info.httpCode = res.status;
      this.info.contentType = headerValue(res.headers, 'Content-Type') ?? '';
      this.info.sizeHeader += byteLength(headerBlock(res));
      const location = headerValue(res.headers, 'Location');
      this.info.redirectUrl = location && res.status >= 300 && res.status < 400 ? location : '';
      const fails = this.o.fail && res.status >= 400;
      if ((this.o.include || this.o.head) && !fails) shown += headerBlock(res);
      if (this.o.location && location && res.status >= 300 && res.status < 400) {
        if (this.info.redirects >= this.o.maxRedirs) {
          this.emit(shown);
          return this.finish(47, `Maximum (${this.o.maxRedirs}) redirects followed`);
        }
        const next = resolveLocation(url, location);
        if ('code' in next) return this.finish(next.code, next.message);
        this.info.redirects++;
        this.verbose(`* Connection #0 to host ${url.host} left intact\n* Issue another request to this URL: '${urlText(next)}'\n`);
        if ([301, 302, 303].includes(res.status) && method === 'POST') {
          method = 'GET';
          body = null;
        }
        url = next;
        continue;
      }
      if (fails) return this.finish(22, this.flavor.httpError(res.status, reasonPhrase(res)));
      const content = method === 'HEAD' ? '' : res.body;
      this.info.sizeDownload = byteLength(content);
      const written = this.emit(shown + content);
      if (written !== null) return this.finish(23, written);
      this.verbose(`* Connection #0 to host ${url.host} left intact\n`);
      if (this.meter) {
        const total = Number(headerValue(res.headers, 'Content-Length') ?? byteLength(content));
        this.ctx.stderr(meterDone(total, this.info.sizeDownload, Math.max(this.elapsedMs(), 1) / 1000));
      }
      return this.finish(0);
    }
  }

  /** Writes the output to stdout or the -o/-O file; an error text when the file cannot be written. */
  private emit(text: string): string | null {
    let target = this.o.output;
    if (this.o.remoteName && target === undefined) target = this.info.urlEffective.replace(/[?#].*$/, '').replace(/^.*\//, '');
    if (target === undefined || target === '-') {
      this.ctx.stdout(text);
      return null;
    }
    if (target === '') return 'Remote file name has no length!';
    const path = resolvePath(this.ctx.cwd, target);
    try {
      this.ctx.fs.writeFile(path, text);
      return null;
    } catch (e) {
      this.ctx.stderr(`Warning: Failed to create the file ${target}: ${errorText(e)}\n`);
      return `Failed writing body (0 != ${byteLength(text)})`;
    }
  }
}

export function curlProgram(machine: Machine): Program {
  return async (ctx) => {
    const version = machine.tools.curl ?? '7.88.1';
    const flavor = curlFlavor(version, machine.tools.libc);
    const parsed = parseCurlArgs(ctx.argv.slice(1));
    if (!parsed.ok) {
      ctx.stderr(parsed.message);
      return parsed.code;
    }
    const o = parsed.opts;
    if (o.help) {
      ctx.stdout(HELP);
      return 0;
    }
    if (o.version) {
      ctx.stdout(`curl ${version} (x86_64-pc-linux-gnu) libcurl/${version}\nProtocols: dict file ftp ftps gopher http https imap imaps pop3 pop3s rtsp smb smbs smtp smtps telnet tftp\nFeatures: AsynchDNS IPv6 Largefile NTLM SSL libz UnixSockets\n`);
      return 0;
    }
    if (o.urls.length === 0) {
      ctx.stderr(`curl: no URL specified!\n${TRY}`);
      return 2;
    }
    // Without a terminal on stdout (no TERM in a container without a TTY) curl shows its meter.
    const meter = !o.silent && !o.verbose && (!ctx.env.has('TERM') || o.output !== undefined || o.remoteName);
    let status = 0;
    for (const url of o.urls) {
      status = await new Transfer(ctx, machine, flavor, o, meter, url).run(url);
      if (status === 130) break;
    }
    return status;
  };
}
