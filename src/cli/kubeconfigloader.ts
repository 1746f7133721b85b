// clientcmd's loading rules for kctl: which kubeconfig files are read (--kubeconfig, else the
// KUBECONFIG list merged, else kctl's own file), how they merge, and where a change is written.
// kctl's own file is $KCTL_KUBECONFIG, else $XDG_CONFIG_HOME/kctl/config (~/.config/kctl/config):
// never ~/.kube/config, which belongs to real clusters. Until it exists kctl acts as if it held
// one context `kctl` for the default state file (builtIn); the first change writes it whole.

import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectory } from '../store/statepath.js';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Config, type Entry, fromV1, KubeconfigError, newConfig, readV1, shapeEntry, writeFile } from './kubeconfig.js';
import { readV1Cached } from './kubeconfigcache.js';
import { defaultStatePath } from '../store/statefile.js';

/** The name of the built-in context, cluster and user, and of the cluster extension holding the state path. */
export const KCTL = 'kctl';

export interface LoadingRules {
  /** --kubeconfig: only this file is read and written. */
  explicitPath?: string;
  /** The files read, first wins. */
  precedence: string[];
  /** Neither --kubeconfig nor KUBECONFIG: kctl's own file, with the built-in config while it is missing. */
  ownFile: boolean;
}

export function ownKubeconfigPath(env: NodeJS.ProcessEnv): string {
  if (env.KCTL_KUBECONFIG) return resolve(env.KCTL_KUBECONFIG);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'kctl', 'config');
}

export function loadingRules(explicit: string | undefined, env: NodeJS.ProcessEnv): LoadingRules {
  if (explicit) return { explicitPath: explicit, precedence: [explicit], ownFile: false };
  // filepath.SplitList, each path once.
  const list = [...new Set((env.KUBECONFIG ?? '').split(':').filter(Boolean))];
  if (list.length) return { precedence: list, ownFile: false };
  return { precedence: [ownKubeconfigPath(env)], ownFile: true };
}

const exists = (file: string) => {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
};

/** PathOptions.GetDefaultFilename: where a new stanza goes. */
export function defaultFilename(rules: LoadingRules): string {
  if (rules.explicitPath || rules.precedence.length === 1) return rules.precedence[0];
  return rules.precedence.find(exists) ?? rules.precedence[rules.precedence.length - 1];
}

/** What kctl acts on before its own kubeconfig exists: context kctl, for the default state file. */
export function builtIn(env: NodeJS.ProcessEnv): Config {
  const config = newConfig();
  const origin = '';
  const extensions = [{ name: KCTL, extension: { state: defaultStatePath(env) } }];
  config.clusters.set(KCTL, { body: shapeEntry('clusters', { extensions }), origin });
  config.users.set(KCTL, { body: {}, origin });
  config.contexts.set(KCTL, { body: shapeEntry('contexts', { cluster: KCTL, user: KCTL }), origin });
  config.currentContext = KCTL;
  return config;
}

export interface Loaded {
  config: Config;
  /** True while kctl's own kubeconfig does not exist and the built-in config stands in. */
  builtIn: boolean;
}

/**
 * The merged config: of stanzas with one name the first file's wins, and the first file that
 * names a current context sets it. `cached` reads through the parse cache (every command's start).
 */
export async function load(rules: LoadingRules, env: NodeJS.ProcessEnv, cached = false): Promise<Loaded> {
  const merged = newConfig();
  let found = false;
  for (const file of rules.precedence) {
    const raw = cached ? await readV1Cached(file, env) : await readV1(file);
    if (raw === undefined) continue;
    found = true;
    const one = fromV1(raw, file);
    for (const section of ['clusters', 'users', 'contexts'] as const) {
      for (const [name, entry] of one[section]) if (!merged[section].has(name)) merged[section].set(name, entry);
    }
    if (!merged.currentContext) merged.currentContext = one.currentContext;
    if (!merged.preferences.colors && one.preferences.colors) merged.preferences = { ...merged.preferences, colors: true };
    if (!merged.extensions && one.extensions) merged.extensions = one.extensions;
  }
  if (!found && rules.ownFile) return { config: builtIn(env), builtIn: true };
  return { config: merged, builtIn: false };
}

const same = (a: Entry | undefined, b: Entry | undefined) => JSON.stringify(a?.body) === JSON.stringify(b?.body);

/**
 * clientcmd.ModifyConfig: each changed or new stanza is written to the file it came from (a new
 * one to the default file), a deleted one removed from its file, the current context set in the
 * default file (or cleared where it was set).
 */
export async function modify(rules: LoadingRules, start: Loaded, next: Config): Promise<void> {
  const locked: string[] = [];
  try {
    // kubectl's lock: `<file>.lock`, created exclusively, in sorted order; a held one fails the command.
    for (const file of [...rules.precedence].sort()) {
      makeDirectory(dirname(file));
      try {
        closeSync(openSync(`${file}.lock`, 'wx', 0));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new KubeconfigError(`open ${file}.lock: ${code === 'EEXIST' ? 'file exists' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      }
      locked.push(file);
    }
    await modifyLocked(rules, start, next);
  } finally {
    for (const file of locked) {
      try {
        unlinkSync(`${file}.lock`);
      } catch {}
    }
  }
}

async function modifyLocked(rules: LoadingRules, start: Loaded, next: Config): Promise<void> {
  if (start.builtIn) {
    // kctl's own file is born with everything the built-in config held.
    const file = rules.precedence[0];
    for (const section of ['clusters', 'users', 'contexts'] as const) for (const e of next[section].values()) e.origin = file;
    return writeFile(next, file);
  }
  const files = new Map<string, Config>();
  const fileConfig = async (file: string) => {
    let c = files.get(file);
    if (!c) files.set(file, (c = fromV1((await readV1(file)) ?? null, file)));
    return c;
  };
  const dirty = new Set<string>();
  const old = start.config;
  if (old.currentContext !== next.currentContext) {
    let file: string | undefined;
    if (rules.explicitPath || next.currentContext) file = defaultFilename(rules);
    else {
      for (const f of rules.precedence) if (exists(f) && (await fileConfig(f)).currentContext) (file ??= f);
      if (!file) throw new Error('no config found to write context');
    }
    (await fileConfig(file)).currentContext = next.currentContext;
    dirty.add(file);
  }
  if (JSON.stringify(old.preferences) !== JSON.stringify(next.preferences)) {
    // Preferences go to the first file whose own differ (writePreferences).
    let file = rules.explicitPath;
    for (const f of rules.precedence) if (!file && JSON.stringify((await fileConfig(f)).preferences) !== JSON.stringify(next.preferences)) file = f;
    if (!file) throw new Error('no config found to write preferences');
    (await fileConfig(file)).preferences = next.preferences;
    dirty.add(file);
  }
  for (const section of ['clusters', 'contexts', 'users'] as const) {
    for (const [name, entry] of next[section]) {
      const before = old[section].get(name);
      if (before && same(before, entry)) continue;
      const file = entry.origin || defaultFilename(rules);
      (await fileConfig(file))[section].set(name, { body: entry.body, origin: file });
      dirty.add(file);
    }
    for (const [name, entry] of old[section]) {
      if (next[section].has(name)) continue;
      const file = entry.origin || defaultFilename(rules);
      (await fileConfig(file))[section].delete(name);
      dirty.add(file);
    }
  }
  for (const file of dirty) await writeFile(files.get(file)!, file);
}
