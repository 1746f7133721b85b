// What the set subcommands share: finding the objects (TYPE NAME, TYPE/NAME, -f, --all, -l,
// --local), changing each one, and printing `kind/name <what> updated` or the object.

import { serverMessage, StatusError } from '../../../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../../../api/scheme.js';
import type { KObject } from '../../../api/types.js';
import { ApiReader } from '../../../apiserver/reader.js';
import { parseOutput, printEach } from '../../../printers/output.js';
import { clone } from '../../../util/objects.js';
import { CliError, ExitCode, renderError } from '../../errors.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../../resources.js';
import type { Session } from '../../session.js';
import { dryRunMode } from '../flags.js';
import { select } from '../get.js';
import { readManifests, type Manifest } from '../manifests.js';

const EXAMPLES = "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

/** A change to one object: false when it changed nothing; throws a CliError with kubectl's words. */
export type Mutate = (obj: KObject) => boolean;

export interface SetRun {
  /** The resource arguments (TYPE NAME… or TYPE/NAME…). */
  resources: string[];
  /** `image updated`: what kubectl prints after `kind/name`. */
  message: string;
  mutate: Mutate;
  /** set image|env|resources print nothing for an object they left as it was. */
  skipUnchanged?: boolean;
  /** How the subcommand words the server's refusal (`failed to patch env update to pod template: `). */
  failure?: string;
}

/** An object without a pod template: kubectl names it (`services/x the object is not a pod…`). */
export class PodTemplateError extends CliError {}

const camelOpts = (opts: Record<string, unknown>) => ({
  files: (opts.filename as string[] | undefined) ?? [],
  local: !!opts.local,
  all: !!opts.all,
  selector: opts.selector as string[] | string | undefined,
});

/** The objects the arguments name, read from the files themselves under --local. */
async function locate(session: Session, run: SetRun, opts: Record<string, unknown>): Promise<{ manifests?: Manifest[]; requests?: ResourceRequest[] }> {
  const o = camelOpts(opts);
  if (o.local) {
    if (!o.files.length) throw new CliError(`you must specify resources by --filename when --local is set.\n${EXAMPLES}`);
    return { manifests: await readManifests(session, o.files, !!opts.recursive) };
  }
  if (o.files.length) return { requests: requestsFromManifests(await readManifests(session, o.files, !!opts.recursive)) };
  if (!run.resources.length) throw new CliError(`You must provide one or more resources by argument or filename.\n${EXAMPLES}\n   '<resource> <name>'\n   '<resource>'`);
  const { requests } = parseResourceArgs(run.resources, 'set');
  const selector = typeof o.selector === 'string' ? [o.selector] : o.selector;
  if (requests.some((r) => !r.names.length) && !o.all && !selector?.length) throw new CliError('resource(s) were provided, but no name was specified');
  return { requests };
}

/** Runs a set subcommand over every object it names. */
export async function runSet(session: Session, run: SetRun, opts: Record<string, unknown>): Promise<void> {
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, 'set') : undefined;
  const found = await locate(session, run, opts);
  const errors: string[] = [];
  const selectorList = typeof opts.selector === 'string' ? [opts.selector] : (opts.selector as string[] | undefined);
  const changed: { obj: KObject; prefix: string }[] = [];
  const change = (obj: KObject, info: ResourceInfo) => {
    const prefix = kindPrefix(info);
    const draft = clone(obj);
    try {
      if (run.mutate(draft) === false && run.skipUnchanged) return undefined;
    } catch (e) {
      if (e instanceof CliError) {
        errors.push(e instanceof PodTemplateError ? `${info.resource}/${obj.metadata.name} ${e.message}` : e.message);
        return undefined;
      }
      throw e;
    }
    changed.push({ obj: draft, prefix });
    return draft;
  };

  if (found.manifests || mode === 'client') {
    if (found.manifests) for (const m of found.manifests) change(m.obj, m.info);
    else {
      const api = new ApiReader(await session.read());
      for (const req of found.requests!) {
        const sel = select(session, api, req, { selector: selectorList, allNamespaces: !!opts.allNamespaces });
        errors.push(...sel.errors);
        for (const obj of sel.objects) change(obj, req.info);
      }
    }
    await print(session, changed, format, run.message, found.manifests ? '' : ' (dry run)');
    return finish(session, errors);
  }

  const stored = await session.change(
    (api) => {
      const out: { obj: KObject; prefix: string }[] = [];
      for (const req of found.requests!) {
        const sel = select(session, api, req, { selector: selectorList, allNamespaces: !!opts.allNamespaces });
        errors.push(...sel.errors);
        for (const live of sel.objects) {
          const draft = change(live, req.info);
          if (!draft) continue;
          try {
            out.push({ obj: clone(api.update(draft, req.info)), prefix: kindPrefix(req.info) });
          } catch (e) {
            // Each object is its own PATCH: a refused one leaves the others written.
            if (!(e instanceof StatusError)) throw e;
            errors.push(run.failure !== undefined ? `${run.failure}${serverMessage(e)}` : renderError(e, false).text.trimEnd());
          }
        }
      }
      return out;
    },
    { dryRun: mode === 'server', fieldManager: (opts.fieldManager as string | undefined) ?? 'kubectl-set' },
  );
  await print(session, stored, format, run.message, mode === 'server' ? ' (server dry run)' : '');
  finish(session, errors);
}

async function print(session: Session, list: { obj: KObject; prefix: string }[], format: ReturnType<typeof parseOutput> | undefined, message: string, suffix: string): Promise<void> {
  if (format && format.kind === 'name') session.io.out(list.map((o) => `${o.prefix}/${o.obj.metadata.name}\n`).join(''));
  else if (format && format.kind !== 'table') session.io.out(await printEach(format, list.map((o) => o.obj)));
  else for (const o of list) session.io.out(`${o.prefix}/${o.obj.metadata.name} ${message}${suffix}\n`);
}

function finish(session: Session, errors: string[]): void {
  if (!errors.length) return;
  session.io.err(errors.map((e) => (e.startsWith('Error from server') || e.startsWith('error: ') ? e : `error: ${e}`)).join('\n') + '\n');
  throw new ExitCode(1);
}

/** The pod spec of a Pod or of a workload's template; kubectl's error for other objects. */
export function podSpecOf(obj: KObject): Record<string, unknown> {
  const spec = obj.spec as Record<string, any> | undefined;
  if (obj.kind === 'Pod' && spec) return spec;
  if (obj.kind === 'CronJob' && spec?.jobTemplate?.spec?.template?.spec) return spec.jobTemplate.spec.template.spec;
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].includes(obj.kind)) {
    spec!.template ??= {};
    return (spec!.template.spec ??= {});
  }
  throw new PodTemplateError(`the object is not a pod or does not have a pod template: *v1.${obj.kind}`);
}

export interface Container {
  name: string;
  image?: string;
  env?: Record<string, any>[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

/** filepath.Match for the -c selector: `*` any run, `?` one character. */
export function matches(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(name);
}

/** Containers, then init containers, whose names match -c. */
export function selectContainers(spec: Record<string, unknown>, pattern: string): Container[] {
  const all = [...((spec.containers as Container[] | undefined) ?? []), ...((spec.initContainers as Container[] | undefined) ?? [])];
  return all.filter((c) => matches(pattern, c.name));
}
