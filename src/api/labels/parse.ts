// Parser (labels.Parse)

import { compareGoStrings } from '../../util/goformat.js';
import { RequirementsSelector, sortByKey } from './selector.js';
import { SelectorError, type Operator, type Requirement, type Selector } from './types.js';
import { keyError, newRequirement } from './validation.js';

type Token =
  | 'error'
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

const LITERAL_TOKENS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

interface Item {
  tok: Token;
  lit: string;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== '';

function lex(s: string): Item[] {
  // The lexer reads bytes; working on UTF-8 keeps positions and literals the same.
  const bytes = Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b));
  const decode = (chars: string[]) => new TextDecoder().decode(Uint8Array.from(chars, (c) => c.charCodeAt(0)));
  let pos = 0;
  const items: Item[] = [];
  for (;;) {
    while (pos < bytes.length && isWhitespace(bytes[pos])) pos++;
    if (pos >= bytes.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    const buf: string[] = [];
    if (isSpecial(bytes[pos])) {
      let last: Item | undefined;
      while (pos < bytes.length && isSpecial(bytes[pos])) {
        buf.push(bytes[pos]);
        const tok = LITERAL_TOKENS[buf.join('')];
        if (tok) {
          last = { tok, lit: buf.join('') };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${decode(buf)}'` });
    } else {
      while (pos < bytes.length && !isSpecial(bytes[pos]) && !isWhitespace(bytes[pos])) buf.push(bytes[pos++]);
      const lit = decode(buf);
      items.push({ tok: LITERAL_TOKENS[lit] === 'in' || LITERAL_TOKENS[lit] === 'notin' ? LITERAL_TOKENS[lit] : 'identifier', lit });
    }
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  // In value context `in` and `notin` are plain identifiers.
  private lookahead(values: boolean): Item {
    return this.asContext(this.items[this.position], values);
  }

  private consume(values: boolean): Item {
    return this.asContext(this.items[this.position++], values);
  }

  private asContext(item: Item, values: boolean): Item {
    if (values && (item.tok === 'in' || item.tok === 'notin')) return { tok: 'identifier', lit: item.lit };
    return item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'identifier' || tok === '!') {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const next = this.consume(true);
        if (next.tok === 'eos') return reqs;
        if (next.tok === ',') {
          const after = this.lookahead(true);
          if (after.tok !== 'identifier' && after.tok !== '!') {
            throw new SelectorError(`found '${after.lit}', expected: identifier after ','`);
          }
          continue;
        }
        throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'eos') return reqs;
      throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private parseRequirement(): Requirement {
    let operator: Operator | undefined;
    let item = this.consume(true);
    if (item.tok === '!') {
      operator = '!';
      item = this.consume(true);
    }
    if (item.tok !== 'identifier') throw new Error(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const kErr = keyError(key, '<nil>');
    if (kErr) throw new Error(kErr);
    // `!key` never takes an operator; whatever follows it is left for the caller to reject.
    if (operator === '!') return newRequirement(key, '!', []);
    const next = this.lookahead(true).tok;
    if (next === 'eos' || next === ',') return newRequirement(key, 'exists', []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(compareGoStrings));
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
    }
    throw new Error(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'identifier' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'identifier') {
        s.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          s.add('');
          return s;
        }
        if (next === ',') s.add('');
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).tok;
    if (next === 'eos' || next === ',') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'identifier') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, joined by commas. */
export function parseSelector(s: string): Selector {
  return new RequirementsSelector(sortByKey(new Parser(lex(s)).parse()));
}

/**
 * The selector a command with repeated `-l` flags uses. `-l` is a plain string flag in kubectl,
 * so the last one given wins; none selects everything.
 */
export function parseSelectors(list: string[]): Selector {
  return parseSelector(list.length === 0 ? '' : list[list.length - 1]);
}
