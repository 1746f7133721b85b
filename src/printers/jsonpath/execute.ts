// Evaluation

import { compareGoStrings, goJson, goSprint, goTypeName, isGoInt, isObject, sortedKeys } from '../../util/goformat.js';
import { Float64 } from '../../util/goformat.js';
import { JsonPathError, type JsonPathTemplate, type ListNode, type Node, type ParamsEntry } from './types.js';

export interface ExecuteOptions {
  allowMissingKeys?: boolean;
}

// Children in the order client-go visits them; Go's map order is random, sorted keys keep output stable.
function children(v: unknown): unknown[] {
  if (typeof v === 'string') return Array.from(new TextEncoder().encode(v));
  if (Array.isArray(v)) return v;
  if (isObject(v)) return sortedKeys(v).map((k) => v[k]);
  return [];
}

type Kind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: unknown): Kind {
  if (v instanceof Float64) return 'float';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return isGoInt(v) ? 'int' : 'float';
    case 'string':
      return 'string';
  }
  throw new JsonPathError('invalid type for comparison');
}

function numeric(v: unknown): number {
  return v instanceof Float64 ? v.value : (v as number);
}

// The comparison functions of client-go's fork of text/template.
function goEqual(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'int' || ka === 'float') return numeric(a) === numeric(b);
  return a === b;
}

function goLess(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'bool') throw new JsonPathError('invalid type for comparison');
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return numeric(a) < numeric(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

/** Whether an action opens or closes a range block. */
function blockMarker(node: Node): 'range' | 'end' | undefined {
  if (node.type !== 'list') return undefined;
  for (const n of node.nodes) {
    if (n.type === 'identifier' && (n.name === 'range' || n.name === 'end')) return n.name;
  }
  return undefined;
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  /**
   * Runs the top-level actions from `nodes` against `data`. Inside a range body, stops at the
   * block's `{end}`. After a range, evaluation resumes behind its matching `{end}`, or, when the
   * block is never closed, with the body's actions against the enclosing value.
   */
  run(nodes: Node[], data: unknown, inRange: boolean, out: unknown[][]): void {
    const cur = [data];
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i];
      const marker = blockMarker(node);
      const results = this.walk(cur, node);
      if (marker === 'end') {
        if (inRange) return;
        throw new JsonPathError('not in range, nothing to end');
      }
      if (marker === 'range') {
        const body = nodes.slice(i + 1);
        for (const value of results) this.run(body, value, true, out);
        const end = matchingEnd(nodes, i);
        i = end < 0 ? i + 1 : end + 1;
        continue;
      }
      out.push(results);
      i++;
    }
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new Float64(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'identifier':
        if (node.name === 'range') return input;
        if (node.name === 'end') return [];
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: unknown[], key: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isObject(v) && Object.prototype.hasOwnProperty.call(v, key)) results.push(v[key]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${key} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: [ParamsEntry, ParamsEntry, ParamsEntry]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += len;
      let end = params[1].known ? params[1].value : len;
      if (end < 0 || (end === 0 && params[1].derived)) end += len;
      // An empty selection ends the whole step, dropping any later inputs: client-go does the same.
      if (end === start) return result;
      if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: { left: ListNode; right: ListNode; operator: string }): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.operator === 'exists') {
          let lefts: unknown[] = [];
          try {
            lefts = this.walk([item], node.left);
          } catch {
            // A missing key means the element doesn't have the field.
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function matchingEnd(nodes: Node[], rangeIndex: number): number {
  let depth = 0;
  for (let j = rangeIndex + 1; j < nodes.length; j++) {
    const marker = blockMarker(nodes[j]);
    if (marker === 'range') depth++;
    else if (marker === 'end') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/**
 * Evaluates the template and returns the lists of results, one per action (and per range
 * iteration), as client-go's FindResults does.
 */
export function findJsonPathResults(t: JsonPathTemplate, data: unknown, opts: ExecuteOptions = {}): unknown[][] {
  const out: unknown[][] = [];
  new Evaluator(opts.allowMissingKeys ?? false).run(t.root.nodes, data, false, out);
  return out;
}

/** How `-o jsonpath` prints one value: maps and lists as JSON, scalars bare, JSON null as `null`. */
export function formatJsonPathValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !(v instanceof Float64)) return goJson(v);
  return goSprint(v);
}

export function executeJsonPath(t: JsonPathTemplate, data: unknown, opts: ExecuteOptions = {}): string {
  return findJsonPathResults(t, data, opts)
    .map((results) => results.map(formatJsonPathValue).join(' '))
    .join('');
}

/**
 * kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` and
 * `{.metadata.name}` all become `{.metadata.name}`.
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}
