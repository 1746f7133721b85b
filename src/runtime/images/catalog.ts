// The images kctl knows: the books' images, the common tool images and the cluster's own
// components. Entries are data (types.ts); the first entry that matches a reference wins.

import { NGINX_50X, NGINX_WELCOME } from '../servers/pages.js';
import { INGRESS_IMAGES } from './ingress-nginx.js';
import type { ImageSpec } from './types.js';

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const ENTRYPOINT = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

exec "$@"
`;

const ECHO_NGINX_CONF = `server {
    listen       \${NGINX_PORT};
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        try_files $uri $uri/index.html @echo;
    }

    location @echo {
        default_type text/plain;
        return 200 "Host=$host  Path=$request_uri  From=$hostname  ClientIP=$remote_addr  XFF=$http_x_forwarded_for\\n";
    }
}
`;

const NGINX_DAEMONS = ['nginx', 'nginx-debug'];

function nginxStartLog(version: string, gcc: string): string[] {
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    '{go_time} [notice] 1#1: using the "epoll" event method',
    `{go_time} [notice] 1#1: nginx/${version}`,
    `{go_time} [notice] 1#1: built by gcc ${gcc} `,
    '{go_time} [notice] 1#1: OS: Linux 6.8.0-45-generic',
    '{go_time} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    '{go_time} [notice] 1#1: start worker processes',
    ...Array.from({ length: 8 }, (_, i) => `{go_time} [notice] 1#1: start worker process ${29 + i}`),
  ];
}

const BUSTER_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nVERSION="10 (buster)"\nVERSION_CODENAME=buster\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';
const STRETCH_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 9 (stretch)"\nNAME="Debian GNU/Linux"\nVERSION_ID="9"\nVERSION="9 (stretch)"\nVERSION_CODENAME=stretch\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support/"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';

const ECHO_MAIN_GO = `package main

import (
	"fmt"
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		log.Println("received request")
		fmt.Fprintf(w, "Hello Docker!!")
	})

	log.Println("start server")
	server := &http.Server{Addr: ":8080"}
	if err := server.ListenAndServe(); err != nil {
		log.Println(err)
	}
}
`;

const PROXY_CONF = `upstream backend {
    server {{ var "BACKEND_HOST" | default "127.0.0.1:8080" }};
}

server {
    listen 80;

    location / {
        proxy_pass http://backend;
    }
}
`;

const COREDNS_LOG = [
  '.:53',
  '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
  'CoreDNS-1.11.3',
  'linux/amd64, go1.21.11, a6338e9',
];

const k8s = (component: string, servers: ImageSpec['servers'] = []): ImageSpec => ({
  match: [`registry.k8s.io/${component}`, `k8s.gcr.io/${component}`],
  base: 'distroless',
  daemons: [component, `/usr/local/bin/${component}`],
  servers,
});

