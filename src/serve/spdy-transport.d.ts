// The part of spdy-transport (which ships no types) that pods/portforward uses.
declare module 'spdy-transport' {
  import type { Duplex } from 'node:stream';
  import type { EventEmitter } from 'node:events';

  export interface SpdyStream extends Duplex {
    id: number;
    headers: Record<string, string>;
    respond(status: number, headers: Record<string, string>, callback?: (err?: Error) => void): void;
    abort(callback?: () => void): void;
  }

  export interface SpdyConnection extends EventEmitter {
    start(version: number): void;
    end(callback?: () => void): void;
    destroyStreams(err?: Error): void;
    on(event: 'stream', listener: (stream: SpdyStream) => void): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  const transport: {
    connection: { create(socket: Duplex, options: { protocol: 'spdy'; isServer: boolean; windowSize?: number }): SpdyConnection };
    protocol: { spdy: { parser: { create(options: object): object } } };
  };
  export default transport;
}
