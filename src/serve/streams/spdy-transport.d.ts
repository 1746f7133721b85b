// spdy-transport ships without types: what spdy.ts uses of it.
declare module 'spdy-transport' {
  import type { Duplex } from 'node:stream';

  export interface SpdyStream extends Duplex {
    headers: Record<string, string>;
    respond(status: number, headers: Record<string, string>, callback?: (err?: Error) => void): void;
    abort(): void;
  }

  export interface SpdyConnection {
    start(version: number): void;
    on(event: 'stream', listener: (stream: SpdyStream) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    end(callback?: () => void): void;
    _spdyState: { parser: { parseKVs(buffer: unknown, callback: (err: Error | null, headers?: Record<string, string>) => void): void } };
  }

  const transport: {
    connection: { create(socket: Duplex, options: { protocol: 'spdy'; isServer: boolean }): SpdyConnection };
  };
  export default transport;
}
