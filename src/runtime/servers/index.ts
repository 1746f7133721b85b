// The kinds of server an image's catalogue entry can name. Other components (an ingress
// controller) add theirs here.

import { ingressNginxServer } from '../../networking/ingress/server.js';
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

export type { ConnectError, FetchResult, Peer, ServerContext, ServerHost, ServerKind } from './types.js';
