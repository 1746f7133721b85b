// HTTP/1.1 messages as clients and servers in the simulation exchange them: a request line,
// ordered headers and a body. No bytes travel; the shapes are what curl -v and access logs show.

export type Header = [name: string, value: string];

export interface HttpRequest {
  method: string;
  /** The request-target: path and query, as sent. */
  target: string;
  headers: Header[];
  body: string;
}

export interface HttpResponse {
  status: number;
  /** The reason phrase when it is not the standard one (apple.com sends `MOVED PERMANENTLY`). */
  reason?: string;
  headers: Header[];
  body: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(res: Pick<HttpResponse, 'status' | 'reason'>): string {
  return res.reason ?? REASONS[res.status] ?? '';
}

export function statusLine(res: Pick<HttpResponse, 'status' | 'reason'>): string {
  return `HTTP/1.1 ${res.status} ${reasonPhrase(res)}`;
}

/** The value of the first header of that name (names compare case-insensitively). */
export function headerValue(headers: Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

export function withoutHeader(headers: Header[], name: string): Header[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() !== lower);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** IMF-fixdate, as in the Date header: `Wed, 01 Apr 2020 14:54:34 GMT`. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** nginx's $time_local: `23/Nov/2026:04:47:35 +0000`. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Go's log package (and nginx's error log): `2026/11/23 04:47:35`. */
export function goLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text);
}

/** The path part of a request-target, without the query. */
export function pathOf(target: string): string {
  const q = target.search(/[?#]/);
  return q < 0 ? target : target.slice(0, q);
}
