// The ingress-nginx controller pod's nginx: server-snippets, then the location for the path,
// redirects (annotations, configuration-snippet, ssl-redirect), rewrite-target, and the proxy to
// the backend's endpoints or to the controller's default backend. One access line per request.

import type { ObjectOf } from '../../api/types.js';
import { requestHost } from './nginx.js';
import { nginxErrorPage } from './pages.js';
import type { ServerContext, ServerKind } from './types.js';
import { byteLength, goLogTime, headerValue, httpDate, nginxTime, type Header, type HttpRequest, type HttpResponse } from '../../networking/http.js';
import type { IngressAnnotations } from '../../networking/ingress/annotations.js';
import { controllerOfPod, servedIngresses, type IngressNginx } from '../../networking/ingress/controllers.js';
import { controllerSettings } from '../../networking/ingress/settings.js';
import { buildRoutingTable, findServer, matchLocation, type VirtualServer } from '../../networking/ingress/routing.js';
import { MatchLimitError, pcreExec } from '../../networking/ingress/pcre.js';
import { parseSnippet, runSnippet, type SnippetRequest } from '../../networking/ingress/snippet.js';
import { defaultBackendUpstream, requestLength, serviceUpstream, upstreamRequest, type Upstream } from '../../networking/ingress/upstream.js';

const REASONS: Record<number, string> = { 308: 'Permanent Redirect', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

interface Outcome {
  res: HttpResponse;
  upstream?: { name: string; addr: string; status: number; length: number };
}

/** A response nginx makes itself: an error or redirect page. */
function page(ctrl: IngressNginx | undefined, ctx: ServerContext, status: number, location?: string, body?: string): HttpResponse {
  const text = body ?? nginxErrorPage(status, ctrl?.nginxVersion ?? null);
  // ingress-nginx's nginx.conf has `default_type text/html`, so `return 200 "text"` is html too.
  const headers: Header[] = [...serverHeaders(ctrl, ctx), ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(text))], ['Connection', 'keep-alive']];
  if (location !== undefined) headers.push(['Location', location]);
  return { status, reason: REASONS[status], headers, body: text };
}

function serverHeaders(ctrl: IngressNginx | undefined, ctx: ServerContext): Header[] {
  const date: Header = ['Date', httpDate(ctx.host.now())];
  return ctrl?.nginxVersion ? [['Server', `nginx/${ctrl.nginxVersion}`], date] : [date];
}

function split(target: string): { uri: string; args: string } {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  let uri = path;
  try {
    uri = decodeURIComponent(path);
  } catch {
    /* nginx keeps undecodable paths as they are */
  }
  return { uri, args: q < 0 ? '' : target.slice(q + 1) };
}

/** nginx's variables for snippets. */
function variables(req: HttpRequest, ctx: ServerContext, host: string, scheme: string, args: string): SnippetRequest['variables'] {
  return (name) => {
    if (name.startsWith('http_')) return headerValue(req.headers, name.slice(5).replace(/_/g, '-'));
    if (name.startsWith('arg_')) return new URLSearchParams(args).get(name.slice(4)) ?? undefined;
    if (name.startsWith('cookie_')) return (headerValue(req.headers, 'Cookie') ?? '').split(/;\s*/).find((c) => c.startsWith(`${name.slice(7)}=`))?.split('=')[1];
    const fixed: Record<string, string> = {
      host,
      server_name: host,
      request_uri: req.target,
      args,
      query_string: args,
      is_args: args ? '?' : '',
      remote_addr: ctx.peer.clientIP,
      scheme,
      https: scheme === 'https' ? 'on' : '',
      request_method: req.method,
      server_port: String(ctx.peer.localPort),
      server_addr: ctx.peer.localIP,
      hostname: ctx.host.hostname,
    };
    return fixed[name];
  };
}

function hasTLS(ing: ObjectOf<'ingresses'> | undefined, host: string): boolean {
  return !!ing?.spec?.tls?.some((t) => t.hosts?.includes(host));
}