export const BUILTIN_IMAGES: ImageSpec[] = [
  ...INGRESS_IMAGES,
  {
    match: ['amsy810/echo-nginx'],
    base: 'debian',
    bash: '5.0',
    env: { NGINX_VERSION: '1.19.0', NJS_VERSION: '0.4.1', PKG_RELEASE: '1~buster', NGINX_PORT: '80' },
    files: {
      '/etc/os-release': BUSTER_RELEASE,
      '/etc/debian_version': '10.4\n',
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/etc/nginx/templates/default.conf.template': ECHO_NGINX_CONF,
      '/usr/share/nginx/html/50x.html': NGINX_50X,
      '/docker-entrypoint.sh': ENTRYPOINT,
    },
    dirs: ['/etc/nginx/conf.d', '/usr/share/nginx/html', '/var/log/nginx', '/var/cache/nginx', '/docker-entrypoint.d'],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    servers: [{ port: '${NGINX_PORT:-80}', kind: 'echo-nginx' }],
    daemons: NGINX_DAEMONS,
    startLog: [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: error: IPv6 listen already enabled',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/default.conf.template to /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ],
  },
  {
    match: ['nginx'],
    base: 'debian',
    env: { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' },
    files: {
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
      '/usr/share/nginx/html/index.html': NGINX_WELCOME,
      '/usr/share/nginx/html/50x.html': NGINX_50X,
      '/docker-entrypoint.sh': ENTRYPOINT,
    },
    dirs: ['/var/log/nginx', '/var/cache/nginx', '/docker-entrypoint.d'],
    programs: ['curl'],
    curl: '7.88.1',
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    servers: [{ port: 80, kind: 'nginx' }],
    daemons: NGINX_DAEMONS,
    startLog: nginxStartLog('1.27.3', '12.2.0 (Debian 12.2.0-14)'),
  },
  {
    match: ['gihyodocker/echo'],
    base: 'debian',
    bash: '4.4',
    env: { PATH: '/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', GOLANG_VERSION: '1.9.7', GOPATH: '/go' },
    files: { '/etc/os-release': STRETCH_RELEASE, '/etc/debian_version': '9.5\n', '/echo/main.go': ECHO_MAIN_GO },
    dirs: ['/go/bin', '/go/src', '/usr/local/go/bin'],
    programs: ['curl'],
    curl: '7.52.1',
    workingDir: '/go',
    cmd: ['go', 'run', '/echo/main.go'],
    servers: [{ port: 8080, kind: 'gihyo-echo' }],
    daemons: ['go', '/usr/local/go/bin/go'],
    startLog: ['{go_time} start server'],
  },
  {
    match: ['gihyodocker/nginx-proxy', 'gihyodocker/nginx'],
    base: 'debian',
    bash: '4.4',
    env: { NGINX_VERSION: '1.13.12-1~stretch', NJS_VERSION: '1.13.12.0.2.0-1~stretch' },
    files: { '/etc/os-release': STRETCH_RELEASE, '/etc/debian_version': '9.4\n', '/etc/nginx/nginx.conf.tmpl': PROXY_CONF },
    dirs: ['/etc/nginx/conf.d', '/var/log/nginx', '/var/cache/nginx'],
    entrypoint: ['render', '/etc/nginx/nginx.conf', '--'],
    cmd: ['nginx', '-g', 'daemon off;'],
    servers: [{ port: 80, kind: 'proxy' }],
    daemons: ['nginx'],
  },
  {
    match: ['gihyodocker/fundamental'],
    base: 'alpine',
    bash: '4.4',
    files: { '/etc/alpine-release': '3.8.1\n' },
    programs: ['bash', 'curl', 'dig', 'nslookup', 'host'],
    curl: '7.61.1',
    dig: '9.16',
    cmd: ['/bin/sh'],
  },
  {
    match: ['amsy810/tools'],
    base: 'ubuntu',
    programs: ['curl', 'dig', 'nslookup', 'host', 'ping'],
    curl: '7.68.0',
    dig: '9.16',
    cmd: ['/bin/bash'],
  },
  { match: ['centos:6*', 'centos:centos6*'], base: 'centos6', programs: ['curl', 'dig', 'nslookup', 'host'], curl: '7.19.7', dig: '9.8', cmd: ['/bin/bash'] },
  { match: ['centos'], base: 'centos7', programs: ['curl', 'dig', 'nslookup', 'host'], curl: '7.29.0', dig: '9.11', cmd: ['/bin/bash'] },
  { match: ['busybox'], base: 'busybox', cmd: ['sh'] },
  { match: ['alpine'], base: 'alpine', cmd: ['/bin/sh'] },
  { match: ['ubuntu'], base: 'ubuntu', cmd: ['/bin/bash'] },
  { match: ['debian'], base: 'debian', cmd: ['bash'] },
  { ...k8s('coredns/coredns'), daemons: ['/coredns', 'coredns'], entrypoint: ['/coredns'], startLog: COREDNS_LOG },
  k8s('kube-apiserver', [{ port: 6443, kind: 'apiserver', tls: { trusted: false } }]),
  k8s('kube-controller-manager'),
  k8s('kube-scheduler'),
  k8s('kube-proxy'),
  k8s('etcd'),
];

/** What an image kctl does not know is: a Debian-like container whose own program does nothing visible. */
export const UNKNOWN_IMAGE: ImageSpec = { match: ['*'], base: 'debian', opaque: true };
