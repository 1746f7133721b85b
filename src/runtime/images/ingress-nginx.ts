// Catalogue entries for the images of the ingress-nginx add-on: the controller (0.x releases
// from quay.io, today's from registry.k8s.io) and the 0.x default backend.

import type { ImageSpec } from './types.js';

const LINE = '-------------------------------------------------------------------------------';

/** The controller's ports: nginx on 80/443, the health endpoint on 10254. */
const servers = (webhook: boolean): ImageSpec['servers'] => [
  { port: 80, kind: 'ingress-nginx' },
  { port: 443, kind: 'ingress-nginx', tls: { trusted: false } },
  { port: 10254, kind: 'static', response: { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain; charset=utf-8' } } },
  ...(webhook ? [{ port: 8443, kind: 'static', tls: { trusted: false }, response: { status: 400, body: 'invalid request\n' } }] : []),
];

export const INGRESS_IMAGES: ImageSpec[] = [
  {
    match: ['quay.io/kubernetes-ingress-controller/nginx-ingress-controller*', 'gcr.io/google_containers/nginx-ingress-controller*', 'k8s.gcr.io/nginx-ingress-controller*'],
    base: 'debian',
    env: { NGINX_VERSION: '1.13.12' },
    files: { '/etc/nginx/nginx.conf': '# Configuration checksum: 0\n\n# setup custom paths that do not require root access\npid /tmp/nginx.pid;\n' },
    dirs: ['/etc/nginx', '/etc/ingress-controller/ssl', '/var/log/nginx'],
    entrypoint: ['/usr/bin/dumb-init'],
    cmd: ['/nginx-ingress-controller'],
    daemons: ['/nginx-ingress-controller'],
    servers: servers(false),
    startLog: [LINE, 'NGINX Ingress controller', '  Repository: https://github.com/kubernetes/ingress-nginx', LINE, ''],
  },
  {
    match: ['registry.k8s.io/ingress-nginx/controller', 'k8s.gcr.io/ingress-nginx/controller'],
    base: 'alpine',
    env: { NGINX_VERSION: '1.25.5' },
    dirs: ['/etc/nginx', '/etc/ingress-controller/ssl', '/var/log/nginx'],
    entrypoint: ['/usr/bin/dumb-init', '--'],
    cmd: ['/nginx-ingress-controller'],
    daemons: ['/nginx-ingress-controller'],
    servers: servers(true),
    startLog: [LINE, 'NGINX Ingress controller', '  Repository:    https://github.com/kubernetes/ingress-nginx', '  nginx version: nginx/1.25.5', '', LINE, ''],
  },
  {
    match: ['gcr.io/google_containers/defaultbackend*', 'k8s.gcr.io/defaultbackend*', 'registry.k8s.io/defaultbackend*'],
    base: 'distroless',
    entrypoint: ['/server'],
    daemons: ['/server'],
    // Go's net/http: 404 with a body and no newline after it.
    servers: [{ port: 8080, kind: 'static', response: { status: 404, body: 'default backend - 404', headers: { 'Content-Type': 'text/plain; charset=utf-8' } } }],
  },
];
