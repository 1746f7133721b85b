// The programs of one machine: coreutils (with sleep on simulated time), the shells its image
// has (loaded only when a shell runs), and the network tools in the versions the image ships.

import { digProgram, hostProgram, nslookupProgram } from './dns/index.js';
import { coreutils } from '../coreutils/index.js';
import { dateWith } from '../coreutils/date.js';
import { hostnameWith, sleepWith } from '../coreutils/system.js';
import type { Image } from '../images/index.js';
import type { Machine } from '../machine.js';
import type { Program } from '../program.js';
import type { Flavor } from '../shell/messages.js';
import { busyboxNslookupProgram } from './bbnslookup.js';
import { curlProgram } from './curl/index.js';
import { programPaths } from './names.js';
import { pingProgram } from './ping.js';
import { wgetProgram } from './wget.js';

export interface Toolbox {
  programs: Record<string, Program>;
  /** Names the image has (the shell runs only these). */
  available: Set<string>;
  /** Program name → directory of its executable. */
  paths: Map<string, string>;
}

export function toolbox(machine: Machine, image: Image): Toolbox {
  const { base, spec } = image;
  const paths = programPaths(image);
  const programs: Record<string, Program> = {};
  const available = new Set<string>();
  if (base.coreutils) {
    Object.assign(programs, coreutils, {
      sleep: sleepWith((ms, signal) => machine.world.clock.sleep(ms, signal)),
      date: dateWith(() => machine.world.clock.now()),
      hostname: hostnameWith(() => [machine.ip]),
    });
  }
  const bashVersion = spec.bash ?? base.bash ?? '5.2';
  const shell =
    (name: Flavor, version?: string): Program =>
    async (ctx) => {
      const { createShell } = await import('../shell/index.js');
      return createShell({ name, version, programs, available, random: () => machine.world.cluster.rand.next(), now: () => machine.world.clock.now() })(ctx);
    };
  if (base.sh === 'dash') programs.sh = programs.dash = shell('sh');
  else if (base.sh === 'bash') programs.sh = shell('bash', bashVersion);
  else if (base.sh === 'ash') programs.sh = programs.ash = shell('ash');
  if (paths.has('bash')) programs.bash = shell('bash', bashVersion);
  const tools = machine.tools;
  const dns = () => machine.dns();
  if (paths.has('curl')) programs.curl = curlProgram(machine);
  if (paths.has('wget')) programs.wget = wgetProgram(machine);
  if (paths.has('ping')) programs.ping = pingProgram(machine, base.busybox ? 'busybox' : image.spec.base.startsWith('centos') ? 'iputils-old' : 'iputils');
  if (paths.has('dig')) programs.dig = digProgram(dns());
  if (paths.has('host')) programs.host = hostProgram(dns());
  if (paths.has('nslookup')) programs.nslookup = tools.busybox ? busyboxNslookupProgram(dns) : nslookupProgram(dns());
  for (const name of paths.keys()) if (programs[name]) available.add(name);
  if (available.has('test')) available.add('[');
  return { programs, available, paths };
}
