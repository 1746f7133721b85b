// The servers of Docker/Kubernetes実践コンテナ開発入門: gihyodocker/echo (Go's net/http on :8080)
// and the nginx in front of it (gihyodocker/nginx, nginx-proxy), which proxies every request to
// $BACKEND_HOST — over the pod's localhost in the book's two-container pod.

import { byteLength, headerValue, httpDate, withoutHeader, type HttpResponse } from '../../networking/http.js';
import { NGINX_COMBINED } from './accesslog.js';
import { nginxError, nginxVersion } from './nginx.js';
import type { ServerKind } from './types.js';

export const gihyoEchoServer: ServerKind = {
  handle(_req, ctx) {
    const body = 'Hello Docker!!';
    return {
      status: 200,
      headers: [['Date', httpDate(ctx.host.now())], ['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']],
      body,
    };
  },
  accessLog: '{go_time} received request',
};

/** `host:port` of an upstream; port 80 when absent. */
function upstream(text: string): { host: string; port: number } | null {
  const m = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(text.trim());
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : 80 } : null;
}

export const proxyServer: ServerKind = {
  async handle(req, ctx) {
    const target = upstream(ctx.host.env.get('BACKEND_HOST') ?? '');
    if (!target) return nginxError(ctx, 502);
    const headers = withoutHeader(withoutHeader(req.headers, 'Host'), 'Connection');
    const result = await ctx.host.fetch(target.host, target.port, {
      method: req.method,
      target: req.target,
      headers: [['Host', 'backend'], ['Connection', 'close'], ...headers],
      body: req.body,
    });
    if (!result.ok) return nginxError(ctx, result.error === 'timeout' ? 504 : 502);
    const up = result.response;
    const passed = up.headers.filter(([name]) => !/^(date|server|connection|transfer-encoding)$/i.test(name));
    const res: HttpResponse = {
      status: up.status,
      reason: up.reason,
      headers: [['Server', `nginx/${nginxVersion(ctx)}`], ['Date', httpDate(ctx.host.now())], ...passed, ['Connection', 'keep-alive']],
      body: up.body,
    };
    if (headerValue(res.headers, 'Content-Length') === undefined) res.headers.splice(3, 0, ['Content-Length', String(byteLength(up.body))]);
    return res;
  },
  accessLog: NGINX_COMBINED,
};
