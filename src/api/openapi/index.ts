// The OpenAPI v3 documents of a v1.32 API server for what kctl serves: the index at /openapi/v3
// and one document per path it lists (api/v1, apis/apps/v1, …, api, apis, apis/<group>, version).
// kubectl reads them for `apply`'s field validation (the fieldValidation parameter of each kind's
// PATCH) and for `explain`.
//
// v3.json.gz (written by scripts/gen-openapi.mjs) holds every schema once and, per document, its
// paths and the schemas it needs. It is read, and each document built and hashed, on first use
// only: nothing here runs when kctl starts.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

interface Stored {
  info: { title: string; version: string };
  schemas: Record<string, unknown>;
  documents: Record<string, { paths: Record<string, unknown>; schemas: string[] }>;
}

export interface OpenAPIDocument {
  /** The JSON, as the API server writes it. */
  body: Uint8Array;
  /** Upper-case hex SHA-512 of the body: the `hash` of its URL in the index, and its ETag. */
  hash: string;
  /** The ETag header value, quoted. */
  etag: string;
  contentType: 'application/json';
}

const FILE = 'v3.json.gz';

/** Next to this module in the sources; from dist/kctl.cjs, in the sources beside dist/. */
function dataFile(): string {
  for (const rel of [`./${FILE}`, `../src/api/openapi/${FILE}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`cannot find the OpenAPI data file ${FILE}`);
}

let stored: Stored | undefined;
const built = new Map<string, OpenAPIDocument>();
let index: OpenAPIDocument | undefined;

function load(): Stored {
  stored ??= JSON.parse(gunzipSync(readFileSync(dataFile())).toString('utf8')) as Stored;
  return stored;
}

function document(json: string): OpenAPIDocument {
  const body = Buffer.from(json, 'utf8');
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: `"${hash}"`, contentType: 'application/json' };
}

/** `api/v1` from `/openapi/v3/api/v1?hash=…`, `/api/v1` or `api/v1`. */
function normalise(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/^\/?(openapi\/v3\/?)?/, '').replace(/^\/+|\/+$/g, '');
}

/** The paths the index lists, in its order. */
export function openapiV3Paths(): string[] {
  return Object.keys(load().documents).sort();
}

/** The document at `path` (`api/v1`, `apis/apps/v1`, or with the /openapi/v3/ prefix and a ?hash=), or undefined. */
export function openapiV3Document(path: string): OpenAPIDocument | undefined {
  const key = normalise(path);
  const cached = built.get(key);
  if (cached) return cached;
  const data = load();
  if (!Object.hasOwn(data.documents, key)) return undefined;
  const { paths, schemas } = data.documents[key];
  // Keys in sorted order, as the API server writes the document.
  const doc = {
    components: {
      schemas: Object.fromEntries(schemas.map((n) => [n, data.schemas[n]])),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
    info: data.info,
    openapi: '3.0.0',
    paths,
  };
  const out = document(JSON.stringify(doc));
  built.set(key, out);
  return out;
}

/** The index at /openapi/v3: each path with its serverRelativeURL, which carries the document's hash. */
export function openapiV3Index(): OpenAPIDocument {
  index ??= document(JSON.stringify({ paths: Object.fromEntries(openapiV3Paths().map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${openapiV3Document(p)!.hash}` }])) }));
  return index;
}

/** Every component schema, by name (io.k8s.api.apps.v1.Deployment), as the documents hold them. */
export function openapiV3Schemas(): Record<string, unknown> {
  return load().schemas;
}
