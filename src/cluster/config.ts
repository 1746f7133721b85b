// The shape of the fake cluster: nodes, address ranges and add-ons. Stored in the state file
// and chosen at `kctl cluster reset` (flags or a small YAML config file).

import type { ClusterConfig, NodeConfig } from '../store/schema.js';
import { intToIp, ipToInt, isIPv4, parseCidr } from '../util/ip.js';

export interface ClusterShape {
  workers?: number;
  ingressNginx?: boolean;
  /** e.g. 10.96.0.0/12; `kubernetes` gets its first address and cluster DNS its tenth. */
  serviceCIDR?: string;
  /** e.g. 30000-32767 */
  nodePortRange?: string;
  /** e.g. 10.240.1.1-10.240.1.254 */
  loadBalancerPool?: string;
  /** From MIN_MAX_PODS (room for the system pods) to MAX_PODS. */
  maxPods?: number;
  /** Objects the controllers may create or delete in one command (controllers/budget.ts). */
  writesPerCommand?: number;
}

/**
 * The most pods a cluster holds: the 150,000 of Kubernetes' scalability thresholds. Past it the
 * API server refuses a pod the way an exhausted ResourceQuota does.
 */
export const MAX_PODS = 150_000;
const MIN_MAX_PODS = 100;

/** The default of writesPerCommand, and its bounds. */
export const WRITES_PER_COMMAND = 5000;
const MIN_WRITES = 10;
const MAX_WRITES = 100_000;

/** The controllers' budget per command (states written before it was configurable have the default). */
export function writesPerCommand(cfg: ClusterConfig): number {
  return cfg.writesPerCommand ?? WRITES_PER_COMMAND;
}

/** The cluster's pod cap (states written before it existed have the default). */
export function maxPods(cfg: ClusterConfig): number {
  return cfg.maxPods ?? MAX_PODS;
}

/** The nodes' network; kctl-host (the machine outside the cluster) has its first address. */
export const NODE_NETWORK = '10.240.0.0/16';
export const HOST_IP = '10.240.0.1';
const POD_CIDR = '10.244.0.0/16';

