// kctl's standard input as lines, for a container's process fed from it (exec -i, run -i): a
// line that has already arrived is taken at once, and waiting for the next is a promise, during
// which the caller can let go of the state lock (a pipe, like a person, may take its time).

export class StdinLines {
  private partial = '';
  private readonly lines: string[] = [];
  private ended = false;
  private wake?: () => void;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      this.lines.push(...parts);
      this.wake?.();
    });
    const end = () => {
      this.ended = true;
      this.wake?.();
    };
    stream.on('end', end);
    stream.on('error', end);
  }

  /** The next line if it has arrived, null once input has ended, undefined while it is awaited. */
  ready(): string | null | undefined {
    const line = this.lines.shift();
    if (line !== undefined) return line.replace(/\r$/, '');
    if (!this.ended) return undefined;
    const last = this.partial;
    this.partial = '';
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
