// The csrsigning controller: an approved CSR for one of the kubernetes.io signers it serves
// gets its certificate, signed by the cluster's signing CA, valid for the requested duration
// (at most a year, --cluster-signing-duration) and backdated five minutes as the signer does.
// kctl keeps no CA key in the state file: each process signs with a CA of its own, as kctl serve
// serves with one of its own.

import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { CsrObject } from '../kinds/certificatesigningrequest.js';
import { commonName, fromPem, integer, oid, parseCertificationRequest, pem, seq, time, tlv } from '../util/der.js';

const SIGNERS = new Set(['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving']);
const MAX_DURATION_S = 365 * 24 * 3600;
const BACKDATE_MS = 5 * 60 * 1000;
const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
const ISSUER = 'kubernetes';

interface Ca {
  key: KeyObject;
  publicKeyInfo: Buffer;
}

let ca: Ca | undefined;

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [Buffer.from([0x01, 0x01, 0xff])] : []), tlv(0x04, value));
}

/** An X.509 v3 certificate, signed by the CA (or by its own key for the CA itself). */
function certificate(subject: Buffer, publicKeyInfo: Buffer, notBefore: number, notAfter: number, isCa: boolean, usages: string[], key: KeyObject): Buffer {
  const eku = [...(usages.includes('client auth') ? [oid('1.3.6.1.5.5.7.3.2')] : []), ...(usages.includes('server auth') ? [oid('1.3.6.1.5.5.7.3.1')] : [])];
  const keyUsage = isCa ? Buffer.from([0x03, 0x02, 0x02, 0xa4]) : Buffer.from([0x03, 0x02, 0x05, 0xa0]);
  const extensions = [
    extension('2.5.29.15', true, keyUsage),
    ...(eku.length ? [extension('2.5.29.37', false, seq(...eku))] : []),
    extension('2.5.29.19', true, isCa ? seq(Buffer.from([0x01, 0x01, 0xff])) : seq()),
  ];
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    SHA256_WITH_RSA,
    commonName(ISSUER),
    seq(time(notBefore), time(notAfter)),
    subject,
    publicKeyInfo,
    tlv(0xa3, seq(...extensions)),
  );
  return seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), sign('sha256', tbs, key)));
}

function signingCa(): Ca {
  if (ca) return ca;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return (ca = { key: privateKey, publicKeyInfo: publicKey.export({ type: 'spki', format: 'der' }) });
}

/** The certificate for a CSR, PEM; undefined when its request cannot be read. */
export function issue(csr: CsrObject, nowMs: number): string | undefined {
  const request = fromPem(Buffer.from(csr.spec?.request ?? '', 'base64').toString('latin1'), '(?:NEW )?CERTIFICATE REQUEST');
  if (!request) return undefined;
  let parsed;
  try {
    parsed = parseCertificationRequest(request);
  } catch {
    return undefined;
  }
  const seconds = Math.min(csr.spec?.expirationSeconds ?? MAX_DURATION_S, MAX_DURATION_S);
  const der = certificate(parsed.subject, parsed.publicKeyInfo, nowMs - BACKDATE_MS, nowMs + seconds * 1000, false, csr.spec?.usages ?? [], signingCa().key);
  return pem('CERTIFICATE', der);
}

export function certificateSigningController(api: ApiServer): void {
  const info = resourceInfo('certificatesigningrequests');
  for (const csr of api.cluster.store.list(info.resource) as CsrObject[]) {
    if (csr.status?.certificate || !SIGNERS.has(csr.spec?.signerName ?? '')) continue;
    const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
    if (!types.has('Approved') || types.has('Denied') || types.has('Failed')) continue;
    const cert = issue(csr, api.cluster.nowMs);
    const now = api.cluster.now();
    if (cert) api.updateStatus(info, csr, { certificate: Buffer.from(cert).toString('base64') });
    else {
      const failed = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'unable to parse csr: PEM block type must be CERTIFICATE REQUEST', lastUpdateTime: now, lastTransitionTime: now };
      api.updateStatus(info, csr, { conditions: [...(csr.status?.conditions ?? []), failed] });
    }
  }
}

