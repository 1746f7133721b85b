// The kubeconfig `kctl serve` writes for clients: one cluster, user and context named `kctl`, the
// CA that signed the serving certificate, and the bearer token. Written atomically with mode 0600:
// the token is the key to the cluster.

import { chmodSync, closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface KubeconfigOptions {
  server: string;
  caCert: string;
  token: string;
}

export const CONTEXT = 'kctl';

export function kubeconfigText(o: KubeconfigOptions): string {
  const ca = Buffer.from(o.caCert).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${ca}
    server: ${o.server}
  name: ${CONTEXT}
contexts:
- context:
    cluster: ${CONTEXT}
    user: ${CONTEXT}
  name: ${CONTEXT}
current-context: ${CONTEXT}
preferences: {}
users:
- name: ${CONTEXT}
  user:
    token: ${o.token}
`;
}

export function writeKubeconfig(file: string, o: KubeconfigOptions): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const buf = Buffer.from(kubeconfigText(o));
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    closeSync(fd);
    // The mode given to open is masked by the umask; the token must not be readable by others.
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {}
    try {
      unlinkSync(tmp);
    } catch {}
    throw e;
  }
}
