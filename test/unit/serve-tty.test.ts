// The container's side of a terminal for exec -t and attach through kctl serve: echo, line
// editing and the end of input as a pty in canonical mode gives them.

import { describe, expect, it } from 'vitest';
import { LineDiscipline } from '../../src/serve/streams/tty.js';

function terminal() {
  const t = { echo: '', lines: [] as string[], eof: false };
  const d = new LineDiscipline((e) => (t.echo += e), (l) => t.lines.push(l), () => (t.eof = true));
  return { t, d };
}

describe('LineDiscipline', () => {
  it('echoes what is typed, ends a line at CR or LF, and echoes CR LF', () => {
    const { t, d } = terminal();
    d.input('echo hi\r');
    d.input('ls\n');
    expect(t.lines).toEqual(['echo hi', 'ls']);
    expect(t.echo).toBe('echo hi\r\nls\r\n');
  });

  it('erases with Backspace/DEL and Ctrl-U, and drops cursor keys', () => {
    const { t, d } = terminal();
    d.input('ecko\x7f\x7fho\x1b[A\x1b[D ok\r');
    d.input('junk\x15pwd\r');
    expect(t.lines).toEqual(['echo ok', 'pwd']);
    expect(t.echo).toBe('ecko\b \b\b \bho ok\r\njunk' + '\b \b'.repeat(4) + 'pwd\r\n');
  });

  it('Ctrl-C drops the line; Ctrl-D ends the input only at the start of a line', () => {
    const { t, d } = terminal();
    d.input('sleep 10\x03');
    d.input('abc\x04');
    expect(t.eof).toBe(false);
    d.input('\x04');
    expect(t.lines).toEqual(['', 'abc']);
    expect(t.echo).toBe('sleep 10^C\r\nabc');
    expect(t.eof).toBe(true);
  });
});
