// The serving certificate of `kctl serve`: a fresh certificate authority and a server certificate
// it signs, for 127.0.0.1, localhost and the address served on, as kubeadm makes a cluster's CA
// and apiserver certificate. The kubeconfig carries the CA, so clients verify the server.
// node-forge lays out the X.509 certificates, which Node cannot make itself; the keys and the
// signatures come from Node's crypto, natively (forge's own RSA would take a second).

import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import forge from 'node-forge';

export interface ServingCertificate {
  /** PEM of the CA certificate (the kubeconfig's certificate-authority-data). */
  caCert: string;
  cert: string;
  key: string;
}

const DAY = 24 * 60 * 60 * 1000;

interface KeyPair {
  /** forge's view of the public key, to put in a certificate. */
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: KeyObject;
}

async function keyPair(): Promise<KeyPair> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()), privateKey };
}

/** forge's sign(), with the bytes it digests signed by Node (SHA-256 with RSA). */
function signCertificate(cert: forge.pki.Certificate, key: KeyObject): void {
  let tbs = '';
  const md = { algorithm: 'sha256', update: (bytes: string) => void (tbs += bytes) };
  const signer = { sign: () => sign('sha256', Buffer.from(tbs, 'binary'), key).toString('binary') };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, md as unknown as forge.md.MessageDigest);
}

/**
 * 16 random bytes as a positive DER INTEGER in its minimal form: the top bit clear and the first
 * byte not zero. OpenSSL refuses a certificate whose serial starts with a needless zero byte
 * (`asn1 encoding routines::illegal padding`).
 */
export function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return bytes.toString('hex');
}

function certificate(subject: string, publicKey: forge.pki.rsa.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serialNumber();
  cert.publicKey = publicKey;
  // An hour back, for clocks a little behind this one.
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + days * DAY);
  cert.setSubject([{ shortName: 'CN', value: subject }]);
  return cert;
}

/** The names a client may use to reach an address: wildcard addresses stand for every local one. */
export function subjectAltNames(address: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost']);
  if (address === '0.0.0.0' || address === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const i of list ?? []) if (address === '::' || i.family === 'IPv4') names.add(i.address.replace(/%.*$/, ''));
    }
  } else {
    names.add(address);
  }
  return [...names];
}

export async function makeServingCertificate(address: string): Promise<ServingCertificate> {
  const [ca, server] = await Promise.all([keyPair(), keyPair()]);
  const caCert = certificate('kctl-ca', ca.publicKey, 3650);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(caCert, ca.privateKey);

  const cert = certificate('kube-apiserver', server.publicKey, 365);
  cert.setIssuer(caCert.subject.attributes);
  const altNames = subjectAltNames(address).map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  signCertificate(cert, ca.privateKey);

  return { caCert: forge.pki.certificateToPem(caCert), cert: forge.pki.certificateToPem(cert), key: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** ingress-nginx's default certificate, for TLS to a host no Ingress has a certificate for. */
export async function makeIngressFakeCertificate(): Promise<{ cert: string; key: string }> {
  const pair = await keyPair();
  const cert = certificate('Kubernetes Ingress Controller Fake Certificate', pair.publicKey, 365);
  cert.setSubject([{ shortName: 'O', value: 'Acme Co' }, { shortName: 'CN', value: 'Kubernetes Ingress Controller Fake Certificate' }]);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'ingress.local' }] },
  ]);
  signCertificate(cert, pair.privateKey);
  return { cert: forge.pki.certificateToPem(cert), key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
