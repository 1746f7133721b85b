// Label selectors, as apimachinery's labels package and metav1's LabelSelector helpers.
// Parse errors carry the API server's text; kubectl shows it after
// `Error from server (BadRequest): Unable to find ... that match label selector ...: `.

import { compareGoStrings, goQuote } from '../printers/jsonpath.js';
import { goSort } from '../printers/sort.js';

export interface Selector {
  matches(labels: Record<string, string> | undefined): boolean;
  toString(): string;
  empty(): boolean;
}

type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class SelectorError extends Error {
  override name = 'SelectorError';
}

// ---------------------------------------------------------------------------
// Validation (apimachinery util/validation), with field.Error's formatting.

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) {
        errs.push(
          'prefix part ' +
            regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
              DNS1123_SUBDOMAIN_FMT,
              'example.com',
            ),
        );
      }
    }
  } else {
    return [
      'a qualified name ' +
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push('name part ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** field.Invalid(path, value, detail).Error(); a nil path prints as `<nil>`. */
function invalid(path: string, badValue: string, detail: string): string {
  return `${path}: Invalid value: ${badValue}: ${detail}`;
}

/** %#v of a []string, as field errors print a bad value list. */
function goStringSlice(vs: string[] | undefined): string {
  return vs === undefined ? '[]string(nil)' : `[]string{${vs.map(goQuote).join(', ')}}`;
}

/** An aggregate of errors prints alone when single, else bracketed and deduplicated. */
function aggregate(errs: string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

function keyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? undefined : invalid(path, goQuote(key), errs.join('; '));
}

/** labels.NewRequirement with no field path. */
function newRequirement(key: string, operator: Operator, values: string[] | undefined): Requirement {
  const errs: string[] = [];
  const k = keyError(key, 'key');
  if (k) errs.push(k);
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (!/^[+-]?[0-9]+$/.test(v) || BigInt(v) >= 2n ** 63n || BigInt(v) < -(2n ** 63n)) {
          errs.push(invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  vals.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), vErrs.join('; ')));
  });
  const message = aggregate(errs);
  if (message) throw new SelectorError(message);
  return { key, operator, values: vals };
}

// ---------------------------------------------------------------------------
// Selectors

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?[0-9]+$/.test(value!) || r.values.length !== 1) return false;
      const lv = BigInt(value!);
      const rv = BigInt(r.values[0]);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(',');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return '!' + r.key;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return r.key + r.operator + values;
  }
}

class RequirementsSelector implements Selector {
  constructor(private readonly requirements: Requirement[]) {}
  matches(labels: Record<string, string> | undefined): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels ?? {}));
  }
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
  empty(): boolean {
    return this.requirements.length === 0;
  }
}

/** labels.Nothing(): what a nil LabelSelector converts to. */
const NOTHING: Selector = {
  matches: () => false,
  toString: () => '',
  empty: () => false,
};

/** Sorts by key as the selector's Add and Parse do (Go's sort.Sort, so equal keys keep Go's order). */
function sortByKey(reqs: Requirement[]): Requirement[] {
  const out = reqs.slice();
  goSort({
    len: () => out.length,
    less: (i, j) => compareGoStrings(out[i].key, out[j].key) < 0,
    swap: (i, j) => ([out[i], out[j]] = [out[j], out[i]]),
  });
  return out;
}

// ---------------------------------------------------------------------------
// Parser (labels.Parse)

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

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector. A missing selector matches nothing and an empty one matches
 * everything: that is what controllers act on (a Deployment's or Job's absent selector selects no
 * pods), unlike a Service's, which selectorFromMap covers. Invalid selectors throw.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING;
  const labels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(labels).length + exprs.length === 0) return new RequirementsSelector([]);
  const reqs: Requirement[] = [];
  // Go walks matchLabels in random order; sorted keys give the same selector.
  for (const k of Object.keys(labels).sort(compareGoStrings)) reqs.push(newRequirement(k, '=', [labels[k]]));
  for (const e of exprs) {
    const op = OPERATORS[e.operator];
    if (!op) throw new SelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values === undefined ? undefined : [...e.values]));
  }
  return new RequirementsSelector(sortByKey(reqs));
}

/** labels.SelectorFromSet: a Service-style map, unvalidated; empty selects everything. */
export function selectorFromMap(m: Record<string, string> | undefined): Selector {
  const keys = Object.keys(m ?? {}).sort(compareGoStrings);
  return new RequirementsSelector(keys.map((k) => ({ key: k, operator: '=', values: [m![k]] })));
}

/** metav1.FormatLabelSelector: `<none>` when it selects by nothing, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when there are none. */
export function formatLabels(m?: Record<string, string>): string {
  const s = selectorFromMap(m).toString();
  return s === '' ? '<none>' : s;
}
