// The shape of an image in the catalogue: what a container of it holds (files, environment,
// tools and their versions), what its main process is, and what listens on which port.
// Entries are plain data, so users can add their own in a YAML file (see user.ts).

import type { DigFlavor } from '../programs/dns/index.js';

/** The distribution an image is built on; it brings /etc, the shells and the C library. */
export type BaseName = 'debian' | 'ubuntu' | 'centos6' | 'centos7' | 'alpine' | 'busybox' | 'distroless';

/** One port a container serves. */
export interface ServerSpec {
  /** A number, or `$VAR` / `${VAR:-80}` read from the container's environment. */
  port: number | string;
  /** A key of SERVER_KINDS (servers/index.ts): nginx, echo-nginx, gihyo-echo, proxy, static, … */
  kind: string;
  /** Answers over TLS; `trusted` when clients accept its certificate without -k. */
  tls?: { trusted: boolean };
  /** The fixed answer of a `static` server. */
  response?: StaticResponse;
  /** One line per request; placeholders as in servers/accesslog.ts. Defaults per kind. */
  accessLog?: string;
}

export interface StaticResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ImageSpec {
  /**
   * The references this entry describes: `repo` (any tag) or `repo:tag`, with `*` matching any
   * run of characters. Docker Hub's `docker.io/` and `library/` prefixes are ignored.
   */
  match: string[];
  base: BaseName;
  /** Absolute path → content, on top of the base. */
  files?: Record<string, string>;
  dirs?: string[];
  env?: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  /** Programs beyond what the base has (curl, dig, nslookup, host, ping, wget, bash). */
  programs?: string[];
  /** Programs the base has that this image removed. */
  without?: string[];
  /** The curl release (`7.29.0`); its messages and options follow that release. */
  curl?: string;
  dig?: DigFlavor;
  /** bash's major.minor, when the image has bash. */
  bash?: string;
  servers?: ServerSpec[];
  /**
   * Executables that are the image's long-running main process (a daemon): a container whose
   * command starts one of them runs its servers instead of a finite command.
   */
  daemons?: string[];
  /** What the main process logs when it starts; `{go_time}` is the Go log timestamp. */
  startLog?: string[];
  /** An image kctl knows nothing about: commands it cannot interpret count as its own daemon. */
  opaque?: boolean;
}
