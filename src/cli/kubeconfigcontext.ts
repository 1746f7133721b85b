// The context a command runs in, as clientcmd's client config resolves it: the current context
// (or --context), with --cluster and --user overriding its parts. kctl reads two things from it:
// the namespace, and the state file its cluster names in the `kctl` extension (which kubectl
// accepts and ignores), so several fake clusters can sit side by side as contexts.

import { CliError } from './errors.js';
import type { Config } from './kubeconfig.js';
import { KCTL, load, loadingRules } from './kubeconfigloader.js';

export interface Overrides {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
}

export interface ContextInfo {
  /** The context's name, '' when there is none. */
  name: string;
  namespace?: string;
  /** The state file the context's cluster names. */
  state?: string;
}

/** The state path of a cluster stanza's kctl extension. */
export function stateOfCluster(body: Record<string, unknown> | undefined): string | undefined {
  const extensions = (body?.extensions ?? []) as { name?: string; extension?: { state?: unknown } }[];
  const state = extensions.find((e) => e?.name === KCTL)?.extension?.state;
  return typeof state === 'string' && state ? state : undefined;
}

export function resolveContext(config: Config, o: Overrides): ContextInfo {
  const name = o.context || config.currentContext;
  const context = config.contexts.get(name)?.body as { cluster?: string; user?: string; namespace?: string } | undefined;
  if (name && !context) throw new CliError(`Error in configuration: context was not found for specified context: ${name}`);
  const clusterName = o.cluster || context?.cluster || '';
  const cluster = config.clusters.get(clusterName);
  if (o.cluster && !cluster) throw new CliError(`no server found for cluster "${o.cluster}"`);
  if (o.user && !config.users.has(o.user)) throw new CliError(`auth info "${o.user}" does not exist`);
  return { name, namespace: context?.namespace || undefined, state: stateOfCluster(cluster?.body) };
}

/** The command's context, read through the parse cache. */
export async function currentContext(o: Overrides, env: NodeJS.ProcessEnv): Promise<ContextInfo> {
  const { config } = await load(loadingRules(o.kubeconfig, env), env, true);
  return resolveContext(config, o);
}
