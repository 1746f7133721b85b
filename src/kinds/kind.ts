// What the API server knows about one kind: defaulting, validation, update rules and the table
// columns it prints. Each kind lives in its own module and registers a Kind; kubectl's describe
// layout lives beside it, in <kind>.describe.ts (kinds/describe.ts lists them).

import type { FieldError } from '../api/errors.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';

export interface TableColumn {
  name: string;
  /** 1: only with `-o wide`. */
  priority?: 1;
  cell(obj: KObject, ctx: PrintContext): string;
}

export interface PrintContext {
  cluster: Cluster;
  now: number;
  /** -o wide: load-balancer addresses are not clipped to 16 characters. */
  wide?: boolean;
  /** describe --show-events=false leaves the Events section out. */
  showEvents?: boolean;
}

export interface Kind {
  info: ResourceInfo;
  /** How metadata.name is validated; DNS-1123 subdomain unless the kind says otherwise. */
  validateName?(name: string): string[];
  /** Converts an accepted older apiVersion into the stored one. */
  convert?(obj: KObject): KObject;
  /** Fills the defaults the API server fills (SetDefaults_* and PrepareForCreate). */
  defaults?(obj: KObject, cluster: Cluster): void;
  validate?(obj: KObject, cluster: Cluster): FieldError[];
  /** What the strategy sets on a new object beyond defaults (PrepareForCreate). */
  prepareForCreate?(obj: KObject): void;
  /** Keeps what the server owns on update (status, allocated fields) and checks immutables. */
  prepareForUpdate?(obj: KObject, old: KObject, cluster: Cluster): void;
  validateUpdate?(obj: KObject, old: KObject, cluster: Cluster): FieldError[];
  /** Allocations (ClusterIPs, NodePorts) after validation passed; errors abort the request. */
  allocate?(obj: KObject, old: KObject | undefined, cluster: Cluster): FieldError[];
  columns?: TableColumn[];
  /** Events are the one kind whose table has no leading NAME column. */
  nameColumn?: false;
}

/** kubectl describe's layout for a kind (in <kind>.describe.ts beside the kind). */
export type Describer = (obj: KObject, ctx: PrintContext) => string;
