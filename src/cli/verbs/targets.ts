// The objects a writing verb names: `TYPE NAME…`, `TYPE/NAME…` or -f files, as kubectl's
// resource builder resolves them for patch and edit.

import type { ResourceInfo } from '../../api/scheme.js';
import { CliError } from '../errors.js';
import { parseResourceArgs } from '../resources.js';
import type { Session } from '../session.js';
import { readManifests, type Manifest } from './manifests.js';
import { namespaced } from './write.js';

export interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  /** The manifest it was read from (-f). */
  manifest?: Manifest;
}

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/**
 * The named objects, in the order given; -f manifests in -n (or their own) namespace. A type
 * without names is every object of it (in -n) when `listAll` says which those are (edit).
 */
export async function resolveTargets(session: Session, args: string[], filenames: string[], recursive: boolean, verb: string, listAll?: (info: ResourceInfo) => string[]): Promise<Target[]> {
  if (!args.length && !filenames.length) throw new CliError(NO_RESOURCES);
  const out: Target[] = [];
  for (const m of filenames.length ? await readManifests(session, filenames, recursive) : []) {
    const obj = namespaced(session, m);
    out.push({ info: m.info, namespace: m.info.namespaced ? obj.metadata.namespace : undefined, name: obj.metadata.name, manifest: { ...m, obj } });
  }
  if (args.length) {
    const { requests } = parseResourceArgs(args, verb);
    if (!listAll && requests.some((r) => !r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
    for (const r of requests) for (const name of r.names.length ? r.names : listAll!(r.info)) out.push({ info: r.info, namespace: r.info.namespaced ? session.namespace : undefined, name });
  }
  return out;
}
