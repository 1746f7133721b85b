// Servers with a fixed behaviour: `static` answers what the catalogue entry says (for images
// users describe themselves), `apiserver` is what an anonymous client gets from kube-apiserver.

import { byteLength, headerValue, httpDate, pathOf, type Header } from '../../networking/http.js';
import type { ServerKind } from './types.js';

export const staticServer: ServerKind = {
  handle(_req, ctx) {
    const r = ctx.spec.response ?? {};
    const body = r.body ?? '';
    const headers: Header[] = Object.entries(r.headers ?? {});
    if (!headerValue(headers, 'Date')) headers.unshift(['Date', httpDate(ctx.host.now())]);
    if (!headerValue(headers, 'Content-Length')) headers.push(['Content-Length', String(byteLength(body))]);
    return { status: r.status ?? 200, headers, body };
  },
};

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** kubeadm clusters allow anonymous requests to the health and version endpoints only. */
export const apiServer: ServerKind = {
  handle(req, ctx) {
    const path = pathOf(req.target);
    let status = 200;
    let type = 'text/plain; charset=utf-8';
    let body: string;
    if (['/healthz', '/livez', '/readyz'].includes(path)) body = 'ok';
    else if (path === '/version') {
      const v = ctx.host.cluster.config.kubernetesVersion;
      const [major, minor] = v.replace(/^v/, '').split('.');
      type = 'application/json';
      body = json({ major, minor, gitVersion: v, gitCommit: '9a9d7d2cea8e6cfd2d7c7de1fdd4ff23e9a6ffae', gitTreeState: 'clean', buildDate: '2025-02-12T21:19:07Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' });
    } else {
      status = 403;
      type = 'application/json';
      body = json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${path}"`, reason: 'Forbidden', details: {}, code: 403 });
    }
    return {
      status,
      headers: [['Audit-Id', ctx.host.cluster.rand.uuid()], ['Cache-Control', 'no-cache, private'], ['Content-Type', type], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(ctx.host.now())], ['Content-Length', String(byteLength(body))]],
      body,
    };
  },
};
