// Loops, case, pipelines and background jobs.
// Pipelines run their stages one after the other, each stage's output becoming the next one's
// input; every stage runs in a subshell, as in bash and dash.

import { stringInput } from '../program.js';
import type { Interp } from './interp.js';
import { Capture, LimitError } from './limits.js';
import type { Command, Stmt } from './nodes.js';
import { matchPattern } from './pattern.js';
import { BreakSignal, ContinueSignal, type Io } from './state.js';

/** Runs `body` while `next` says so; each iteration costs a step. */
export async function loop(sh: Interp, next: () => Promise<boolean>, body: Stmt[], io: Io): Promise<number> {
  let status = 0;
  sh.st.loops++;
  try {
    for (;;) {
      await sh.rt.budget.step();
      if (!(await next())) break;
      try {
        status = await sh.runStmts(body, io);
      } catch (e) {
        if (e instanceof BreakSignal) {
          if (e.levels > 1) throw new BreakSignal(e.levels - 1);
          status = 0;
          break;
        }
        if (!(e instanceof ContinueSignal)) throw e;
        if (e.levels > 1) throw new ContinueSignal(e.levels - 1);
      }
    }
  } finally {
    sh.st.loops--;
  }
  return status;
}

export async function runCase(sh: Interp, cmd: Extract<Command, { type: 'case' }>, io: Io): Promise<number> {
  const word = await sh.expand.string(cmd.word);
  let status = 0;
  let fallthrough = false;
  for (const item of cmd.items) {
    let matched = fallthrough;
    for (const pattern of item.patterns) {
      if (matched) break;
      matched = matchPattern(await sh.expand.pattern(pattern), word);
    }
    if (!matched) continue;
    status = await sh.runStmts(item.body, io);
    fallthrough = item.op === ';&';
    if (item.op === ';;') return status;
  }
  return status;
}

export async function pipeline(sh: Interp, cmd: Extract<Command, { type: 'binary' }>, io: Io): Promise<number> {
  const stages: { stmt: Stmt; withStderr: boolean }[] = [];
  const collect = (stmt: Stmt, withStderr: boolean): void => {
    const c = stmt.cmd;
    if (c?.type === 'binary' && (c.op === '|' || c.op === '|&') && !stmt.negated && stmt.redirs.length === 0) {
      collect(c.left, c.op === '|&');
      collect(c.right, withStderr);
    } else stages.push({ stmt, withStderr });
  };
  collect(cmd.left, cmd.op === '|&');
  collect(cmd.right, false);
  let stdin = io.stdin;
  let status = 0;
  let failed = 0;
  for (let i = 0; i < stages.length; i++) {
    const last = i === stages.length - 1;
    const capture = last ? null : new Capture(sh.rt.config.limits);
    const stageIo: Io = {
      stdin,
      stdout: capture ? capture.write : io.stdout,
      stderr: capture && stages[i].withStderr ? capture.write : io.stderr,
    };
    status = await sh.subshell((sub) => sub.runStmt(stages[i].stmt, stageIo));
    if (status !== 0) failed = status;
    if (capture?.overflowed) throw new LimitError('output', sh.rt.config.limits);
    if (capture) stdin = stringInput(capture.text());
  }
  return sh.st.options.pipefail && status === 0 ? failed : status;
}

/** `cmd &`: runs concurrently in a subshell with no input; at most maxJobs at once. */
export function background(sh: Interp, stmt: Stmt, io: Io): number {
  if (sh.rt.jobs.size >= sh.rt.config.limits.maxJobs) {
    sh.error(sh.rt.config.flavor === 'bash' ? 'fork: Resource temporarily unavailable' : 'Cannot fork', io);
    return 254;
  }
  const jobIo: Io = { ...io, stdin: stringInput('') };
  const job = sh.subshell((sub) => sub.runStmt({ ...stmt, background: false }, jobIo), jobIo).catch(() => 1);
  sh.rt.jobs.add(job);
  void job.finally(() => sh.rt.jobs.delete(job));
  sh.st.lastBackground = String(sh.rt.pid + sh.rt.jobs.size);
  return 0;
}
