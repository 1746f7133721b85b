// The HTTP side of an API request: reading a bounded body, and answering with JSON, a Status for
// errors, or plain text, with the headers a v1.32 API server sends (Warning headers included).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, statusOf } from '../api/errors.js';
import { InputTooLarge, readBytesCapped } from '../util/readcapped.js';

/** The API server's limit on a request body (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function tooLarge(): StatusError {
  return new StatusError('RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

/** The body, or a RequestEntityTooLarge as soon as it passes the limit (the rest is not read). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) throw tooLarge();
  try {
    return await readBytesCapped(req, MAX_BODY_BYTES);
  } catch (e) {
    throw e instanceof InputTooLarge ? tooLarge() : e;
  }
}

export interface Reply {
  status?: number;
  /** Sent as JSON unless `text` or `raw` is given. */
  body?: unknown;
  text?: string;
  /** Bytes sent as they are (protobuf, OpenAPI documents), with their contentType. */
  raw?: Uint8Array;
  /** Headers beyond the usual ones (ETag, a Cache-Control of its own). */
  headers?: Record<string, string>;
  contentType?: string;
  /** Warning headers (deprecations, fieldValidation=Warn), each as `299 - "…"`. */
  warnings?: string[];
  /** An answer that goes on (a followed log): written chunk by chunk after `text`'s headers. */
  stream?: (res: ServerResponse) => Promise<void>;
  /** A reply that writes itself over time (a watch): it takes the response over. */
  takeOver?: (res: ServerResponse, req: IncomingMessage) => void;
}

/** Quotes a warning as RFC 7234's warn-text: a Go-style quoted string. */
function warnText(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

export function send(res: ServerResponse, r: Reply): void {
  const status = r.status ?? 200;
  if (r.stream) {
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' });
    res.flushHeaders();
    r.stream(res).then(
      () => res.end(),
      () => res.destroy(),
    );
    return;
  }
  const payload = r.raw ?? (r.text !== undefined ? r.text : JSON.stringify(r.body) + '\n');
  const headers: Record<string, string | string[]> = {
    'Content-Type': r.contentType ?? (r.text !== undefined ? 'text/plain; charset=utf-8' : 'application/json'),
    'Cache-Control': 'no-cache, private',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength),
    ...r.headers,
  };
  if (r.warnings?.length) headers.Warning = r.warnings.map(warnText);
  if (r.contentType === '') delete headers['Content-Type'];
  if (status === 304) {
    delete headers['Content-Type'];
    delete headers['Content-Length'];
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, headers);
  res.end(payload);
}

/** An error as the API server answers it: a Status with the error's code. */
export function sendError(res: ServerResponse, e: unknown, debug = false): void {
  const err =
    e instanceof StatusError
      ? e
      : new StatusError('InternalError', `Internal error occurred: ${debug && e instanceof Error && e.stack ? e.stack : e instanceof Error ? e.message : String(e)}`);
  send(res, { status: err.code, body: statusOf(err) });
}
