// Diagnostics in the style of each shell: dash for `sh`, bash for `bash`, busybox for `ash`.
// The prefix is the shell's $0, as the real shells print it.

import type { SyntaxError } from './ast.js';

export type Flavor = 'sh' | 'bash' | 'ash';

/** How the shell got its commands: `-c`, a script file, or a terminal. */
export type SourceMode = 'c' | 'script' | 'interactive';

export class Messages {
  constructor(
    private readonly flavor: Flavor,
    private readonly mode: SourceMode,
  ) {}

  /** Prefix of a diagnostic raised while running line `line`. */
  prefix(arg0: string, line: number): string {
    if (this.flavor === 'sh') return `${arg0}: ${line}: `;
    return this.mode === 'script' ? `${arg0}: line ${line}: ` : `${arg0}: `;
  }

  notFound(arg0: string, line: number, name: string): string {
    // dash: `sh: 1: foo: not found`; busybox: `sh: foo: not found`; bash says `command not found`.
    if (this.flavor !== 'bash') return `${this.prefix(arg0, line)}${name}: not found\n`;
    const where = this.mode === 'script' ? this.prefix(arg0, line) : `${arg0}: `;
    return `${where}${name}: command not found\n`;
  }

  /** A builtin's failed write, after the prefix: dash reports EIO whatever the cause. */
  writeError(builtin: string, reason: string): string {
    return this.flavor === 'sh' ? `${builtin}: ${builtin}: I/O error` : this.flavor === 'bash' ? `${builtin}: write error: ${reason}` : `write error: ${reason}`;
  }

  syntax(arg0: string, error: SyntaxError, lineOffset = 0): string {
    const line = error.line + lineOffset;
    const token = unexpectedToken(error.text);
    const unclosed = /without closing quote (.)/.exec(error.text)?.[1];
    if (this.flavor === 'sh') {
      const what = unclosed ? 'Unterminated quoted string'
        : error.incomplete ? 'end of file unexpected'
        : token ? `"${token}" unexpected`
        : error.text;
      return `${arg0}: ${line}: Syntax error: ${what}\n`;
    }
    if (this.flavor === 'ash') {
      const what = unclosed ? 'unterminated quoted string'
        : error.incomplete ? 'unexpected end of file'
        : token ? `unexpected "${token}"`
        : error.text;
      return `${arg0}: syntax error: ${what}\n`;
    }
    const where = this.mode === 'c' ? `${arg0}: -c: line ${line}: ` : this.mode === 'script' ? `${arg0}: line ${line}: ` : `${arg0}: `;
    if (unclosed) {
      const quote = unclosed === "'" ? "'" : unclosed;
      return `${where}unexpected EOF while looking for matching \`${quote}'\n${where}syntax error: unexpected end of file\n`;
    }
    if (error.incomplete) return `${where}syntax error: unexpected end of file\n`;
    if (token) return `${where}syntax error near unexpected token \`${token}'\n`;
    return `${where}syntax error: ${error.text}\n`;
  }
}

/** The offending token in one of mvdan-sh's messages, when it names one. */
function unexpectedToken(text: string): string | null {
  const quoted = /^"([^"]+)" can only be used/.exec(text) ?? /^(\S+) can only be used/.exec(text);
  if (quoted) return quoted[1];
  const encountered = /encountered (\S+)$/.exec(text);
  if (encountered) return encountered[1];
  const stray = /^(\S+) is not a valid start for a statement/.exec(text) ?? /^not a valid .*: (\S+)$/.exec(text);
  return stray ? stray[1].replace(/^"|"$/g, '') : null;
}
