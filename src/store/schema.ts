// The layout of the state file. Bump STATE_VERSION when it changes and teach migrate() the step.

import type { KObject } from '../api/types.js';
import type { ChangeLog, ChangeRecord } from './history.js';

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
  /**
   * Controllers whose work the last command's budget cut short (controllers/budget.ts): the next
   * command that writes runs them first. Absent when every controller is idle.
   */
  queued?: string[];
  /**
   * Pods (`namespace/name`) with containers waiting for a ConfigMap, a Secret or one of their
   * keys (CreateContainerConfigError): the kubelet tries them again when one is written. Absent
   * when none waits.
   */
  waitingConfig?: string[];
  /** The change history for watches (store/history.ts): version → change, and its index. */
  changes?: Record<string, ChangeRecord>;
  recentChanges?: Record<string, ChangeRecord>;
  changeLog?: ChangeLog;
}

/** The shape of the fake cluster, chosen at `kctl cluster reset` (cluster/config.ts). */
export interface NodeConfig {
  name: string;
  role: 'control-plane' | 'worker';
  internalIP: string;
  podCIDR: string;
}

export interface ClusterConfig {
  name: string;
  kubernetesVersion: string;
  createdAt: string;
  nodes: NodeConfig[];
  serviceCIDR: string;
  podCIDR: string;
  nodePortRange: { min: number; max: number };
  /** Addresses the built-in load-balancer controller hands to LoadBalancer Services. */
  loadBalancerPool: { first: string; last: string };
  clusterDomain: string;
  dnsTTL: number;
  maxPodsPerNode: number;
  /** Pods the cluster holds at most; more are refused as an exhausted quota would refuse them (older states: MAX_PODS). */
  maxPods?: number;
  /** Objects the controllers create or delete in one command, when not the default 5,000. */
  writesPerCommand?: number;
  /** Whether the ingress-nginx add-on is installed. */
  ingressNginx: boolean;
}

export class StateFormatError extends Error {}

/**
 * The steps from each older layout to the next: MIGRATIONS[v] turns version v into v + 1.
 * Versions below the first entry predate any kctl that could write them and are refused.
 */
const MIGRATIONS: Record<number, (data: Record<string, unknown>) => void> = {};
const OLDEST_READABLE = Math.min(STATE_VERSION, ...Object.keys(MIGRATIONS).map(Number));
const READABLE = OLDEST_READABLE === STATE_VERSION ? `version ${STATE_VERSION}` : `versions ${OLDEST_READABLE} to ${STATE_VERSION}`;

/** Brings a state written by an older kctl up to date, or refuses it. */
export function migrate(raw: unknown, file: string): StateData {
  const data = raw as Partial<StateData> | null;
  const startOver = `run "kctl cluster reset --state ${file}" to start over (or move the file away)`;
  if (!data || typeof data !== 'object' || Array.isArray(data) || data.kind !== STATE_KIND || typeof data.version !== 'number' || !Number.isInteger(data.version)) {
    throw new StateFormatError(`the state file ${file} is not a kctl state file; ${startOver}`);
  }
  if (data.version > STATE_VERSION) {
    throw new StateFormatError(
      `the state file ${file} was written by a newer kctl (state version ${data.version}; this kctl reads ${READABLE}); upgrade kctl, or ${startOver}`,
    );
  }
  if (data.version < OLDEST_READABLE) {
    throw new StateFormatError(
      `the state file ${file} was written by an older kctl (state version ${data.version}; this kctl reads ${READABLE}) and cannot be migrated; ${startOver}`,
    );
  }
  for (let v = data.version; v < STATE_VERSION; v++) {
    MIGRATIONS[v](data as Record<string, unknown>);
    data.version = v + 1;
  }
  if (!data.objects || typeof data.objects !== 'object' || !data.config || typeof data.resourceVersion !== 'number') {
    throw new StateFormatError(`the state file ${file} is damaged (its objects, config or resourceVersion are missing); ${startOver}`);
  }
  // `in`, not `??=`: reading a section would parse it (store/layout.ts).
  if (!('containers' in data)) data.containers = {};
  if (!('ipam' in data)) data.ipam = {};
  if (!('affinity' in data)) data.affinity = {};
  return data as StateData;
}
