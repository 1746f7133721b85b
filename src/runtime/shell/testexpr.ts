// bash's [[ … ]]: like test, but without word splitting or globbing, with pattern matching
// on the right of = / == / != and regular expressions with =~.

import { Regex, RegexError } from '../coreutils/regex.js';
import { binaryTest, TestError, unaryTest, type TestEnv } from '../coreutils/test.js';
import type { Interp } from './interp.js';
import type { TestExpr } from './nodes.js';
import { matchPattern } from './pattern.js';

/** Status of the expression: 0 true, 1 false, 2 error. */
export async function evalTestExpr(sh: Interp, expr: TestExpr): Promise<number> {
  const env: TestEnv = { fs: sh.rt.fs, cwd: sh.st.cwd, isSet: (name) => sh.getVar(name) !== undefined };
  const text = async (e: TestExpr): Promise<string> =>
    e.type === 'word' ? sh.expand.string(e.word) : (await evalTestExpr(sh, e)) === 0 ? '1' : '';
  switch (expr.type) {
    case 'word':
      return (await text(expr)) !== '' ? 0 : 1;
    case 'unary': {
      if (expr.op !== '!') return unaryTest(expr.op, await text(expr.operand), env) ? 0 : 1;
      const status = await evalTestExpr(sh, expr.operand);
      return status === 2 ? 2 : 1 - status;
    }
    case 'binary': {
      if (expr.op === '&&' || expr.op === '||') {
        const left = await evalTestExpr(sh, expr.left);
        if (left === 2 || (left === 0) === (expr.op === '||')) return left;
        return evalTestExpr(sh, expr.right);
      }
      const left = await text(expr.left);
      if (expr.op === '=' || expr.op === '==' || expr.op === '!=') {
        const pattern = expr.right.type === 'word' ? await sh.expand.pattern(expr.right.word) : await text(expr.right);
        return matchPattern(pattern, left) === (expr.op !== '!=') ? 0 : 1;
      }
      const right = await text(expr.right);
      if (expr.op === '=~') {
        try {
          return new Regex(right, { extended: true }).test(left) ? 0 : 1;
        } catch (e) {
          if (e instanceof RegexError) return 2;
          throw e;
        }
      }
      try {
        return binaryTest(expr.op, left, right, env) ? 0 : 1;
      } catch (e) {
        if (!(e instanceof TestError)) throw e;
        sh.error(e.message);
        return 2;
      }
    }
  }
}
