// What kctl reads from files, devices, pipes and its own stdin, each read with a cap: /dev/zero
// or an endless pipe ends in a one-line refusal instead of filling memory.

import { readSync } from 'node:fs';
import { CliError } from './errors.js';

/**
 * The most kctl reads from one manifest source. A real API server takes at most 3 MiB per
 * request, and client-side apply keeps each object under the 256 KiB of its annotation, so
 * this leaves room for dozens of the largest objects in one file.
 */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/** The most stdin kctl passes to a container's process (exec -i, run -i, host). */
export const MAX_CONTAINER_STDIN = 8 * 1024 * 1024;

const MiB = 1024 * 1024;

/** Input past its cap; the reader stopped there. */
export class InputTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`input larger than ${limit} bytes`);
  }
}

export function manifestTooLarge(source: string, size?: number): CliError {
  const what = source === 'STDIN' ? 'STDIN' : `the file ${source}`;
  const known = size === undefined ? '' : ` (${(size / MiB).toFixed(1)} MiB)`;
  return new CliError(`${what} is too large${known}: kctl reads manifests of at most ${MAX_MANIFEST_BYTES / MiB} MiB`);
}

export function containerInputTooLarge(): CliError {
  return new CliError(`stdin is too large: kctl passes at most ${MAX_CONTAINER_STDIN / MiB} MiB of input to a container`);
}

/**
 * Reads an open file, device or pipe to its end, or throws InputTooLarge once more than
 * `limit` bytes came. Read errors are thrown as they come (EISDIR for a directory).
 */
export function readFdCapped(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      // A non-blocking pipe with nothing in it yet: wait a moment and go on.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) throw new InputTooLarge(limit);
  }
}

/** A stream read to its end as text, or InputTooLarge once more than `limit` bytes came. */
export function readStreamCapped(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (c: Buffer) => {
      total += c.length;
      if (total > limit) {
        stream.removeListener('data', onData);
        stream.pause();
        (stream as { destroy?: () => void }).destroy?.();
        reject(new InputTooLarge(limit));
        return;
      }
      chunks.push(c);
    };
    stream.on('data', onData);
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
