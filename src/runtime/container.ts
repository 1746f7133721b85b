// One container of a pod, as programs and servers see it: the image's files with the
// container's own changes (kept in the state, so the next command sees them), its environment,
// its network identity, and its log.

import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import type { HostLookup } from '../networking/dns/index.js';
import type { DnsClientEnv } from './programs/dns/index.js';
import type { HttpRequest } from '../networking/http.js';
import type { ContainerRuntimeState } from '../store/schema.js';
import { containerEnv } from './environment.js';
import type { Stat, VirtualFS } from './fs.js';
import type { Image, ServerSpec } from './images/index.js';
import { appendLog, logTime } from '../store/containerlogs.js';
import type { Listener } from '../networking/types.js';
import type { Machine, Tools } from './machine.js';
import { OverlayFS, type FsDiff } from './overlayfs.js';
import { hostsFile, podHostname, resolvConf } from './podfiles.js';
import { accessLogLine } from './servers/accesslog.js';
import { SERVER_KINDS } from './servers/index.js';
import type { FetchResult, ServerHost } from './servers/types.js';
import { mountedFiles } from './volumes.js';
import type { World } from './world.js';
import { own, ownOrSet } from '../util/objects.js';

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * A VirtualFS that reports writes, so the command knows to save the state, and that finds the
 * layers anew when the container is rebound to a fresh read of the state.
 */
class TrackedFS implements VirtualFS {
  constructor(
    private readonly inner: () => OverlayFS,
    private readonly changed: () => void,
  ) {}

  stat(path: string): Stat | null {
    return this.inner().stat(path);
  }

  readFile(path: string): string | null {
    return this.inner().readFile(path);
  }

  list(path: string): string[] {
    return this.inner().list(path);
  }

  writeFile(path: string, content: string): void {
    this.inner().writeFile(path, content);
    if (path !== '/dev/null') this.changed();
  }

  appendFile(path: string, text: string): void {
    try {
      this.inner().appendFile(path, text);
    } finally {
      if (path !== '/dev/null') this.changed();
    }
  }

  mkdir(path: string): void {
    this.inner().mkdir(path);
    this.changed();
  }

  remove(path: string): void {
    this.inner().remove(path);
    this.changed();
  }

  chmod(path: string, mode: number): void {
    this.inner().chmod(path, mode);
    this.changed();
  }
}

export class ContainerHandle implements Machine, ServerHost {
  readonly kind = 'pod' as const;
  readonly image: Image;
  readonly fs: VirtualFS;
  private overlayCache?: OverlayFS;
  private diff?: FsDiff;

  constructor(
    public world: World,
    public pod: PodObject,
    readonly spec: Container,
  ) {
    this.image = world.images.resolve(spec.image ?? '');
    this.fs = new TrackedFS(
      () => this.overlay(),
      () => {
        this.ensureState().fs = this.diff!;
      },
    );
  }

