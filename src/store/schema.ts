// The layout of the state file. Bump STATE_VERSION when it changes and teach migrate() the step.

import type { KObject } from '../api/types.js';
import type { ClusterConfig } from '../cluster/config.js';

export const STATE_KIND = 'KctlState';
export const STATE_VERSION = 1;

/** What simulated containers changed: files over the image, and log lines. */
export interface ContainerRuntimeState {
  fs: Record<string, unknown>;
  log: string[];
  /** The environment the kubelet gave the container when it started (Service variables included). */
  env?: Record<string, string>;
  /**
   * A main process (a command) still to be started: `pending` until the runtime runs it after the
   * controllers settle, `attach` while it waits for a client to attach to its stdin.
   */
  start?: 'pending' | 'attach';
}

export interface StateData {
  kind: typeof STATE_KIND;
  version: number;
  config: ClusterConfig;
  /** Last resourceVersion handed out; the store's logical clock. */
  resourceVersion: number;
  /** resource (plural) → `namespace/name` or `name` → object. */
  objects: Record<string, Record<string, KObject>>;
  /** pod uid → container name → runtime state. */
  containers: Record<string, Record<string, ContainerRuntimeState>>;
  /** host-local IPAM: per node, the index of the last pod address handed out. */
  ipam: Record<string, number>;
  /** kube-proxy's ClientIP session-affinity table: `svcKey|clientIP` → {endpoint, expires}. */
  affinity: Record<string, { endpoint: string; expires: number }>;
}

export class StateFormatError extends Error {}

/** Brings a state written by an older kctl up to date, or refuses it. */
export function migrate(raw: unknown, file: string): StateData {
  const data = raw as Partial<StateData> | null;
  if (!data || typeof data !== 'object' || data.kind !== STATE_KIND || typeof data.version !== 'number') {
    throw new StateFormatError(
      `the state file ${file} is not a kctl state file; move it away or run "kctl cluster reset --state ${file}" to start over`,
    );
  }
  if (data.version > STATE_VERSION) {
    throw new StateFormatError(
      `the state file ${file} was written by a newer kctl (state version ${data.version}, this kctl reads up to ${STATE_VERSION}); upgrade kctl or run "kctl cluster reset" to start over`,
    );
  }
  // Version 1 is the first layout; later versions add their steps here.
  return data as StateData;
}
