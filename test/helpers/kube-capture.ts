// A minimal API server for real kubectl: legacy discovery of the resources kctl serves, and a
// record of every request. Writes are answered 201 with the name and kind sent, which is all
// kubectl needs to print `deployment.apps/x created`. Each run gets its own HOME and cache
// directory, so nothing comes from an earlier discovery cache.

import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtobufObject, PROTOBUF_CONTENT_TYPE } from '../../src/api/protobuf/index.js';
import { RESOURCES } from '../../src/api/scheme.js';
import { runProcess, type Result } from './kctl.js';

export interface Captured {
  method: string;
  url: string;
  contentType: string;
  accept: string;
  body: Buffer;
}

/** Extra resources kubectl's typed clients write to, beyond the served kinds. */
const EXTRA: { group: string; version: string; name: string; kind: string; namespaced: boolean; verbs: string[] }[] = [
  { group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
  { group: '', version: 'v1', name: 'serviceaccounts/token', kind: 'TokenRequest', namespaced: true, verbs: ['create'] },
];

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function groupVersions(): Map<string, object[]> {
  const byGV = new Map<string, object[]>();
  const add = (gv: string, r: object) => byGV.set(gv, [...(byGV.get(gv) ?? []), r]);
  for (const r of RESOURCES) {
    const gv = r.group ? `${r.group}/${r.version}` : r.version;
    add(gv, { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: ALL_VERBS, shortNames: r.shortNames });
  }
  for (const r of EXTRA) add(r.group ? `${r.group}/${r.version}` : r.version, { name: r.name, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: r.verbs });
  return byGV;
}

export class CaptureServer {
  readonly requests: Captured[] = [];
  private server: Server;
  private gvs = groupVersions();
  /** Overrides the answer to a write: return [status, JSON body]. */
  answer?: (req: Captured) => [number, unknown] | undefined;
  /** Answers other GETs (/openapi/v3…): [status, body, content type]. */
  serve?: (path: string) => [number, Uint8Array, string] | undefined;

  constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: Captured = {
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        accept: req.headers.accept ?? '',
        body: Buffer.concat(chunks),
      };
      this.requests.push(captured);
      const served = req.method === 'GET' ? this.serve?.(captured.url) : undefined;
      if (served) {
        res.writeHead(served[0], { 'Content-Type': served[2] });
        res.end(served[1]);
        return;
      }
      const [status, body] = this.route(captured);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  private route(req: Captured): [number, unknown] {
    const path = req.url.replace(/\?.*/, '');
    if (req.method === 'GET') {
      if (path === '/version') return [200, { major: '1', minor: '32', gitVersion: 'v1.32.3' }];
      if (path === '/api') return [200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }];
      if (path === '/apis') {
        const groups = new Map<string, string[]>();
        for (const gv of this.gvs.keys()) if (gv.includes('/')) groups.set(gv.split('/')[0], [...(groups.get(gv.split('/')[0]) ?? []), gv]);
        return [
          200,
          {
            kind: 'APIGroupList',
            apiVersion: 'v1',
            groups: [...groups].map(([name, versions]) => ({
              name,
              versions: versions.map((gv) => ({ groupVersion: gv, version: gv.split('/')[1] })),
              preferredVersion: { groupVersion: versions[0], version: versions[0].split('/')[1] },
            })),
          },
        ];
      }
      const gv = path === '/api/v1' ? 'v1' : path.startsWith('/apis/') ? path.slice('/apis/'.length) : undefined;
      if (gv && this.gvs.has(gv)) return [200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: this.gvs.get(gv) }];
      return [404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' }];
    }
    const custom = this.answer?.(req);
    if (custom) return custom;
    // The object back, as an API server answers a create (JSON is always acceptable to kubectl).
    try {
      const obj = req.contentType.startsWith(PROTOBUF_CONTENT_TYPE) ? decodeProtobufObject(req.body) : JSON.parse(req.body.toString('utf8'));
      return [201, obj];
    } catch (e) {
      return [400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400, message: String(e) }];
    }
  }
}

/** Runs kubectl against a server with a fresh HOME and cache. */
export async function runKubectl(kubectl: string, server: string, args: string[]): Promise<Result> {
  const home = mkdtempSync(join(tmpdir(), 'kctl-kubectl-'));
  try {
    return await runProcess(kubectl, [`--server=${server}`, `--cache-dir=${join(home, 'cache')}`, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: join(home, 'none') },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
