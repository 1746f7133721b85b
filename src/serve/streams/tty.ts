// The container's side of a terminal (exec -t, attach to a tty container): kubectl puts the
// local terminal in raw mode, so echo and line editing happen here, in the pty's canonical mode:
// Enter ends a line, Backspace and Ctrl-U erase, Ctrl-D at a line's start ends the input, Ctrl-C
// drops the line (the simulated processes take no signals, so the shell shows its prompt again).

const ERASE = '\b \b';

export class LineDiscipline {
  private line = '';
  private escape = 0;

  constructor(
    private readonly echo: (text: string) => void,
    private readonly emit: (line: string) => void,
    private readonly eof: () => void,
  ) {}

  input(text: string): void {
    let out = '';
    for (const ch of text) {
      // Cursor keys and the like (ESC [ … final byte) do nothing in canonical mode without readline.
      if (this.escape === 1) {
        this.escape = ch === '[' || ch === 'O' ? 2 : 0;
        continue;
      }
      if (this.escape === 2) {
        if (ch >= '@' && ch <= '~') this.escape = 0;
        continue;
      }
      if (ch === '\x1b') {
        this.escape = 1;
      } else if (ch === '\r' || ch === '\n') {
        out += '\r\n';
        this.flush(out);
        out = '';
        this.emit(this.take());
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          out += ERASE;
        }
      } else if (ch === '\x15') {
        out += ERASE.repeat([...this.line].length);
        this.line = '';
      } else if (ch === '\x03') {
        out += '^C\r\n';
        this.line = '';
        this.flush(out);
        out = '';
        this.emit('');
      } else if (ch === '\x04') {
        this.flush(out);
        out = '';
        if (this.line === '') return this.eof();
        this.emit(this.take());
      } else if (ch === '\t' || ch >= ' ') {
        this.line += ch;
        out += ch;
      }
    }
    this.flush(out);
  }

  private take(): string {
    const l = this.line;
    this.line = '';
    return l;
  }

  private flush(out: string): void {
    if (out) this.echo(out);
  }
}
