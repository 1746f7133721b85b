// The contract between the network and the servers that run in containers. A server is a
// plain function from a request (and the container it runs in) to a response.

import type { Cluster } from '../../cluster/cluster.js';
import type { HttpRequest, HttpResponse } from '../../networking/http.js';
import type { ConnectError, Peer } from '../../networking/types.js';
import type { VirtualFS } from '../fs.js';
import type { ServerSpec } from '../images/types.js';


export type FetchResult = { ok: true; response: HttpResponse } | { ok: false; error: ConnectError };

/** The container a server runs in, as the server sees it. */
export interface ServerHost {
  readonly fs: VirtualFS;
  readonly env: Map<string, string>;
  readonly hostname: string;
  /** The pod's IP. */
  readonly ip: string;
  readonly cluster: Cluster;
  /** Appends a line to the container's log (what the process writes to stdout). */
  log(line: string): void;
  /** Simulated time in milliseconds. */
  now(): number;
  /** Sends a request from this container to host:port (a name, or an IP), as a proxy does. */
  fetch(host: string, port: number, req: HttpRequest): Promise<FetchResult>;
}


export interface ServerContext {
  spec: ServerSpec;
  host: ServerHost;
  peer: Peer;
}

export interface ServerKind {
  handle(req: HttpRequest, ctx: ServerContext): Promise<HttpResponse> | HttpResponse;
  /** Access-log line per request (placeholders in accesslog.ts); none when absent. */
  accessLog?: string;
}