function ip(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function normalizeCidr(text: string): string {
  const c = parseCidr(text);
  return `${intToIp(c.base)}/${c.bits}`;
}

/** The n-th address of the Service CIDR (1: `kubernetes`, 10: cluster DNS), as kubeadm picks them. */
export function serviceIP(cfg: ClusterConfig, n: number): string {
  return intToIp(parseCidr(cfg.serviceCIDR).base + n);
}

/** Checks a cluster shape from flags or a config file; the message names the field. */
export function validateShape(shape: ClusterShape): string | undefined {
  if (shape.workers !== undefined && (!Number.isInteger(shape.workers) || shape.workers < 1 || shape.workers > 200)) {
    return 'workers must be a whole number of worker nodes from 1 to 200';
  }
  if (shape.maxPods !== undefined && (!Number.isInteger(shape.maxPods) || shape.maxPods < MIN_MAX_PODS || shape.maxPods > MAX_PODS)) {
    return `maxPods must be a whole number of pods from ${MIN_MAX_PODS} to ${MAX_PODS}`;
  }
  if (shape.writesPerCommand !== undefined && (!Number.isInteger(shape.writesPerCommand) || shape.writesPerCommand < MIN_WRITES || shape.writesPerCommand > MAX_WRITES)) {
    return `writesPerCommand must be a whole number of objects from ${MIN_WRITES} to ${MAX_WRITES}`;
  }
  if (shape.serviceCIDR !== undefined) {
    let c;
    try {
      c = parseCidr(String(shape.serviceCIDR));
    } catch {
      return `serviceCIDR: invalid CIDR address: ${shape.serviceCIDR}`;
    }
    if (c.bits < 8 || c.bits > 28) return `serviceCIDR: ${shape.serviceCIDR} must have a prefix length from 8 to 28`;
  }
  if (shape.nodePortRange !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(String(shape.nodePortRange));
    if (!m || +m[1] < 1 || +m[2] > 65535 || +m[1] > +m[2]) return `nodePortRange: "${shape.nodePortRange}" is not a port range like 30000-32767`;
  }
  if (shape.loadBalancerPool !== undefined) {
    const [a, b] = String(shape.loadBalancerPool).split('-');
    if (!isIPv4(a ?? '') || !isIPv4(b ?? '') || ipToInt(a) > ipToInt(b)) return `loadBalancerPool: "${shape.loadBalancerPool}" is not an address range like 10.240.1.1-10.240.1.254`;
  }
  return undefined;
}

/** A control-plane node and N workers on 10.240.0.0/16; the first workers are 10.240.0.7 and .8. */
export function defaultConfig(createdAt: string, shape: ClusterShape = {}): ClusterConfig {
  const workers = shape.workers ?? 3;
  const base = (10 << 24) | (240 << 16);
  const nodes: NodeConfig[] = [{ name: 'kctl-control-plane', role: 'control-plane', internalIP: '10.240.0.6', podCIDR: '10.244.0.0/24' }];
  for (let i = 1; i <= workers; i++) {
    nodes.push({
      name: i === 1 ? 'kctl-worker' : `kctl-worker${i}`,
      role: 'worker',
      internalIP: ip(base + 6 + i),
      podCIDR: `10.244.${i}.0/24`,
    });
  }
  return {
    name: 'kctl',
    kubernetesVersion: 'v1.32.2',
    createdAt,
    nodes,
    serviceCIDR: shape.serviceCIDR ? normalizeCidr(shape.serviceCIDR) : '10.96.0.0/12',
    podCIDR: POD_CIDR,
    nodePortRange: shape.nodePortRange ? { min: +shape.nodePortRange.split('-')[0], max: +shape.nodePortRange.split('-')[1] } : { min: 30000, max: 32767 },
    loadBalancerPool: shape.loadBalancerPool ? { first: shape.loadBalancerPool.split('-')[0], last: shape.loadBalancerPool.split('-')[1] } : { first: '10.240.1.1', last: '10.240.1.254' },
    clusterDomain: 'cluster.local',
    dnsTTL: 30,
    maxPodsPerNode: 110,
    maxPods: shape.maxPods ?? MAX_PODS,
    ...(shape.writesPerCommand !== undefined && { writesPerCommand: shape.writesPerCommand }),
    ingressNginx: shape.ingressNginx ?? true,
  };
}

/**
 * Where the address ranges of a cluster collide, as a message naming the field; undefined when
 * they do not. A ClusterIP handed out as a load balancer's address, or a Service range over the
 * pods' or the nodes' addresses, would make the same address mean two things.
 */
export function rangeConflict(cfg: ClusterConfig): string | undefined {
  const span = (c: string) => {
    const p = parseCidr(c);
    return { first: p.base, last: p.base + p.size - 1 };
  };
  const overlaps = (a: { first: number; last: number }, b: { first: number; last: number }) => a.first <= b.last && b.first <= a.last;
  const services = span(cfg.serviceCIDR);
  const pods = span(cfg.podCIDR);
  const nodes = span(NODE_NETWORK);
  const pool = { first: ipToInt(cfg.loadBalancerPool.first), last: ipToInt(cfg.loadBalancerPool.last) };
  const poolText = `loadBalancerPool: "${cfg.loadBalancerPool.first}-${cfg.loadBalancerPool.last}"`;
  if (overlaps(services, pods)) return `serviceCIDR: ${cfg.serviceCIDR} overlaps the pod network ${cfg.podCIDR}`;
  if (overlaps(services, nodes)) return `serviceCIDR: ${cfg.serviceCIDR} overlaps the nodes' network ${NODE_NETWORK}`;
  if (overlaps(pool, services)) return `${poolText} overlaps serviceCIDR ${cfg.serviceCIDR}, where ClusterIPs are allocated`;
  if (overlaps(pool, pods)) return `${poolText} overlaps the pod network ${cfg.podCIDR}`;
  // Load balancers may share the nodes' network (as MetalLB on kind's), not a machine's address.
  const machines: [string, string][] = [['kctl-host', HOST_IP], ...cfg.nodes.map((n): [string, string] => [`node ${n.name}`, n.internalIP])];
  const taken = machines.find(([, addr]) => ipToInt(addr) >= pool.first && ipToInt(addr) <= pool.last);
  if (taken) return `${poolText} includes the address of ${taken[0]} (${taken[1]})`;
  return undefined;
}
