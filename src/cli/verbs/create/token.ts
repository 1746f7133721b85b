// kctl create token: a TokenRequest for a service account, printed as its token (or with -o).

import { resourceInfo } from '../../../api/scheme.js';
import type { KObject } from '../../../api/types.js';
import { ApiReader } from '../../../apiserver/reader.js';
import { DEFAULT_AUDIENCE, DEFAULT_TOKEN_SECONDS, serviceAccountToken } from '../../../apiserver/tokenrequest.js';
import { StatusError, serverMessage } from '../../../api/errors.js';
import { rfc3339 } from '../../../cluster/cluster.js';
import { parseOutput, printEach } from '../../../printers/output.js';
import { goDuration } from '../../../util/duration.js';
import { CliError } from '../../errors.js';
import type { Session } from '../../session.js';

const BOUND_KINDS: Record<string, string> = { Node: 'nodes', Pod: 'pods', Secret: 'secrets' };

export async function createToken(session: Session, name: string, opts: Record<string, unknown>): Promise<void> {
  const kind = (opts.boundObjectKind as string | undefined) ?? '';
  const boundName = (opts.boundObjectName as string | undefined) ?? '';
  const boundUid = (opts.boundObjectUid as string | undefined) ?? '';
  let ms: number;
  try {
    ms = goDuration(String(opts.duration ?? '0s'));
  } catch (e) {
    throw new CliError(`invalid argument "${String(opts.duration)}" for "--duration" flag: ${(e as Error).message}\nSee 'kctl create token --help' for usage.`);
  }
  if (!kind) {
    if (boundName) throw new CliError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUid) throw new CliError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!Object.hasOwn(BOUND_KINDS, kind)) throw new CliError('supported --bound-object-kind values are Node, Pod, Secret');
    if (!boundName) throw new CliError('--bound-object-name is required if --bound-object-kind is provided');
  }
  if (ms < 0) throw new CliError('--duration must be greater than or equal to 0');
  if (ms % 1000) throw new CliError('--duration cannot be expressed in units less than seconds');
  const format = opts.output ? parseOutput(opts.output as string, 'create') : undefined;

  const cluster = await session.read();
  const reader = new ApiReader(cluster);
  const namespace = session.namespace;
  const seconds = ms ? ms / 1000 : DEFAULT_TOKEN_SECONDS;
  let request: KObject;
  try {
    const sa = reader.get(resourceInfo('serviceaccounts'), namespace, name);
    if (seconds < 600) {
      throw new StatusError('Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
    }
    const bound = kind ? reader.get(resourceInfo(BOUND_KINDS[kind]), namespace, boundName) : undefined;
    if (bound && boundUid && bound.metadata.uid !== boundUid) {
      throw new StatusError('Conflict', `the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    const audiences = ((opts.audience as string[] | undefined) ?? []).length ? (opts.audience as string[]) : [DEFAULT_AUDIENCE];
    const issuedAt = Math.floor(cluster.nowMs / 1000);
    const token = serviceAccountToken(
      { namespace, name, uid: sa.metadata.uid ?? '', audiences, issuedAt, seconds, bound: bound && { kind, name: boundName, uid: bound.metadata.uid ?? '' } },
      `${session.env.KCTL_SEED ?? ''}/${sa.metadata.uid ?? ''}`,
    );
    const boundObjectRef = bound ? { kind, apiVersion: 'v1', name: boundName, uid: bound.metadata.uid } : null;
    request = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null as unknown as string },
      spec: { audiences, expirationSeconds: seconds, boundObjectRef },
      status: { token, expirationTimestamp: rfc3339(cluster.nowMs + seconds * 1000) },
    };
  } catch (e) {
    if (e instanceof StatusError) throw new CliError(`failed to create token: ${serverMessage(e)}`);
    throw e;
  }
  if (!format || format.kind === 'table') {
    session.io.out(`${(request.status as { token: string }).token}\n`);
    return;
  }
  if (format.kind === 'name') session.io.out(`tokenrequest.authentication.k8s.io/${name}\n`);
  else session.io.out(await printEach(format, [request], { keepOrder: true }));
}
