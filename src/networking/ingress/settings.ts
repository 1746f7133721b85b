// The controller's ConfigMap (`--configmap`): the global settings the simulation honours.

import type { Cluster } from '../../cluster/cluster.js';
import type { IngressNginx } from './controllers.js';

export interface ControllerSettings {
  sslRedirect: boolean;
  /** http-redirect-code: the status of the http → https redirect. */
  redirectCode: number;
  /** allow-snippet-annotations: always on in the 0.x releases, off by default since v1.9. */
  allowSnippets: boolean;
}

export function controllerSettings(ctrl: IngressNginx, cluster: Cluster): ControllerSettings {
  const cm = ctrl.configMap && cluster.store.get('configmaps', ctrl.configMap.namespace, ctrl.configMap.name);
  const data = cm?.data ?? {};
  const code = Number(data['http-redirect-code']);
  return {
    sslRedirect: data['ssl-redirect'] !== 'false',
    redirectCode: [301, 302, 307, 308].includes(code) ? code : 308,
    allowSnippets: ctrl.legacy || (data['allow-snippet-annotations'] ?? String(!snippetsOffByDefault(ctrl.release))) === 'true',
  };
}

function snippetsOffByDefault(release: string): boolean {
  const [major, minor] = release.replace(/^v/, '').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 9);
}
