// The kubeconfig `kctl serve` writes for clients: one cluster, user and context named `kctl`, the
// CA that signed the serving certificate, and the bearer token. Written atomically with mode 0600:
// the token is the key to the cluster. The cluster names its state file in the `kctl` extension
// (kubectl ignores it), so kctl given this kubeconfig reads that state file directly.

import { writeAtomically } from '../store/statefile.js';

export interface KubeconfigOptions {
  server: string;
  caCert: string;
  token: string;
  /** The state file served. */
  state?: string;
}

/** A YAML scalar as Go's encoder leaves a path: plain when it can be, else quoted. */
const scalar = (s: string) => (/^[\w/.+@~-]+$/.test(s) && !/^[-~]/.test(s) ? s : JSON.stringify(s));

export const CONTEXT = 'kctl';

export function kubeconfigText(o: KubeconfigOptions): string {
  const ca = Buffer.from(o.caCert).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${ca}
${o.state ? `    extensions:\n    - extension:\n        state: ${scalar(o.state)}\n      name: kctl\n` : ''}    server: ${o.server}
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
  // fchmod, unlike the mode given to open, is not masked by the umask.
  writeAtomically(file, [kubeconfigText(o)], { mode: 0o600 });
}
