// certificatesigningrequests/approval: the one way to write a CSR's Approved, Denied and Failed
// conditions (the certificate goes through /status). The rest of the object is kept as stored.

import { invalidObject } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { kindFor } from '../kinds/registry.js';
import type { CsrCondition, CsrObject } from '../kinds/certificatesigningrequest.js';
import type { ApiServer } from './server.js';

/** PUT …/approval: the conditions of `sent` replace the stored ones, validated as on update. */
export function updateApproval(api: ApiServer, name: string, conditions: CsrCondition[] | undefined): KObject {
  const info = resourceInfo('certificatesigningrequests');
  const live = api.get(info, undefined, name) as CsrObject;
  const now = api.cluster.now();
  const stamped = (conditions ?? []).map((c) => ({ ...c, lastUpdateTime: c.lastUpdateTime ?? now, lastTransitionTime: c.lastTransitionTime ?? c.lastUpdateTime ?? now }));
  const next = { ...live, status: { ...live.status, conditions: stamped } } as CsrObject;
  const errs = kindFor(info).validateUpdate?.(next, live, api.cluster) ?? [];
  if (errs.length) throw invalidObject('CertificateSigningRequest', name, errs);
  return api.updateStatus(info, live, { conditions: stamped });
}