async function route(req: HttpRequest, ctx: ServerContext, ctrl: IngressNginx): Promise<Outcome> {
  const cluster = ctx.host.cluster;
  const settings = controllerSettings(ctrl, cluster);
  const table = buildRoutingTable(servedIngresses(ctrl, cluster));
  const host = requestHost(req, ctx);
  const vs: VirtualServer = findServer(table, host);
  const scheme = ctx.peer.tls ? 'https' : 'http';
  let { uri, args } = split(req.target);
  const vars = variables(req, ctx, host, scheme, args);
  const extraHeaders: Header[] = [];
  const snippet = (text: string | undefined) => {
    if (text === undefined || !settings.allowSnippets) return undefined;
    const r = runSnippet(parseSnippet(text), { uri, args, variables: vars });
    uri = r.uri;
    extraHeaders.push(...r.headers);
    if (!r.response) return undefined;
    const { status, location, body } = r.response;
    const abs = location?.startsWith('/') ? `${scheme}://${host}${location}` : location;
    // `return 204;` has no page; error statuses and redirects get nginx's.
    return page(ctrl, ctx, status, abs, body ?? (status < 300 ? '' : undefined));
  };
  for (const s of vs.snippets) {
    const res = snippet(s.text);
    if (res) return { res };
  }
  const loc = matchLocation(vs, uri);
  const target = loc ?? vs.fallback;
  const ann: IngressAnnotations | undefined = target.annotations;
  if (ann?.permanentRedirect) return { res: page(ctrl, ctx, ann.permanentRedirect.code, ann.permanentRedirect.url) };
  if (ann?.temporalRedirect) return { res: page(ctrl, ctx, 302, ann.temporalRedirect) };
  if (ann?.appRoot && uri === '/') return { res: page(ctrl, ctx, 302, `${scheme}://${host}${ann.appRoot}`) };
  const res = snippet(ann?.configurationSnippet);
  if (res) return { res };
  const tls = vs.tls !== undefined && hasTLS(target.ingress ?? vs.tls.ingress, vs.hostname);
  if (scheme === 'http' && ((tls && (ann?.sslRedirect ?? settings.sslRedirect)) || ann?.forceSslRedirect)) {
    return { res: page(ctrl, ctx, settings.redirectCode, `https://${host}${req.target}`) };
  }
  if (loc && ann?.rewriteTarget !== undefined) uri = rewrite(loc.path, ann.rewriteTarget, uri, ctrl.legacy);
  let upstream: Upstream | undefined;
  if (target.backend?.service) upstream = serviceUpstream(cluster, target.ingress!.metadata.namespace ?? 'default', target.backend.service);
  else if (!target.backend && ctrl.defaultBackendService) upstream = defaultBackendUpstream(cluster, ctrl.defaultBackendService);
  else if (!target.backend) return { res: page(ctrl, ctx, 404), upstream: { name: 'upstream-default-backend', addr: '127.0.0.1:8181', status: 404, length: 0 } };
  if (!upstream?.addresses.length) return { res: page(ctrl, ctx, 503), upstream: { name: upstream?.name ?? '', addr: '-', status: 503, length: 0 } };
  const pick = upstream.addresses[cluster.rand.int(upstream.addresses.length)];
  const up = upstreamRequest(req, { clientIP: ctx.peer.clientIP, host, scheme, port: ctx.peer.localPort, requestID: cluster.rand.hex(32), uri, args });
  const result = await ctx.host.fetch(pick.host, pick.port, up);
  const addr = `${pick.host}:${pick.port}`;
  if (!result.ok) {
    const status = result.error === 'timeout' ? 504 : 502;
    return { res: page(ctrl, ctx, status), upstream: { name: upstream.name, addr, status: status, length: 0 } };
  }
  const r = result.response;
  const passed = r.headers.filter(([n]) => !/^(date|server|connection|keep-alive|transfer-encoding|content-length|content-type|x-pad|x-accel-.*)$/i.test(n));
  const type = headerValue(r.headers, 'Content-Type');
  const headers: Header[] = [...serverHeaders(ctrl, ctx), ...(type ? ([['Content-Type', type]] as Header[]) : []), ['Content-Length', String(byteLength(r.body))], ['Connection', 'keep-alive'], ...passed, ...extraHeaders];
  if (scheme === 'https' && tls) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return { res: { status: r.status, reason: r.reason, headers, body: r.body }, upstream: { name: upstream.name, addr, status: r.status, length: byteLength(r.body) } };
}

/**
 * rewrite-target. The 0.x releases replace the location's prefix with the target; later ones
 * run `rewrite (?i)<path> <target> break`, so the whole URI becomes the target with $1… filled.
 */
export function rewrite(path: string, target: string, uri: string, legacy: boolean): string {
  if (legacy) {
    const rest = uri.slice(path.replace(/\/$/, '').length).replace(/^\//, '');
    return `${target.replace(/\/$/, '')}/${rest}`.replace(/^\/\//, '/') || '/';
  }
  const m = pcreExec(path, uri, true);
  if (!m) return uri;
  return target.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
}

function accessLine(ctrl: IngressNginx, ctx: ServerContext, req: HttpRequest, o: Outcome): string {
  const h = (n: string) => headerValue(req.headers, n) ?? '-';
  const size = req.method === 'HEAD' ? 0 : byteLength(o.res.body);
  const time = (0.001 + ctx.host.cluster.rand.int(4) / 1000).toFixed(3);
  const up = o.upstream;
  const upstream = up ? `[${up.name}]${ctrl.legacy ? '' : ' []'} ${up.addr} ${up.length} ${time} ${up.status}` : `[]${ctrl.legacy ? '' : ' []'} - - - -`;
  const who = ctrl.legacy ? `${ctx.peer.clientIP} - [${ctx.peer.clientIP}] - -` : `${ctx.peer.clientIP} - -`;
  return `${who} [${nginxTime(ctx.host.now())}] "${req.method} ${req.target} HTTP/1.1" ${o.res.status} ${size} "${h('Referer')}" "${h('User-Agent')}" ${requestLength(req)} ${time} ${upstream} ${ctx.host.cluster.rand.hex(32)}`;
}

export const ingressNginxServer: ServerKind = {
  async handle(req, ctx) {
    const ctrl = controllerOfPod(ctx.host.cluster, ctx.host.ip);
    if (!ctrl) return page(undefined, ctx, 404);
    let outcome: Outcome;
    try {
      outcome = await route(req, ctx, ctrl);
    } catch (e) {
      if (!(e instanceof MatchLimitError)) throw e;
      ctx.host.log(`${goLogTime(ctx.host.now())} [error] 1#1: *1 ${e.message}, client: ${ctx.peer.clientIP}, request: "${req.method} ${req.target} HTTP/1.1"`);
      outcome = { res: page(ctrl, ctx, 500) };
    }
    ctx.host.log(accessLine(ctrl, ctx, req, outcome));
    return outcome.res;
  },
};
