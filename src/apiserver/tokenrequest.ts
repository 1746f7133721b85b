// A service account's TokenRequest: the claims a v1.32 API server puts in the JWT, signed with
// an HMAC of the caller's key (kctl's tokens authenticate nothing; they only look the part).

import { createHmac } from 'node:crypto';

export const DEFAULT_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
/** A TokenRequest without expirationSeconds lasts an hour. */
export const DEFAULT_TOKEN_SECONDS = 3600;

export interface TokenClaims {
  namespace: string;
  name: string;
  uid: string;
  audiences: string[];
  /** Seconds since the epoch. */
  issuedAt: number;
  seconds: number;
  /** The object the token is bound to: kind (Pod, Secret, Node), name and uid. */
  bound?: { kind: string; name: string; uid: string };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function serviceAccountToken(c: TokenClaims, key: string): string {
  const claims = {
    aud: c.audiences,
    exp: c.issuedAt + c.seconds,
    iat: c.issuedAt,
    iss: DEFAULT_AUDIENCE,
    jti: createHmac('sha256', key).update(`${c.namespace}/${c.name}/${c.issuedAt}`).digest('hex').slice(0, 36),
    'kubernetes.io': {
      namespace: c.namespace,
      ...(c.bound ? { [c.bound.kind.toLowerCase()]: { name: c.bound.name, uid: c.bound.uid } } : {}),
      serviceaccount: { name: c.name, uid: c.uid },
    },
    nbf: c.issuedAt,
    sub: `system:serviceaccount:${c.namespace}:${c.name}`,
  };
  const unsigned = `${b64({ alg: 'RS256', kid: createHmac('sha256', key).update('kid').digest('base64url').slice(0, 43) })}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}
