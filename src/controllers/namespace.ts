// Every namespace gets the `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIS2N0bGZha2UwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n-----END CERTIFICATE-----\n';

export function namespaceController(api: ApiServer): void {
  const sa = resourceInfo('serviceaccounts');
  const cm = resourceInfo('configmaps');
  for (const ns of api.list(resourceInfo('namespaces'))) {
    const name = ns.metadata.name;
    if (!api.find(sa, name, 'default')) {
      api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } }, sa);
    }
    if (!api.find(cm, name, 'kube-root-ca.crt')) {
      api.create(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: { 'ca.crt': CA },
        },
        cm,
      );
    }
  }
}
