// Access-log lines from templates. Placeholders are nginx's variable names in braces
// ({remote_addr}, {time_local}, {request}, {status}, {body_bytes_sent}, {http_referer},
// {http_user_agent}, {http_x_forwarded_for}, {host}, {method}, {uri}) plus {go_time} for
// Go's log package; a missing value prints as `-`, like nginx.

import { byteLength, goLogTime, headerValue, nginxTime, type HttpRequest, type HttpResponse } from '../../networking/http.js';
import type { Peer } from '../../networking/types.js';

export const NGINX_COMBINED =
  '{remote_addr} - - [{time_local}] "{request}" {status} {body_bytes_sent} "{http_referer}" "{http_user_agent}" "{http_x_forwarded_for}"';

export function formatLogLine(template: string, now: number, vars: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = { go_time: goLogTime(now), time_local: nginxTime(now), ...vars };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? all[name] || '-' : whole));
}

export function accessLogLine(template: string, now: number, req: HttpRequest, res: HttpResponse, peer: Peer): string {
  const header = (n: string) => headerValue(req.headers, n);
  return formatLogLine(template, now, {
    remote_addr: peer.clientIP,
    request: `${req.method} ${req.target} HTTP/1.1`,
    method: req.method,
    uri: req.target,
    status: String(res.status),
    body_bytes_sent: String(req.method === 'HEAD' ? 0 : byteLength(res.body)),
    http_referer: header('Referer'),
    http_user_agent: header('User-Agent'),
    http_x_forwarded_for: header('X-Forwarded-For'),
    host: header('Host'),
  });
}
