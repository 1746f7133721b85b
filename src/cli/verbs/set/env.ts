// set env: environment variables of containers from KEY=VALUE, KEY-, -e and --from a ConfigMap
// or Secret; --list prints them.

import { resourceInfo } from '../../../api/scheme.js';
import type { KObject } from '../../../api/types.js';
import { ApiReader } from '../../../apiserver/reader.js';
import { CliError, ExitCode } from '../../errors.js';
import { parseResourceArgs, requestsFromManifests } from '../../resources.js';
import type { Session } from '../../session.js';
import { select } from '../get.js';
import { readManifests } from '../manifests.js';
import { podSpecOf, runSet, selectContainers, type Container } from './common.js';

type EnvVar = { name: string; value?: string; valueFrom?: Record<string, any> };

/** Resources come first, then KEY=VALUE and KEY- (kubectl's SplitEnvironmentFromResources). */
export function splitEnvArgs(args: string[]): { resources: string[]; env: string[] } {
  const first = args.findIndex((a) => a.includes('=') || a.endsWith('-'));
  if (first < 0) return { resources: args, env: [] };
  const env = args.slice(first);
  const stray = env.find((a) => !a.includes('=') && !a.endsWith('-'));
  if (stray) throw new CliError(`all resources must be specified before environment changes: ${env.join(' ')}`);
  return { resources: args.slice(0, first), env };
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_RULE = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

function parseEnv(specs: string[]): { set: EnvVar[]; remove: string[] } {
  const set: EnvVar[] = [];
  const remove: string[] = [];
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq > 0) {
      const name = s.slice(0, eq);
      if (!ENV_NAME.test(name)) throw new CliError(`${JSON.stringify(name)} is not a valid key name: ${ENV_RULE}`);
      set.push({ name, value: s.slice(eq + 1) });
    } else if (eq < 0 && s.endsWith('-') && s.length > 1) remove.push(s.slice(0, -1));
    else throw new CliError(`invalid environment variable: ${s}`);
  }
  return { set, remove };
}

/** --from=configmap/x|secret/x: one variable per key, named from the key (upper case, `_` for what a name cannot hold). */
function fromResource(session: Session, api: ApiReader, from: string, keys: string[], prefix: string): EnvVar[] {
  const [type, name] = from.split('/');
  const kind = type === 'configmap' || type === 'cm' || type === 'configmaps' ? 'configMap' : type === 'secret' || type === 'secrets' ? 'secret' : undefined;
  if (!kind || !name) throw new CliError(`unsupported resource specified in --from: ${from}`);
  const obj = api.get(resourceInfo(kind === 'configMap' ? 'configmaps' : 'secrets'), session.namespace, name) as KObject & { data?: Record<string, string> };
  const out: EnvVar[] = [];
  for (const key of Object.keys(obj.data ?? {}).sort()) {
    if (keys.length && !keys.includes(key)) continue;
    const envName = key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
    if (envName !== key) session.io.err(`Warning: key ${key} transferred to ${envName}\n`);
    out.push({ name: prefix + envName, valueFrom: { [`${kind}KeyRef`]: { name, key } } });
  }
  return out;
}

/** kubectl's updateEnv: replaced in place, removed, new ones appended. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function refString(from: Record<string, any>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

function resolveRef(api: ApiReader, namespace: string, from: Record<string, any>): string | undefined {
  const ref = from.configMapKeyRef ?? from.secretKeyRef;
  if (!ref) return undefined;
  const obj = api.find(resourceInfo(from.configMapKeyRef ? 'configmaps' : 'secrets'), namespace, ref.name) as (KObject & { data?: Record<string, string> }) | undefined;
  const v = obj?.data?.[ref.key];
  if (v === undefined) return undefined;
  return from.secretKeyRef ? Buffer.from(v, 'base64').toString() : v;
}

/** --list: each container's variables, references as comments (or their values with --resolve). */
async function listEnv(session: Session, resources: string[], opts: Record<string, unknown>): Promise<void> {
  const api = new ApiReader(await session.read());
  const files = (opts.filename as string[] | undefined) ?? [];
  const objects: KObject[] = [];
  const errors: string[] = [];
  const manifests = files.length ? await readManifests(session, files, !!opts.recursive) : [];
  if (opts.local) objects.push(...manifests.map((m) => m.obj));
  else {
    // Without --local the files only name the objects; their live state is listed.
    const requests = files.length ? requestsFromManifests(manifests) : parseResourceArgs(resources, 'set').requests;
    for (const req of requests) {
      const sel = select(session, api, req, { selector: opts.selector as string[] | undefined });
      errors.push(...sel.errors);
      objects.push(...sel.objects);
    }
  }
  let out = '';
  for (const obj of objects) {
    const spec = podSpecOf(obj);
    const containers = ((spec.containers as Container[] | undefined) ?? []).filter((c) => selectContainers({ containers: [c] }, String(opts.containers ?? '*')).length);
    for (const c of containers) {
      out += `# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`;
      for (const e of (c.env ?? []) as EnvVar[]) {
        if (!e.valueFrom) out += `${e.name}=${e.value ?? ''}\n`;
        else {
          const value = opts.resolve ? resolveRef(api, obj.metadata.namespace ?? session.namespace, e.valueFrom) : undefined;
          out += value !== undefined ? `${e.name}=${value}\n` : `# ${e.name} from ${refString(e.valueFrom)}\n`;
        }
      }
    }
  }
  session.io.out(out);
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
}

export async function setEnv(session: Session, args: string[], opts: Record<string, unknown>): Promise<void> {
  const { resources, env } = splitEnvArgs(args);
  if (opts.list) return listEnv(session, resources, opts);
  const { set, remove } = parseEnv([...((opts.env as string[] | undefined) ?? []), ...env]);
  const from = opts.from as string | undefined;
  if (!from && !set.length && !remove.length) throw new CliError('at least one environment variable must be provided');
  if (from) set.unshift(...fromResource(session, new ApiReader(await session.read()), from, ((opts.keys as string[] | undefined) ?? []), String(opts.prefix ?? '')));
  const overwrite = opts.overwrite !== false && opts.overwrite !== 'false';
  const containers = String(opts.containers ?? '*');
  await runSet(
    session,
    {
      resources,
      message: 'env updated',
      skipUnchanged: true,
      failure: 'failed to patch env update to pod template: ',
      mutate: (obj) => {
        const targets = selectContainers(podSpecOf(obj), containers);
        const before = JSON.stringify(targets);
        for (const c of targets) {
          if (!overwrite) {
            for (const e of set) {
              const old = (c.env ?? []).find((x) => x.name === e.name);
              if (old) throw new CliError(`${obj.kind.toLowerCase()}s/${obj.metadata.name} '${e.name}' already has a value (${old.value ?? ''}), and --overwrite is false`);
            }
          }
          const next = updateEnv((c.env ?? []) as EnvVar[], set, remove);
          if (next.length) c.env = next;
          else delete c.env;
        }
        return JSON.stringify(targets) !== before;
      },
    },
    opts,
  );
}
