// The verbs of kctl, each in its own module. Only the module of the verb being run is loaded
// (kctl is started hundreds of times by scripts); help, completion and unknown words load all.

import type { Command } from 'commander';
import type { Action } from '../root.js';

type Register = (program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>) => void;

const MODULES: Record<string, () => Promise<Register>> = {
  get: () => import('./get.js').then((m) => m.registerGet),
  describe: () => import('./describe.js').then((m) => m.registerDescribe),
  apply: () => import('./apply.js').then((m) => m.registerApply),
  create: () => import('./create.js').then((m) => m.registerCreate),
  delete: () => import('./delete.js').then((m) => m.registerDelete),
  label: () => import('./label.js').then((m) => m.registerLabel),
  scale: () => import('./scale.js').then((m) => m.registerScale),
  expose: () => import('./expose.js').then((m) => m.registerExpose),
  rollout: () => import('./rollout.js').then((m) => m.registerRollout),
  run: () => import('./run.js').then((m) => m.registerRun),
  exec: () => import('./exec.js').then((m) => m.registerExec),
  logs: () => import('./logs.js').then((m) => m.registerLogs),
  host: () => import('./host.js').then((m) => m.registerHost),
  'port-forward': () => import('./portforward.js').then((m) => m.registerPortForward),
  info: () => import('./info.js').then((m) => m.registerInfo),
  completion: () => import('./completion.js').then((m) => m.registerCompletion),
  demo: () => import('./demo.js').then((m) => m.registerDemo),
  serve: () => import('./serve.js').then((m) => m.registerServe),
  wait: () => import('./wait.js').then((m) => m.registerWait),
};

/** Verb names (and aliases) served by a module other than the one named like them. */
const MODULE_OF: Record<string, string> = {
  annotate: 'label',
  version: 'info',
  'api-resources': 'info',
  'cluster-info': 'info',
  cluster: 'info',
};

/** Global flags that take a value, so the verb is not mistaken for it. */
const GLOBAL_WITH_VALUE = new Set(['-n', '--namespace', '--state', '--v']);

function verbOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

export async function registerVerbs(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>, argv: string[]): Promise<void> {
  const verb = verbOf(argv);
  // Own properties only: `kctl __proto__` is an unknown verb, not Object.prototype.
  const module = verb === undefined ? undefined : Object.hasOwn(MODULE_OF, verb) ? MODULE_OF[verb] : Object.hasOwn(MODULES, verb) ? verb : undefined;
  const wanted = module && module !== 'completion' ? [module] : Object.keys(MODULES);
  for (const register of await Promise.all(wanted.map((m) => MODULES[m]()))) register(program, wrap);
}
