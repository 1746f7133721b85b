// The kinds of server an image's catalogue entry can name.

import { ingressNginxServer } from './ingress-nginx.js';
import { gihyoEchoServer, proxyServer } from './gihyo.js';
import { echoNginxServer, nginxServer } from './nginx.js';
import { apiServer, staticServer } from './simple.js';
import type { ServerKind } from './types.js';

export const SERVER_KINDS: Record<string, ServerKind> = {
  nginx: nginxServer,
  'echo-nginx': echoNginxServer,
  'gihyo-echo': gihyoEchoServer,
  proxy: proxyServer,
  static: staticServer,
  apiserver: apiServer,
  'ingress-nginx': ingressNginxServer,
};
