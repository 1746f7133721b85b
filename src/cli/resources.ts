// Turns `TYPE NAME…`, `TYPE/NAME…` and `TYPE1,TYPE2` arguments into requests, as kubectl's
// resource builder does.

import { lookupResource, RESOURCES, type ResourceInfo } from '../api/scheme.js';
import { CliError } from './errors.js';

export interface ResourceRequest {
  info: ResourceInfo;
  /** Empty: every object of the type. */
  names: string[];
  /** The namespace a manifest named (-f); otherwise -n or default. */
  namespace?: string;
}

/** One request per manifest object, in its own namespace, as -f names objects. */
export function requestsFromManifests(docs: { info: ResourceInfo; obj: { metadata: { name: string; namespace?: string } } }[]): ResourceRequest[] {
  const out: ResourceRequest[] = [];
  for (const d of docs) {
    const namespace = d.info.namespaced ? d.obj.metadata.namespace : undefined;
    const same = out.find((r) => r.info === d.info && r.namespace === namespace);
    if (same) same.names.push(d.obj.metadata.name);
    else out.push({ info: d.info, names: [d.obj.metadata.name], ...(namespace ? { namespace } : {}) });
  }
  return out;
}

/** What `all` expands to: the resources of that category, in discovery's order. */
const ALL = RESOURCES.filter((r) => r.categories?.includes('all'));

export function resolveType(arg: string): ResourceInfo {
  const info = lookupResource(arg);
  if (!info) throw new CliError(`the server doesn't have a resource type "${arg}"`);
  return info;
}

function expandTypes(arg: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const t of arg.split(',')) {
    if (t === '') continue;
    if (t === 'all') {
      for (const info of ALL) if (!out.includes(info)) out.push(info);
    } else {
      const info = resolveType(t);
      if (!out.includes(info)) out.push(info);
    }
  }
  return out;
}

export interface ParsedArgs {
  requests: ResourceRequest[];
  /** More than one type was asked for: names print as `kind/name`. */
  multipleTypes: boolean;
}

export function parseResourceArgs(args: string[], verb: string): ParsedArgs {
  if (args.length === 0) {
    throw new CliError(
      `You must specify the type of resource to ${verb}. Use "kctl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kctl explain <resource>" for a detailed description of that resource (e.g. kctl explain pods).`,
      verb,
    );
  }
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new CliError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kctl ${verb} resource/<resource_name>' instead of 'kctl ${verb} resource resource/<resource_name>'`,
      );
    }
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const info = resolveType(a.slice(0, i));
      const name = a.slice(i + 1);
      if (!name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const existing = requests.find((r) => r.info === info);
      if (existing) existing.names.push(name);
      else requests.push({ info, names: [name] });
    }
    return { requests, multipleTypes: true };
  }
  const types = expandTypes(args[0]);
  const names = args.slice(1);
  // Names go with each of several types (`get deploy,svc echo`); kctl's rollout and expose act
  // on one object at a time, as kctl implements them.
  if (names.length && types.length > 1 && (verb.startsWith('rollout') || verb === 'expose')) throw new CliError(`you may only specify a single resource type`);
  return { requests: types.map((info) => ({ info, names: [...names] })), multipleTypes: types.length > 1 || args[0].split(',').includes('all') };
}
