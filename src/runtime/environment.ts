// A process's environment as the container runtime builds it: PATH and HOSTNAME, the image's
// ENV, then what the kubelet passed when the container started (env, envFrom and the Service
// variables, recorded in the container's runtime state), TERM with a TTY, and HOME.

import type { Image } from './images/index.js';

export function containerEnv(image: Image, hostname: string, kubelet: Record<string, string> | undefined, tty: boolean): Map<string, string> {
  const env = new Map<string, string>();
  env.set('PATH', image.spec.env?.PATH ?? image.base.path);
  env.set('HOSTNAME', hostname);
  for (const [k, v] of Object.entries(image.spec.env ?? {})) if (k !== 'PATH') env.set(k, v);
  for (const [k, v] of Object.entries(kubelet ?? {})) env.set(k, v);
  if (tty && !env.has('TERM')) env.set('TERM', 'xterm');
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}
