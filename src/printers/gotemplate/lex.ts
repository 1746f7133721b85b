// Go text/template's lexer: the same tokens, positions and error texts, so parse errors read as Go's.

import { KEYWORDS, quoteGo, runeU, T, type Item } from './tokens.js';

export { itemString, quoteGo, T, type Item } from './tokens.js';

const isSpace = (r: string) => r === ' ' || r === '\t' || r === '\r' || r === '\n';
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);

/** Tokens of a template, all at once (Go's lexer runs ahead of the parser the same way). */
export function lex(input: string, breakOK: boolean, continueOK: boolean): Item[] {
  const L = '{{';
  const R = '}}';
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let width = 0;
  const lineAt = (offset: number) => 1 + count(input.slice(0, offset), '\n');
  let parenDepth = 0;
  const EOF = '';
  const next = (): string => {
    if (pos >= input.length) {
      width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(input.codePointAt(pos)!);
    width = r.length;
    pos += width;
    return r;
  };
  const backup = () => {
    pos -= width;
  };
  const peek = () => {
    const r = next();
    backup();
    return r;
  };
  const emit = (typ: T) => {
    // Go counts the newlines inside text and delimiters after the item, and those of spaces before.
    const textual = typ === T.Text || typ === T.RawString || typ === T.LeftDelim || typ === T.RightDelim;
    items.push({ typ, pos: start, val: input.slice(start, pos), line: lineAt(textual ? start : pos) });
    start = pos;
  };
  const ignore = () => {
    start = pos;
  };
  const errorf = (msg: string) => {
    items.push({ typ: T.Error, pos: start, val: msg, line: lineAt(pos) });
    return null;
  };
  const accept = (valid: string) => {
    const r = next();
    if (r !== EOF && valid.includes(r)) return true;
    backup();
    return false;
  };
  const acceptRun = (valid: string) => {
    for (;;) {
      const r = next();
      if (r === EOF || !valid.includes(r)) break;
    }
    backup();
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (input.startsWith(R, pos)) return [true, false];
    if (input.startsWith(' -', pos) && input.startsWith(R, pos + 2)) return [true, true];
    return [false, false];
  };
  const atTerminator = () => {
    const r = peek();
    if (r === EOF || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return input.startsWith(R, pos);
  };
  const leftTrim = (s: string) => s.length - s.replace(/^[ \t\r\n]+/, '').length;

  type State = (() => State) | null;
  const lexText = (): State => {
    width = 0;
    const x = input.indexOf(L, pos);
    if (x >= 0) {
      pos = x;
      let trim = 0;
      if (input.startsWith('- ', pos + L.length)) {
        const s = input.slice(start, pos);
        trim = s.length - s.replace(/[ \t\r\n]+$/, '').length;
      }
      pos -= trim;
      if (pos > start) emit(T.Text);
      pos += trim;
      ignore();
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) emit(T.Text);
    emit(T.EOF);
    return null;
  };
  const lexLeftDelim = (): State => {
    pos += L.length;
    const trim = input.startsWith('- ', pos);
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment;
    }
    emit(T.LeftDelim);
    pos += after;
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };
  const lexComment = (): State => {
    pos += 2;
    const x = input.indexOf('*/', pos);
    if (x < 0) return errorf('unclosed comment');
    pos = x + 2;
    const [delim, trim] = atRightDelim();
    if (!delim) return errorf('comment ends before closing delimiter');
    if (trim) pos += 2;
    pos += R.length;
    if (trim) pos += leftTrim(input.slice(pos));
    ignore();
    return lexText;
  };
  const lexRightDelim = (): State => {
    const [, trim] = atRightDelim();
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += R.length;
    emit(T.RightDelim);
    if (trim) {
      pos += leftTrim(input.slice(pos));
      ignore();
    }
    return lexText;
  };
  const lexInsideAction = (): State => {
    const [delim] = atRightDelim();
    if (delim) {
      if (parenDepth === 0) return lexRightDelim;
      return errorf('unclosed left paren');
    }
    const r = next();
    if (r === EOF) return errorf('unclosed action');
    if (isSpace(r)) {
      backup();
      return lexSpace;
    }
    switch (r) {
      case '=':
        emit(T.Assign);
        return lexInsideAction;
      case ':':
        if (next() !== '=') return errorf('expected :=');
        emit(T.Declare);
        return lexInsideAction;
      case '|':
        emit(T.Pipe);
        return lexInsideAction;
      case '"':
        return lexQuote;
      case '`':
        return lexRawQuote;
      case '$':
        return lexVariable;
      case "'":
        return lexChar;
      case '(':
        emit(T.LeftParen);
        parenDepth++;
        return lexInsideAction;
      case ')':
        parenDepth--;
        if (parenDepth < 0) return errorf('unexpected right paren');
        emit(T.RightParen);
        return lexInsideAction;
    }
    if (r === '.' && pos < input.length && (input[pos] < '0' || input[pos] > '9')) return lexFieldOrVariable(T.Field);
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup();
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      backup();
      return lexIdentifier;
    }
    const c = r.codePointAt(0)!;
    if (c < 0x80 && c >= 0x20 && c !== 0x7f) {
      emit(T.Char);
      return lexInsideAction;
    }
    return errorf(`unrecognized character in action: ${runeU(r)}`);
  };
  const lexSpace = (): State => {
    let n = 0;
    while (isSpace(peek())) {
      next();
      n++;
    }
    if (input.startsWith(' -' + R, pos - 1)) {
      backup();
      if (n === 1) return lexRightDelim;
    }
    emit(T.Space);
    return lexInsideAction;
  };
  const lexIdentifier = (): State => {
    for (;;) {
      const r = next();
      if (r !== EOF && isAlphaNumeric(r)) continue;
      backup();
      const word = input.slice(start, pos);
      if (!atTerminator()) return errorf(`bad character ${runeU(r)}`);
      const key = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
      if (key !== undefined && key > T.Keyword) {
        if ((key === T.Break && !breakOK) || (key === T.Continue && !continueOK)) emit(T.Identifier);
        else emit(key);
      } else if (word === 'true' || word === 'false') emit(T.Bool);
      else emit(T.Identifier);
      return lexInsideAction;
    }
  };
  const lexVariable = (): State => {
    if (atTerminator()) {
      emit(T.Variable);
      return lexInsideAction;
    }
    return lexFieldOrVariable(T.Variable);
  };
  const lexFieldOrVariable = (typ: T): State => {
    if (atTerminator()) {
      emit(typ === T.Variable ? T.Variable : T.Dot);
      return lexInsideAction;
    }
    let r: string;
    for (;;) {
      r = next();
      if (r === EOF || !isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return errorf(`bad character ${runeU(r)}`);
    emit(typ);
    return lexInsideAction;
  };
  const lexChar = (): State => {
    for (;;) {
      const r = next();
      if (r === '\\') {
        const e = next();
        if (e !== EOF && e !== '\n') continue;
        return errorf('unterminated character constant');
      }
      if (r === EOF || r === '\n') return errorf('unterminated character constant');
      if (r === "'") break;
    }
    emit(T.CharConstant);
    return lexInsideAction;
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    const p = peek();
    if (p !== EOF && isAlphaNumeric(p)) {
      next();
      return false;
    }
    return true;
  };
  const lexNumber = (): State => {
    if (!scanNumber()) return errorf(`bad number syntax: ${quoteGo(input.slice(start, pos))}`);
    const sign = peek();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') return errorf(`bad number syntax: ${quoteGo(input.slice(start, pos))}`);
      emit(T.Complex);
    } else emit(T.Number);
    return lexInsideAction;
  };
  const lexQuote = (): State => {
    for (;;) {
      const r = next();
      if (r === '\\') {
        const e = next();
        if (e !== EOF && e !== '\n') continue;
        return errorf('unterminated quoted string');
      }
      if (r === EOF || r === '\n') return errorf('unterminated quoted string');
      if (r === '"') break;
    }
    emit(T.String);
    return lexInsideAction;
  };
  const lexRawQuote = (): State => {
    for (;;) {
      const r = next();
      if (r === EOF) return errorf('unterminated raw quoted string');
      if (r === '`') break;
    }
    emit(T.RawString);
    return lexInsideAction;
  };

  for (let state: State = lexText; state; ) state = state();
  return items;
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}
