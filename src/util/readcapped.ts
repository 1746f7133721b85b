// Reading files, devices, pipes and streams with a cap: /dev/zero or an endless pipe ends in
// InputTooLarge once the cap is passed instead of filling memory.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Input past its cap; the reader stopped there. */
export class InputTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`input larger than ${limit} bytes`);
  }
}

/**
 * Reads an open file, device or pipe to its end, or throws InputTooLarge once more than
 * `limit` bytes came. Read errors are thrown as they come (EISDIR for a directory).
 */
export function readFdCapped(fd: number, limit: number): Buffer {
  // A regular file says its size; devices and pipes are found out by reading.
  const st = fstatSync(fd);
  if (st.isFile() && st.size > limit) throw new InputTooLarge(limit);
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

/** A file, device or named pipe read as text, at most `limit` bytes (InputTooLarge past it). */
export function readFileCapped(path: string, limit: number): string {
  const fd = openSync(path, 'r');
  try {
    return readFdCapped(fd, limit).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * A stream's bytes to its end, or InputTooLarge once more than `limit` bytes came; then the
 * stream is left paused with the rest unread, for the caller to close or drain.
 */
export function readBytesCapped(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (c: Buffer) => {
      total += c.length;
      if (total > limit) {
        stream.removeListener('data', onData);
        stream.pause();
        reject(new InputTooLarge(limit));
        return;
      }
      chunks.push(c);
    };
    stream.on('data', onData);
    stream.on('end', () => resolve(Buffer.concat(chunks, total)));
    stream.on('error', reject);
  });
}

/** A stream read to its end as text, or InputTooLarge once more than `limit` bytes came (the stream is then destroyed). */
export async function readStreamCapped(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  try {
    return (await readBytesCapped(stream, limit)).toString('utf8');
  } catch (e) {
    if (e instanceof InputTooLarge) (stream as { destroy?: () => void }).destroy?.();
    throw e;
  }
}
