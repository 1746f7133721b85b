// kctl runs offline: `-f https://…` works only for the well-known add-on manifests it carries.

import type { KObject } from '../api/types.js';
import { BUILTIN_RELEASE, currentDeploy, legacyMandatory, legacyService, type Provider } from './addons/ingress-nginx.js';

const INGRESS_NGINX = '^https://raw\\.githubusercontent\\.com/kubernetes/ingress-nginx/';

const ADDONS: { match: RegExp; objects: (m: RegExpExecArray) => KObject[] }[] = [
  // The 0.x tags (nginx-0.16.2): mandatory.yaml and a provider Service, under deploy/ or deploy/static/.
  { match: new RegExp(`${INGRESS_NGINX}nginx-(0\\.\\d+\\.\\d+)/deploy/(static/)?mandatory\\.yaml$`), objects: (m) => legacyMandatory(m[1]) },
  { match: new RegExp(`${INGRESS_NGINX}nginx-(0\\.\\d+\\.\\d+)/deploy/(static/)?provider/cloud-generic\\.yaml$`), objects: (m) => legacyService(m[1], 'LoadBalancer') },
  { match: new RegExp(`${INGRESS_NGINX}nginx-(0\\.\\d+\\.\\d+)/deploy/(static/)?provider/baremetal/service-nodeport\\.yaml$`), objects: (m) => legacyService(m[1], 'NodePort') },
  // controller-v1.12.1/deploy/static/provider/cloud/deploy.yaml, and the same on main.
  { match: new RegExp(`${INGRESS_NGINX}(?:controller-v(\\d+\\.\\d+\\.\\d+)|main|master)/deploy/static/provider/([\\w-]+)/deploy\\.yaml$`), objects: (m) => currentDeploy(m[1] ?? BUILTIN_RELEASE, provider(m[2])) },
  { match: /^https:\/\/kind\.sigs\.k8s\.io\/examples\/ingress\/deploy-ingress-nginx\.yaml$/, objects: () => currentDeploy(BUILTIN_RELEASE, 'kind') },
];

function provider(name: string): Provider {
  if (name === 'kind' || name === 'baremetal') return name;
  return 'cloud';
}

/** The built-in manifest (a List) standing in for an add-on URL, if kctl knows it. */
export function findAddon(url: string): string | undefined {
  for (const a of ADDONS) {
    const m = a.match.exec(url);
    if (m) return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: a.objects(m) });
  }
  return undefined;
}
