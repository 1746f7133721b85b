// nginx serving the document root (/usr/share/nginx/html), and amsy810/echo-nginx, which answers
// with a line describing the request unless a file under the root matches the path.

import { byteLength, headerValue, httpDate, pathOf, type Header, type HttpRequest, type HttpResponse } from '../../networking/http.js';
import { resolvePath } from '../overlayfs.js';
import { NGINX_COMBINED } from './accesslog.js';
import { NGINX_REASONS, nginxErrorPage } from './pages.js';
import type { ServerContext, ServerKind } from './types.js';

const ROOT = '/usr/share/nginx/html';
/** When the image's files were built: Last-Modified of everything served. */
const BUILT = Date.parse('2024-11-26T15:55:00Z');

const TYPES: Record<string, string> = {
  html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript',
  json: 'application/json', xml: 'text/xml', png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
};

function contentType(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** The nginx release of the container, from the NGINX_VERSION its image sets. */
export function nginxVersion(ctx: ServerContext): string {
  return ctx.host.env.get('NGINX_VERSION') ?? '1.27.3';
}

function baseHeaders(ctx: ServerContext): Header[] {
  return [['Server', `nginx/${nginxVersion(ctx)}`], ['Date', httpDate(ctx.host.now())]];
}

export function nginxError(ctx: ServerContext, status: number, extra: Header[] = []): HttpResponse {
  const body = nginxErrorPage(status, nginxVersion(ctx));
  return {
    status,
    reason: NGINX_REASONS[status],
    headers: [...baseHeaders(ctx), ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ...extra, ['Connection', 'keep-alive']],
    body,
  };
}

/** The Host nginx sees ($host): the header without its port, lower-cased, or the server's address. */
export function requestHost(req: HttpRequest, ctx: ServerContext): string {
  const raw = headerValue(req.headers, 'Host');
  if (!raw) return ctx.peer.localIP;
  return raw.replace(/:\d+$/, '').toLowerCase();
}

function decode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * A file or directory under the document root that answers the request; null when none does.
 * A directory without index.html is 403 for plain nginx, and nothing for `fallThrough` sites.
 */
export function serveFile(req: HttpRequest, ctx: ServerContext, fallThrough = false): HttpResponse | null {
  const fs = ctx.host.fs;
  const decoded = decode(pathOf(req.target));
  if (decoded === null || !decoded.startsWith('/')) return nginxError(ctx, 400);
  // nginx refuses paths that climb above the root instead of clamping them.
  const depth = decoded.split('/').reduce((d, part) => (d < 0 ? d : part === '..' ? d - 1 : part && part !== '.' ? d + 1 : d), 0);
  if (depth < 0) return nginxError(ctx, 400);
  const path = resolvePath('/', decoded);
  const full = path === '/' ? ROOT : `${ROOT}${path}`;
  const stat = fs.stat(full);
  if (decoded.endsWith('/')) {
    if (stat?.type !== 'dir') return null;
    const index = `${full === ROOT ? ROOT : full}/index.html`;
    if (fs.stat(index)?.type !== 'file') return fallThrough ? null : nginxError(ctx, 403);
    return fileResponse(req, ctx, index);
  }
  if (!stat) return null;
  if (stat.type === 'dir') {
    const port = ctx.peer.localPort === (ctx.peer.tls ? 443 : 80) ? '' : `:${ctx.peer.localPort}`;
    const location = `${ctx.peer.tls ? 'https' : 'http'}://${requestHost(req, ctx)}${port}${path}/`;
    return nginxError(ctx, 301, [['Location', location]]);
  }
  return fileResponse(req, ctx, full);
}

function fileResponse(req: HttpRequest, ctx: ServerContext, path: string): HttpResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return nginxError(ctx, 405);
  const body = ctx.host.fs.readFile(path) ?? '';
  const length = byteLength(body);
  return {
    status: 200,
    headers: [
      ...baseHeaders(ctx),
      ['Content-Type', contentType(path)],
      ['Content-Length', String(length)],
      ['Last-Modified', httpDate(BUILT)],
      ['Connection', 'keep-alive'],
      ['ETag', `"${Math.floor(BUILT / 1000).toString(16)}-${length.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
    ],
    body,
  };
}

export const nginxServer: ServerKind = {
  handle: (req, ctx) => serveFile(req, ctx) ?? nginxError(ctx, 404),
  accessLog: NGINX_COMBINED,
};

/** `Host=…  Path=…  From=…  ClientIP=…  XFF=…`, fields two spaces apart. */
export const echoNginxServer: ServerKind = {
  handle(req, ctx) {
    const file = serveFile(req, ctx, true);
    if (file) return file;
    const xff = headerValue(req.headers, 'X-Forwarded-For') ?? '';
    const body = `Host=${requestHost(req, ctx)}  Path=${req.target}  From=${ctx.host.hostname}  ClientIP=${ctx.peer.clientIP}  XFF=${xff}\n`;
    return {
      status: 200,
      headers: [...baseHeaders(ctx), ['Content-Type', 'text/plain'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive']],
      body,
    };
  },
  accessLog: NGINX_COMBINED,
};
