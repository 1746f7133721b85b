// Which programs an image has and where their executables live, without loading any of them.

import { coreutils } from '../coreutils/index.js';
import type { Image } from '../images/index.js';

/** Program name → the directory of its executable. */
export function programPaths(image: Image): Map<string, string> {
  const { base, spec } = image;
  const out = new Map<string, string>();
  if (base.coreutils) for (const name of Object.keys(coreutils)) if (name !== '[') out.set(name, '/bin');
  if (base.sh) out.set('sh', '/bin');
  if (base.sh === 'dash') out.set('dash', '/bin');
  if (base.sh === 'ash') out.set('ash', '/bin');
  const tools = [...base.programs, ...(spec.programs ?? [])];
  if (base.bash || spec.bash || tools.includes('bash')) out.set('bash', '/bin');
  for (const t of tools) if (t !== 'bash') out.set(t, base.busybox && ['wget', 'nslookup', 'ping'].includes(t) ? '/bin' : '/usr/bin');
  for (const gone of spec.without ?? []) out.delete(gone);
  return out;
}
