// What the API server knows about one kind: defaulting, validation, update rules and the table
// columns it prints. Each kind lives in its own module and registers a Kind; kubectl's describe
// layout lives beside it, in <kind>.describe.ts (kinds/describe.ts lists them).

import type { FieldError } from '../api/errors.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { KObject, ObjectOf } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';

export interface TableColumn<R extends string = string> {
  name: string;
  /** 1: only with `-o wide`. */
  priority?: 1;
  /** `name`: the column kubectl prefixes with the kind (a kind without a leading NAME column). */
  format?: 'name';
  cell(obj: ObjectOf<R>, ctx: PrintContext): string;
}

export interface PrintContext {
  cluster: Cluster;
  now: number;
  /** -o wide: load-balancer addresses are not clipped to 16 characters. */
  wide?: boolean;
  /** describe --show-events=false leaves the Events section out. */
  showEvents?: boolean;
}

/** A kind's hooks see its objects typed (`Kind<'pods'>` gets Pods). */
export interface Kind<R extends string = string> {
  info: ResourceInfo<R>;
  /** How metadata.name is validated; DNS-1123 subdomain unless the kind says otherwise. */
  validateName?(name: string): string[];
  /** Converts an accepted older apiVersion into the stored one. */
  convert?(obj: KObject): KObject;
  /** Converts a stored object into another version the server serves it in (otherVersions), for a client that asks in that version. */
  convertTo?(obj: KObject, apiVersion: string): KObject;
  /** Fills the defaults the API server fills (SetDefaults_* and PrepareForCreate). */
  defaults?(obj: ObjectOf<R>, cluster: Cluster): void;
  validate?(obj: ObjectOf<R>, cluster: Cluster): FieldError[];
  /** What the strategy sets on a new object beyond defaults (PrepareForCreate). */
  prepareForCreate?(obj: ObjectOf<R>): void;
  /** Keeps what the server owns on update (status, allocated fields) and checks immutables. */
  prepareForUpdate?(obj: ObjectOf<R>, old: ObjectOf<R>, cluster: Cluster): void;
  validateUpdate?(obj: ObjectOf<R>, old: ObjectOf<R>, cluster: Cluster): FieldError[];
  /** BeginCreate/BeginUpdate: allocations (ClusterIPs, NodePorts) before validation; errors abort the request. */
  allocate?(obj: ObjectOf<R>, old: ObjectOf<R> | undefined, cluster: Cluster): FieldError[];
  columns?: TableColumn<R>[];
  /** Events are the one kind whose table has no leading NAME column. */
  nameColumn?: false;
}

/** kubectl describe's layout for a kind (in <kind>.describe.ts beside the kind). */
export type Describer<R extends string = string> = (obj: ObjectOf<R>, ctx: PrintContext) => string;
