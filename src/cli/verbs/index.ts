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
  set: () => import('./set.js').then((m) => m.registerSet),
  explain: () => import('./explain.js').then((m) => m.registerExplain),
  edit: () => import('./edit.js').then((m) => m.registerEdit),
  autoscale: () => import('./autoscale.js').then((m) => m.registerAutoscale),
  certificate: () => import('./certificate.js').then((m) => m.registerCertificate),
  top: () => import('./top.js').then((m) => m.registerTop),
  drain: () => import('./drain.js').then((m) => m.registerDrain),
  taint: () => import('./taint.js').then((m) => m.registerTaint),
  attach: () => import('./attach.js').then((m) => m.registerAttach),
  proxy: () => import('./proxy.js').then((m) => m.registerProxy),
  cp: () => import('./cp.js').then((m) => m.registerCp),
  auth: () => import('./auth.js').then((m) => m.registerAuth),
  debug: () => import('./debug.js').then((m) => m.registerDebug),
  events: () => import('./events.js').then((m) => m.registerEvents),
  diff: () => import('./diff.js').then((m) => m.registerDiff),
  patch: () => import('./patch.js').then((m) => m.registerPatch),
  replace: () => import('./replace.js').then((m) => m.registerReplace),
  kustomize: () => import('./kustomize.js').then((m) => m.registerKustomize),
  config: () => import('./config.js').then((m) => m.registerConfig),
  plugin: () => import('./plugin.js').then((m) => m.registerPlugin),
};

/** Verb names (and aliases) served by a module other than the one named like them. */
const MODULE_OF: Record<string, string> = {
  annotate: 'label',
  version: 'info',
  'api-resources': 'info',
  'api-versions': 'info',
  'cluster-info': 'info',
  cluster: 'info',
  cordon: 'drain',
  uncordon: 'drain',
  alpha: 'info',
};

/** Global flags that take a value, so the verb is not mistaken for it. */
const GLOBAL_WITH_VALUE = new Set(['-n', '--namespace', '--state', '--v', '--kubeconfig', '--context', '--cluster', '--user']);

/** Words kctl answers itself, so a plugin of that name is never looked for. */
export function isCommand(word: string): boolean {
  return Object.hasOwn(MODULES, word) || Object.hasOwn(MODULE_OF, word) || ['help', 'options', '__complete', '__completeNoDesc'].includes(word);
}

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