  /**
   * Points the container at a fresh read of the state (an interactive session commits after
   * each line and reads again before the next); what runs in it keeps its handles.
   */
  rebind(world: World, pod: PodObject): void {
    this.world = world;
    this.pod = pod;
    this.overlayCache = undefined;
    this.diff = undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get cluster(): Cluster {
    return this.world.cluster;
  }

  get ip(): string {
    return this.pod.status?.podIP ?? '';
  }

  get nodeName(): string | undefined {
    return this.pod.spec?.nodeName;
  }

  get hostname(): string {
    return podHostname(this.pod);
  }

  get status(): ContainerStatus | undefined {
    const status = this.pod.status;
    return status?.containerStatuses?.find((s) => s.name === this.name) ?? status?.ephemeralContainerStatuses?.find((s) => s.name === this.name);
  }

  get running(): boolean {
    return !!this.status?.state?.running && !this.pod.metadata.deletionTimestamp;
  }

  get tools(): Tools {
    const { spec, base } = this.image;
    const has = (p: string) => base.programs.includes(p) || !!spec.programs?.includes(p);
    return { curl: has('curl') ? spec.curl ?? '7.88.1' : null, dig: spec.dig ?? '9.18', libc: base.libc, busybox: base.busybox && !spec.dig };
  }

  /** The runtime state in the state file; created when something is first written. */
  get state(): ContainerRuntimeState | undefined {
    return own(this.cluster.data.containers[this.pod.metadata.uid!], this.name);
  }

  private ensureState(): ContainerRuntimeState {
    const byName = (this.cluster.data.containers[this.pod.metadata.uid!] ??= {});
    const state = ownOrSet(byName, this.name, () => ({ fs: this.diff ?? {}, log: [] }));
    this.world.touch();
    return state;
  }

  private overlay(): OverlayFS {
    if (!this.overlayCache) {
      // The state file's schema leaves the layer's entries untyped; the overlay wrote them.
      this.diff = (this.state?.fs as FsDiff | undefined) ?? {};
      const layer = this.world.imageLayer(this.image);
      const mounts = mountedFiles(this.cluster, this.pod, this.spec);
      const files = {
        ...layer.files,
        ...mounts.files,
        '/etc/hostname': `${this.hostname}\n`,
        '/etc/hosts': hostsFile(this.pod, this.cluster.config.clusterDomain),
        '/etc/resolv.conf': resolvConf(this.pod, this.cluster.config, this.world.dnsServiceIP()),
      };
      const dirs = [...layer.dirs, ...mounts.dirs, ...(this.image.spec.workingDir ? [this.image.spec.workingDir] : [])];
      this.overlayCache = new OverlayFS({ files, dirs, modes: layer.modes }, this.diff);
    }
    return this.overlayCache;
  }

  /** The environment of the container's processes (TERM added for a TTY). */
  processEnv(tty = false): Map<string, string> {
    return containerEnv(this.image, this.hostname, this.state?.env, tty);
  }

  get env(): Map<string, string> {
    return this.processEnv();
  }

  get cwd(): string {
    return this.spec.workingDir ?? this.image.spec.workingDir ?? '/';
  }

  /** The main process: command + args, or the image's entrypoint with args or its cmd. */
  mainArgv(): string[] {
    const { entrypoint = [], cmd = [] } = this.image.spec;
    if (this.spec.command?.length) return [...this.spec.command, ...(this.spec.args ?? [])];
    const argv = [...entrypoint, ...(this.spec.args ?? cmd)];
    // Entrypoints like docker-entrypoint.sh end with `exec "$@"`: what they start is the process.
    const passThrough = entrypoint.length > 0 && !this.isDaemon(entrypoint[0]) && argv.length > entrypoint.length;
    return passThrough ? argv.slice(entrypoint.length) : argv;
  }

  /** The image's daemons: as listed, else the program a serving image starts by default. */
  isDaemon(executable: string): boolean {
    const { daemons, servers, entrypoint, cmd } = this.image.spec;
    const own = entrypoint?.[0] ?? cmd?.[0];
    const list = daemons ?? (servers?.length && own ? [own] : []);
    return list.some((d) => basename(d) === basename(executable));
  }

  /** Whether the main process is the image's own server (its ports are then open). */
  runsDaemon(): boolean {
    const argv = this.mainArgv();
    return argv.length === 0 ? !!this.image.spec.servers?.length : this.isDaemon(argv[0]);
  }

  private servers(): { port: number; spec: ServerSpec }[] {
    if (!this.running || !this.runsDaemon()) return [];
    const env = this.env;
    return (this.image.spec.servers ?? []).map((spec) => ({ port: resolvePort(spec.port, env), spec }));
  }

  /** The server of this container listening on `port`, if any. */
  serverAt(port: number): Listener | null {
    const found = this.servers().find((s) => s.port === port);
    if (!found) return null;
    const kind = SERVER_KINDS[found.spec.kind];
    if (!kind) return null;
    return {
      tls: found.spec.tls,
      serve: async (req, peer) => {
        this.world.clock.tick();
        const res = await kind.handle(req, { spec: found.spec, host: this, peer });
        const template = found.spec.accessLog ?? kind.accessLog;
        if (template) this.log(accessLogLine(template, this.now(), req, res, peer));
        return res;
      },
    };
  }

  /** Appends what the main process wrote to the log. */
  write(text: string): void {
    if (text) appendLog(this.ensureState(), logTime(this.now(), this.cluster.rand.int(1e6)), text);
  }

  log(line: string): void {
    this.write(`${line}\n`);
  }

  now(): number {
    return this.world.clock.now();
  }

  lookup(name: string): HostLookup {
    return this.world.lookup(this, name);
  }

  /** The DNS view of the clients; it follows the container to a fresh read of the state. */
  dns(): DnsClientEnv {
    return { data: () => this.world.dnsData(), flavor: this.tools.dig, random: () => this.cluster.rand.next(), now: () => new Date(this.now()) };
  }

  loopback(port: number): Listener | null {
    if (this.pod.spec?.hostNetwork) return this.world.hostNetworkListener(this.nodeName ?? '', port);
    return this.world.podByIP(this.ip)?.listener(port) ?? null;
  }

  fetch(host: string, port: number, req: HttpRequest): Promise<FetchResult> {
    return this.world.fetch(this, host, port, req);
  }
}

/** A server port: a number, or `$VAR` / `${VAR:-default}` from the environment. */
export function resolvePort(port: number | string, env: Map<string, string>): number {
  if (typeof port === 'number') return port;
  const m = /^\$\{?(\w+)(?::-(\d+))?\}?$/.exec(port.trim());
  if (!m) return Number(port);
  return Number(env.get(m[1]) || m[2] || NaN);
}
