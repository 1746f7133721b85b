// kubectl wait: waits, object by object, until a condition holds (`--for=condition=Ready`,
// `--for=jsonpath='{.status.phase}'=Running`, `--for=create`), or until the object is gone
// (`--for=delete`), watching the state file for what other kctl processes change, up to --timeout.

import type { Command } from 'commander';
import { kindPrefix, type ResourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import { findJsonPathResults, JsonPathError, parseJsonPath, relaxedJsonPathExpression } from '../../printers/jsonpath/index.js';
import { StateReadCache } from '../../cluster/access.js';
import { ChangeFeed } from '../../store/changefeed.js';
import { goDuration } from '../../util/duration.js';
import { CliError } from '../errors.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../resources.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { repeatable, selectorOption } from './flags.js';
import { readManifests } from './manifests.js';
import { select } from './get.js';

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; status: string }
  | { kind: 'jsonpath'; expr: string; value?: string };

/** --for as kubectl parses it (wait.go conditionFuncFor). */
export function parseCondition(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const [type, status = 'true'] = text.slice('condition='.length).split('=', 2);
    return { kind: 'condition', type, status };
  }
  if (lower.startsWith('jsonpath=')) {
    const input = text.slice('jsonpath='.length);
    // The value follows the first `=` after the expression (`{.a.b}=x`).
    const close = input.startsWith('{') ? input.indexOf('}') : -1;
    const eq = input.indexOf('=', close < 0 ? 0 : close);
    const rawExpr = eq < 0 ? input : input.slice(0, eq);
    let expr: string;
    try {
      expr = relaxedJsonPathExpression(rawExpr);
      parseJsonPath(expr);
    } catch (e) {
      if (e instanceof JsonPathError) throw new CliError(e.message);
      throw e;
    }
    if (eq < 0) return { kind: 'jsonpath', expr };
    const value = input.slice(eq + 1).replace(/^['"]+|['"]+$/g, '');
    if (value === '') throw new CliError('jsonpath wait has to have a value after equal sign');
    return { kind: 'jsonpath', expr, value };
  }
  throw new CliError(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** The observedGeneration a condition speaks for: its own, else the status's. */
function observedGeneration(obj: KObject, condition: Record<string, unknown>): number | undefined {
  const own = condition.observedGeneration;
  if (typeof own === 'number') return own;
  const status = (obj as { status?: { observedGeneration?: unknown } }).status;
  return typeof status?.observedGeneration === 'number' ? status.observedGeneration : undefined;
}

/** Whether an existing object meets the condition (wait.go ConditionalWait and JSONPathWait). */
function met(c: Condition, obj: KObject): boolean {
  if (c.kind === 'create') return true;
  if (c.kind === 'delete') return false;
  if (c.kind === 'condition') {
    const conditions = (obj as { status?: { conditions?: unknown } }).status?.conditions;
    if (!Array.isArray(conditions)) return false;
    for (const cond of conditions as Record<string, unknown>[]) {
      if (typeof cond?.type !== 'string' || cond.type.toLowerCase() !== c.type.toLowerCase() || typeof cond.status !== 'string') continue;
      const generation = obj.metadata.generation;
      const observed = observedGeneration(obj, cond);
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return cond.status.toLowerCase() === c.status.toLowerCase();
    }
    return false;
  }
  const results = findJsonPathResults(parseJsonPath(c.expr), obj, { allowMissingKeys: true });
  if (!results.length || !results[0].length) return false;
  if (results.length > 1) throw new CliError('given jsonpath expression matches more than one list');
  if (results[0].length > 1) throw new CliError('given jsonpath expression matches more than one value');
  if (c.value === undefined) return true;
  const v = results[0][0];
  if (v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) {
    throw new CliError('jsonpath leads to a nested object or list which is not supported');
  }
  return String(v) === c.value;
}

const waitAction: Action = async (session, args, opts) => {
  const condition = parseCondition(String(opts.for ?? ''));
  const timeoutText = String(opts.timeout ?? '30s');
  let timeoutMs: number;
  try {
    timeoutMs = goDuration(timeoutText);
  } catch (e) {
    throw new CliError(`invalid argument "${timeoutText}" for "--timeout" flag: ${(e as Error).message}\nSee 'kctl wait --help' for usage.`);
  }
  // A negative timeout is a week, as kubectl has it.
  if (timeoutMs < 0) timeoutMs = 7 * 24 * 3600 * 1000;
  const selector = opts.selector as string[] | undefined;
  const requests: ResourceRequest[] = opts.filename
    ? requestsFromManifests(await readManifests(session, opts.filename as string[], false))
    : parseResourceArgs(args, 'wait').requests;
  if (!opts.all && !selector?.length && requests.some((r) => !r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');

  const cluster = await session.read();
  const api = new ApiReader(cluster);
  const targets: { info: ResourceInfo; namespace?: string; name: string }[] = [];
  for (const req of requests) {
    const sel = select(session, api, req, { selector, allNamespaces: !!opts.allNamespaces, ignoreNotFound: condition.kind === 'delete' || condition.kind === 'create' });
    if (sel.errors.length) throw new CliError(sel.errors[0]);
    // Waiting for a creation, a named object may not exist yet; a deletion of one already gone is done, silently.
    const names = req.names.length && condition.kind === 'create' ? req.names : sel.objects.map((o) => o.metadata.name);
    for (const name of names) {
      const obj = sel.objects.find((o) => o.metadata.name === name);
      targets.push({ info: req.info, namespace: obj?.metadata.namespace ?? req.namespace ?? session.namespace, name });
    }
  }
  if (!targets.length && condition.kind !== 'delete') throw new CliError('no matching resources found');

  const cache = new StateReadCache();
  const feed = new ChangeFeed(session.statePath, () => cache.read(session.statePath));
  // The feed's starting point: a write after this one wakes the wait.
  feed.refresh();
  for (const t of targets) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await session.read();
      const obj = new ApiReader(now).find(t.info, t.namespace, t.name);
      if (condition.kind === 'delete' ? !obj : obj && met(condition, obj)) break;
      if (Date.now() >= deadline) throw new CliError(`timed out waiting for the condition on ${t.info.resource}/${t.name}`);
      if (now.data.queued?.length) {
        // The controllers have work queued: as a cluster carries on while kubectl waits, they take their next step.
        await session.change(() => undefined);
        continue;
      }
      await feed.next(deadline);
    }
    session.io.out(`${kindPrefix(t.info)}/${t.name} condition met\n`);
  }
};

export function registerWait(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('wait')
    .description('Experimental: Wait for a specific condition on one or many resources')
    .argument('[args...]')
    .option('--for <condition>', "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].")
    .option('--timeout <duration>', 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.', '30s')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .addOption(repeatable('-f, --filename <file>', 'identifying the resource.'))
    .addOption(selectorOption())
    .addHelpText('after', `
Examples:
  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kctl wait --for=condition=Ready pod/busybox1

  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kctl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s
  kctl wait --for=delete pod/busybox1 --timeout=60s`)
    .action(wrap(waitAction));
}
