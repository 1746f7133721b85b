// The client side of a connection: names resolved as getaddrinfo does, each address tried in
// turn (as curl and nginx do), and the request handed to whatever answers.

import { isIPv4 } from '../util/ip.js';
import { dial, type Dial } from '../networking/network.js';
import type { HttpRequest } from '../networking/http.js';
import type { ConnectError, Listener, Peer } from '../networking/types.js';
import type { Machine } from './machine.js';
import type { FetchResult } from './servers/types.js';

/** How long a connection attempt to an address that never answers takes to fail. */
export const SYN_TIMEOUT_MS = 127_000;

export function resolveHost(from: Machine, host: string): string[] {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return [bare];
  if (bare === 'localhost') return ['127.0.0.1'];
  return from.lookup(bare).addresses;
}

export type Connection = { ok: true; address: string; listener: Listener; peer: Peer } | { ok: false; address: string; error: ConnectError };

/**
 * Connects to the first address that accepts. A dropped connection costs `timeoutMs` of
 * simulated time; if that runs past the run's deadline the attempt ends there.
 */
export async function connect(from: Machine, addresses: string[], port: number, timeoutMs = SYN_TIMEOUT_MS): Promise<Connection> {
  let last: Connection = { ok: false, address: addresses[0] ?? '', error: 'unreachable' };
  for (const address of addresses) {
    const d: Dial = dial(from, address, port);
    if (d.ok) return { ok: true, address, listener: d.listener, peer: d.peer };
    last = { ok: false, address, error: d.error };
    if (d.error === 'timeout') await from.world.clock.sleep(timeoutMs);
    else if (d.error === 'unreachable') await from.world.clock.sleep(3000);
    if (from.world.clock.expired) break;
  }
  return last;
}

/** A request from a server to another (proxy_pass); nginx gives up connecting after 60 s. */
export async function fetchFrom(from: Machine, host: string, port: number, req: HttpRequest): Promise<FetchResult> {
  const addresses = resolveHost(from, host);
  if (addresses.length === 0) return { ok: false, error: 'unreachable' };
  const c = await connect(from, addresses, port, 60_000);
  if (!c.ok) return { ok: false, error: c.error };
  return { ok: true, response: await c.listener.serve(req, c.peer) };
}
