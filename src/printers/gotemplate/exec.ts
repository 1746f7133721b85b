// text/template's executor over JSON data: the walk, pipelines, field chains, variables and
// calls, with Go's messages for what fails ("template: output:1:2: executing …").

import { sortedKeys } from '../../util/goformat.js';
import { BUILTINS, FuncError, truth, type Param } from './funcs.js';
import { sprint } from './fmt.js';
import type { BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode } from './nodes.js';
import { nodeString } from './nodes.js';
import { TemplateError, type TreeSet } from './parse.js';
import { box, Float64, Iface, indirect, isMap, isTrue, kindOf, typeName, unbox, type Concrete, type Value } from './value.js';

/** The pipeline's previous value when there is none (Go's missingVal). */
const MISSING = Symbol('missing');
type Final = Value | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

export interface ExecOptions {
  /** missingkey=error: a missing map key fails instead of printing <no value>. */
  missingKeyError?: boolean;
}

export function execute(set: TreeSet, name: string, text: string, data: unknown, o: ExecOptions = {}): string {
  const root = set.get(name);
  const s = new State(set, name, text, o);
  if (!root) s.errorf(`${JSON.stringify(name)} is an incomplete or empty template`);
  try {
    s.walk(data as Value, root!);
  } catch (e) {
    if (e instanceof TemplateError) e.partial = s.out;
    throw e;
  }
  return s.out;
}

class State {
  out = '';
  node: Node | undefined;
  vars: { name: string; value: Value }[];
  depth = 0;

  constructor(
    private readonly set: TreeSet,
    private name: string,
    private readonly text: string,
    private readonly o: ExecOptions,
  ) {
    this.vars = [];
  }

  errorf(msg: string): never {
    if (!this.node) throw new TemplateError(`template: ${this.name}: ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1));
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new TemplateError(`template: output:${line}:${col}: executing ${JSON.stringify(this.name)} at <${nodeString(this.node)}>: ${msg}`);
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }
  private setVar(name: string, value: Value) {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Value, node: Node): void {
    if (this.vars.length === 0) this.vars.push({ name: '$', value: dot });
    this.node = node;
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (!node.pipe.decl.length) this.printValue(node, val);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkIfOrWith(node: BranchNode, dot: Value) {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const [t, ok] = isTrue(unbox(val));
      if (!ok) this.errorf(`if/with can't use ${sprint([val as Concrete])}`);
      if (t) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: Value, r: BranchNode) {
    this.node = r;
    const mark0 = this.vars.length;
    try {
      const [val] = indirect(this.evalPipeline(dot, r.pipe));
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: Value, elem: Value) => {
        if (decl.length) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1].value = elem;
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.vars[this.vars.length - 2].value = index;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let looped = false;
      try {
        if (Array.isArray(val)) {
          val.forEach((e, i) => one(BigInt(i), box(e)));
          looped = val.length > 0;
        } else if (isMap(val)) {
          const keys = sortedKeys(val);
          for (const k of keys) one(k, box(val[k]));
          looped = keys.length > 0;
        } else if (val !== undefined) {
          this.errorf(`range can't iterate over ${sprint([unbox(val) as Concrete])}`);
        }
      } catch (e) {
        if (!(e instanceof BreakSignal)) throw e;
        return;
      }
      if (!looped && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = mark0;
    }
  }

  private walkTemplate(dot: Value, t: Extract<Node, { type: 'template' }>) {
    this.node = t;
    const root = this.set.get(t.name);
    if (!root) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= 100000) this.errorf('exceeded maximum template depth (100000)');
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value: newDot }];
    this.name = t.name;
    this.depth++;
    try {
      this.walk(newDot, root!);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.name = saved.name;
    }
  }

  private evalPipeline(dot: Value, pipe: PipeNode | undefined): Value {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value instanceof Iface) value = unbox(value);
    }
    const v = value as Value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v);
      else this.vars.push({ name: d.ident[0], value: v });
    }
    return v;
  }

  private notAFunction(args: Node[], final: Final) {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): Value {
    this.node = c;
    if (c.isFloat && !/^[+-]?0[xX]/.test(c.text) && !c.text.startsWith("'") && /[.eEpP]/.test(c.text)) return new Float64(c.float);
    if (c.isInt) return c.int;
    return undefined;
  }

  private evalFieldNode(dot: Value, field: Extract<Node, { type: 'field' }>, args: Node[], final: Final): Value {
    this.node = field;
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: Value, chain: Extract<Node, { type: 'chain' }>, args: Node[], final: Final): Value {
    this.node = chain;
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: Value, v: Extract<Node, { type: 'variable' }>, args: Node[], final: Final): Value {
    this.node = v;
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Value, receiver: Value, node: Node, ident: string[], args: Node[], final: Final): Value {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(ident[i], node, [], MISSING, receiver);
    return this.evalField(ident[ident.length - 1], node, args, final, receiver);
  }

  private evalField(name: string, node: Node, args: Node[], final: Final, receiver: Value): Value {
    if (receiver === undefined) {
      if (this.o.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    const typ = typeName(receiver);
    const [r, isNil] = indirect(receiver);
    if (isNil) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isMap(r)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (Object.hasOwn(r, name)) return box(r[name]);
      if (this.o.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(dot: Value, node: Extract<Node, { type: 'identifier' }>, cmd: Node, args: Node[] | undefined, final: Final): Value {
    this.node = node;
    const name = node.ident;
    if (!Object.hasOwn(BUILTINS, name)) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    const fn = BUILTINS[name];
    const given = args ? args.slice(1) : [];
    const numIn = given.length + (final !== MISSING ? 1 : 0);
    const numFixed = fn.variadic ? fn.params.length : given.length;
    if (fn.variadic) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${given.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);

    if (name === 'and' || name === 'or') {
      let v: Value = undefined;
      for (const a of given) {
        v = this.evalArg(dot, 'value', a);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: Value[] = [];
    let i = 0;
    for (; i < numFixed && i < given.length; i++) argv.push(this.evalArg(dot, fn.params[i], given[i]));
    for (; i < given.length; i++) argv.push(this.evalArg(dot, fn.variadic!, given[i]));
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 >= numFixed ? fn.variadic : fn.params[numIn - 1];
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.node = cmd;
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  /** validateType: what a function receives for a parameter of this type. */
  private validateType(value: Value, typ: Param | undefined): Value {
    if (value === undefined) {
      if (typ === 'string') this.errorf('invalid value; expected string');
      return typ === 'any' ? null : undefined;
    }
    if (typ === 'any') return value instanceof Iface ? value.v : value;
    if (typ === 'string') {
      const inner = value instanceof Iface && value.v !== null ? value.v : value;
      if (typeof inner !== 'string') this.errorf(`wrong type for value; expected string; got ${typeName(inner)}`);
      return inner;
    }
    return value;
  }

  private evalArg(dot: Value, typ: Param | undefined, n: Node): Value {
    this.node = n;
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'string') this.errorf('cannot assign nil to string');
        return typ === 'any' ? null : undefined;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    if (typ === 'string') {
      if (n.type === 'string') return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: Value) {
    this.node = n;
    if (v === undefined) {
      this.out += '<no value>';
      return;
    }
    if (kindOf(v) === 'interface') v = (v as Iface).v;
    this.out += sprint([v as Concrete]);
  }
}

export type { ListNode };
