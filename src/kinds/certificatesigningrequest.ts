// CertificateSigningRequest (certificates.k8s.io/v1): the requester recorded at creation, the
// status written only through /approval (conditions) and /status (the certificate), and the
// table columns. Signing is the csrsigning controller's (controllers/certificates.ts).

import { invalid, required, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age, humanDuration } from '../util/duration.js';
import type { Kind } from './kind.js';

export interface CsrCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface CsrObject extends KObject {
  spec?: { request?: string; signerName?: string; expirationSeconds?: number; usages?: string[]; username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  status?: { conditions?: CsrCondition[]; certificate?: string };
}

/** Who kctl's requests come from: kubeadm's admin (the holder of the kubeconfig). */
const REQUESTER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** extractCSRStatus: Denied or Approved or Pending, then Failed, then Issued. */
export function csrCondition(o: CsrObject): string {
  const types = new Set((o.status?.conditions ?? []).map((c) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (o.status?.certificate) s += ',Issued';
  return s;
}

function validateCsr(o: CsrObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = o.spec ?? {};
  if (!spec.request) errs.push(required('spec.request'));
  else if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(Buffer.from(spec.request, 'base64').toString('latin1'))) {
    errs.push(invalid('spec.request', '[]byte{…}', 'PEM block type must be CERTIFICATE REQUEST', 'raw'));
  }
  if (!spec.signerName) errs.push(required('spec.signerName'));
  if (!spec.usages?.length) errs.push(required('spec.usages'));
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < 600) errs.push(invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  const conditions = o.status?.conditions ?? [];
  const approved = conditions.findIndex((c) => c.type === 'Approved');
  const denied = conditions.findIndex((c) => c.type === 'Denied');
  if (approved >= 0 && denied >= 0) {
    const i = Math.max(approved, denied);
    errs.push(invalid(`status.conditions[${i}].type`, conditions[i].type, 'Approved and Denied conditions are mutually exclusive'));
  }
  return errs;
}

export const certificateSigningRequestKind: Kind<'certificatesigningrequests'> = {
  info: resourceInfo('certificatesigningrequests'),
  prepareForCreate(o) {
    const csr = o as CsrObject;
    // The requester comes from the request's authentication, never from the body.
    const { username: _u, uid: _i, groups: _g, extra: _e, ...spec } = csr.spec ?? {};
    csr.spec = { ...spec, ...REQUESTER };
  },
  prepareForUpdate(o, old) {
    (o as CsrObject).spec = (old as CsrObject).spec;
  },
  validate: (o) => validateCsr(o as CsrObject),
  validateUpdate: (o) => validateCsr(o as CsrObject),
  columns: [
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'SIGNERNAME', cell: (o) => (o as CsrObject).spec?.signerName ?? '' },
    { name: 'REQUESTOR', cell: (o) => (o as CsrObject).spec?.username ?? '' },
    { name: 'REQUESTEDDURATION', cell: (o) => ((o as CsrObject).spec?.expirationSeconds === undefined ? '<none>' : humanDuration((o as CsrObject).spec!.expirationSeconds! * 1000)) },
    { name: 'CONDITION', cell: (o) => csrCondition(o as CsrObject) },
  ],
};
