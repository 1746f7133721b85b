// /openapi/v3 and its documents, with the headers kube-openapi's handler3 sends behind a v1.32
// API server: an ETag (the document's SHA-512) on each, `public, immutable` caching and a year's
// Expires for a URL with the current ?hash=, a 301 to the current hash for an old one, and 304
// for an If-None-Match that names the ETag. Documents are JSON only; a client that takes only
// OpenAPI's protobuf form gets 406.
//
// /openapi/v2 is a document without definitions. kubectl v1.32 reads it only to validate a kind
// that the v3 documents lack (an Ingress in networking.k8s.io/v1beta1, say), and skips
// validation for a kind v2 does not define either, as a real server's v2 leads it to: the
// request then fails or succeeds on the server as it would there.

import type { IncomingMessage } from 'node:http';
import { StatusError } from '../api/errors.js';
import type { Reply } from './http.js';

const INDEX = '/openapi/v3';

/** Go's http.ServeContent: a matching If-None-Match is answered 304 (or `*` for anything). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** Whether the Accept header takes JSON (or anything): handler3 matches type and subtype, `*` for either. */
function acceptsJSON(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((clause) => {
    const [type = '', sub = ''] = clause.split(';')[0].trim().toLowerCase().split('/');
    return (type === 'application' || type === '*') && (sub === 'json' || sub === '*');
  });
}

/** When the documents were last changed: when this server started (the index: every request). */
const STARTED = new Date();

function content(req: IncomingMessage, doc: { body: Uint8Array; etag: string; contentType: string }, modified: Date, headers: Record<string, string>): Reply {
  const all = { ETag: doc.etag, 'Last-Modified': modified.toUTCString(), 'Accept-Ranges': 'bytes', ...headers };
  // A 304 carries no representation headers, and no Last-Modified beside an ETag.
  if (notModified(req, doc.etag)) return { status: 304, raw: new Uint8Array(0), headers: { ...headers, ETag: doc.etag } };
  return { raw: doc.body, contentType: doc.contentType, headers: all };
}

const NOT_FOUND = () => new StatusError('NotFound', 'the server could not find the requested resource');

/** The answer to GET /openapi/v3 or /openapi/v3/<path>; undefined for other /openapi paths. */
export async function openapiReply(req: IncomingMessage, url: URL): Promise<Reply> {
  const { openapiV3Document, openapiV3Index } = await import('../api/openapi/index.js');
  const path = url.pathname;
  if (path === INDEX || path === `${INDEX}/`) return content(req, openapiV3Index(), new Date(), {});
  if (!path.startsWith(`${INDEX}/`)) throw NOT_FOUND();
  const doc = openapiV3Document(path.slice(INDEX.length + 1));
  // handler3 writes nothing for a path it has no document for: an empty 200.
  if (!doc) return { raw: new Uint8Array(0), contentType: '', headers: { Vary: 'Accept' } };
  if (!acceptsJSON(req.headers.accept)) return { status: 406, text: '', headers: { Vary: 'Accept' } };
  const hash = url.searchParams.get('hash');
  if (!hash) return content(req, doc, STARTED, { Vary: 'Accept' });
  if (hash !== doc.hash) {
    const location = `${path}?hash=${doc.hash}`;
    return { status: 301, text: `<a href="${location}">Moved Permanently</a>.\n\n`, contentType: 'text/html; charset=utf-8', headers: { Location: location, ETag: doc.etag, Vary: 'Accept' } };
  }
  const expires = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  return content(req, doc, STARTED, { Vary: 'Accept', 'Cache-Control': 'public, immutable', Expires: goRFC1123(expires) });
}

/** Go's time.RFC1123 in UTC: `Mon, 02 Jan 2006 15:04:05 UTC`. */
function goRFC1123(d: Date): string {
  return d.toUTCString().replace(/GMT$/, 'UTC');
}

const V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** The type the answer is labelled with: Go's mime parser refuses the `@` of the requested one. */
const V2_PROTOBUF_RETURNED = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** A protobuf string field (gnostic's openapi_v2 messages: Document.swagger 1, info 2; Info.title 1, version 2). */
function field(number: number, value: Uint8Array): Uint8Array {
  return Uint8Array.from([(number << 3) | 2, value.length, ...value]);
}

/** GET /openapi/v2: the swagger document's header, as protobuf (what kubectl asks for) or JSON. */
export function openapiV2Reply(req: IncomingMessage, gitVersion: string): Reply {
  const info = { title: 'Kubernetes', version: gitVersion };
  const accept = req.headers.accept ?? '';
  if (accept.includes(V2_PROTOBUF) || accept.includes(V2_PROTOBUF_RETURNED)) {
    const text = (s: string) => new TextEncoder().encode(s);
    const infoBytes = Uint8Array.from([...field(1, text(info.title)), ...field(2, text(info.version))]);
    const raw = Uint8Array.from([...field(1, text('2.0')), ...field(2, infoBytes)]);
    return { raw, contentType: V2_PROTOBUF_RETURNED, headers: { Vary: 'Accept' } };
  }
  return { body: { swagger: '2.0', info, paths: {}, definitions: {} }, headers: { Vary: 'Accept' } };
}
