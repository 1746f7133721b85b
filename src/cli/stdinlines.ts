// kctl's standard input as lines, for a container's process fed from it (exec -i, run -i): a
// line that has already arrived is taken at once, and waiting for the next is a promise, during
// which the caller can let go of the state lock (a pipe, like a person, may take its time).
// Reading stops at a cap, so /dev/zero (one endless line) or a pipe nobody drains stays bounded.

import { InputTooLarge } from '../util/readcapped.js';
import { MAX_CONTAINER_STDIN } from './input.js';

export class StdinLines {
  /** Text that arrived and was not taken yet, as it came: lines are cut out only when asked for. */
  private readonly chunks: string[] = [];
  /** Where the untaken text starts in chunks[0]. */
  private pos = 0;
  /** chunks before this index hold no newline past pos (a long line is not scanned again). */
  private scanned = 0;
  private ended = false;
  private received = 0;
  /** More than the cap came: what was past it (and the line it cut) is not passed on. */
  private tooLarge = false;
  private wake?: () => void;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly limit = MAX_CONTAINER_STDIN,
  ) {
    stream.setEncoding('utf8');
    const end = () => {
      this.ended = true;
      this.wake?.();
    };
    const onData = (chunk: string) => {
      this.received += Buffer.byteLength(chunk);
      if (this.received > this.limit) {
        this.tooLarge = true;
        stream.removeListener('data', onData);
        stream.pause();
        (stream as { destroy?: () => void }).destroy?.();
        end();
        return;
      }
      if (chunk) this.chunks.push(chunk);
      this.wake?.();
    };
    stream.on('data', onData);
    stream.on('end', end);
    stream.on('error', end);
  }

  /** Cuts the next line (without its newline) out of the chunks, or undefined when none is whole. */
  private takeLine(): string | undefined {
    for (let i = this.scanned; i < this.chunks.length; i++) {
      const at = this.chunks[i].indexOf('\n', i === 0 ? this.pos : 0);
      if (at < 0) continue;
      const parts = [this.chunks[0].slice(this.pos, i === 0 ? at : undefined), ...this.chunks.slice(1, i)];
      if (i > 0) parts.push(this.chunks[i].slice(0, at));
      this.chunks.splice(0, i);
      this.pos = at + 1;
      this.scanned = 0;
      if (this.pos === this.chunks[0].length) {
        this.chunks.shift();
        this.pos = 0;
      }
      return parts.join('');
    }
    this.scanned = this.chunks.length;
    return undefined;
  }

  /**
   * The next line if it has arrived, null once input has ended, undefined while it is awaited;
   * InputTooLarge once the lines within the cap are taken and more had come.
   */
  ready(): string | null | undefined {
    const line = this.takeLine();
    if (line !== undefined) return line.replace(/\r$/, '');
    if (!this.ended) return undefined;
    if (this.tooLarge) throw new InputTooLarge(this.limit);
    const last = this.chunks.join('').slice(this.pos);
    this.chunks.length = 0;
    this.pos = 0;
    return last ? last.replace(/\r$/, '') : null;
  }

  async next(): Promise<string | null> {
    for (;;) {
      const line = this.ready();
      if (line !== undefined) return line;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  close(): void {
    this.stream.pause();
  }
}
