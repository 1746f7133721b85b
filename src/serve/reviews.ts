// The requests that ask the API server about the caller rather than store anything: access
// reviews (`kubectl auth can-i`, `auth can-i --list`), `kubectl auth whoami`, and service
// account tokens (`kubectl create token`). The holder of kctl serve's token is the cluster's
// administrator, as the kubeconfig of a kind or kubeadm cluster makes its user: every access is
// allowed.

import { createHmac } from 'node:crypto';
import { invalidObject, StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { ApiReader } from '../apiserver/reader.js';
import type { StateAccess } from '../cluster/access.js';
import { rfc3339 } from '../cluster/cluster.js';
import { decodeObject } from './body.js';
import type { Reply } from './http.js';

/** Who the token's holder is: kubeadm's admin, bound to cluster-admin through its group. */
export const ADMIN = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const ALLOWED_BY = 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"';

const REVIEWS: Record<string, { kind: string; status: (spec: Record<string, unknown>) => object }> = {
  'authorization.k8s.io/v1/selfsubjectaccessreviews': { kind: 'SelfSubjectAccessReview', status: () => ({ allowed: true, reason: ALLOWED_BY }) },
  'authorization.k8s.io/v1/selfsubjectrulesreviews': {
    kind: 'SelfSubjectRulesReview',
    status: () => ({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    }),
  },
  'authentication.k8s.io/v1/selfsubjectreviews': { kind: 'SelfSubjectReview', status: () => ({ userInfo: ADMIN }) },
};

/** The status a review of this kind is answered with (`authorization.k8s.io/v1/selfsubjectaccessreviews`), the CLI's answer too. */
export function reviewStatus(path: string, spec: Record<string, unknown>): object | undefined {
  return REVIEWS[path]?.status(spec);
}

const notFound = () => new StatusError('NotFound', 'the server could not find the requested resource');

/** Whether a group/version path is one of these APIs (answered by reviewReply). */
export function isReviewGroup(group: string): boolean {
  return group === 'authorization.k8s.io' || group === 'authentication.k8s.io';
}

/** POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews and the other reviews. */
export async function reviewReply(method: string, group: string, version: string, rest: string[], contentType: string | undefined, body: () => Promise<Buffer>): Promise<Reply> {
  const review = rest.length === 1 ? REVIEWS[`${group}/${version}/${rest[0]}`] : undefined;
  if (!review) throw notFound();
  if (method !== 'POST') throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const apiVersion = `${group}/${version}`;
  const sent = await decodeObject(contentType, await body(), { apiVersion, kind: review.kind });
  const spec = (sent.spec as Record<string, unknown> | undefined) ?? {};
  return {
    status: 201,
    body: { kind: review.kind, apiVersion, metadata: { creationTimestamp: null }, ...(review.kind === 'SelfSubjectReview' ? {} : { spec }), status: review.status(spec) },
  };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * POST …/serviceaccounts/<name>/token: a TokenRequest answered with a JWT of the service
 * account's claims, signed with a key derived from the server's own token (it authenticates
 * nothing here: only kctl serve's token does).
 */
export async function tokenRequest(access: StateAccess, serverToken: string, namespace: string, name: string, contentType: string | undefined, body: Buffer): Promise<Reply> {
  const sent = await decodeObject(contentType, body, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' });
  const spec = (sent.spec as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: unknown } | undefined) ?? {};
  const cluster = await access.read();
  const sa = new ApiReader(cluster).get(resourceInfo('serviceaccounts'), namespace, name);
  const seconds = spec.expirationSeconds || 3600;
  if (seconds < 600) {
    const cause = { type: 'Invalid value' as const, field: 'spec.expirationSeconds', value: String(seconds), detail: 'may not specify a duration less than 10 minutes' };
    throw new StatusError('Invalid', invalidObject('TokenRequest', name, [cause]).message, { kind: 'TokenRequest', group: 'authentication.k8s.io', name, causes: [cause] });
  }
  const audiences = spec.audiences?.length ? spec.audiences : ['https://kubernetes.default.svc.cluster.local'];
  const iat = Math.floor(cluster.nowMs / 1000);
  const claims = {
    aud: audiences,
    exp: iat + seconds,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: createHmac('sha256', serverToken).update(`${namespace}/${name}/${iat}`).digest('hex').slice(0, 36),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: sa.metadata.uid } },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const unsigned = `${b64({ alg: 'RS256', kid: createHmac('sha256', serverToken).update('kid').digest('base64url').slice(0, 43) })}.${b64(claims)}`;
  const token = `${unsigned}.${createHmac('sha256', serverToken).update(unsigned).digest('base64url')}`;
  return {
    status: 201,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
      status: { token, expirationTimestamp: rfc3339(cluster.nowMs + seconds * 1000) },
    },
  };
}
