// kubectl debug: an ephemeral container added to a running pod (pods/ephemeralcontainers), a copy
// of a pod with a debug container or other images (--copy-to), or a pod in a node's host
// namespaces with the node's root at /host (node/NAME); with -i it then attaches as kubectl
// attach does. The profile is legacy's, which kubectl v1.32 still uses by default.

import type { Command } from 'commander';
import { Option } from 'commander';
import type { Container, EnvVar, EphemeralContainer } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../../api/scheme.js';
import type { PodObject } from '../../api/types.js';
import type { ApiServer } from '../../apiserver/server.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { resolveType } from '../resources.js';
import type { Session } from '../session.js';
import { attachTo } from './attach.js';
import { collect } from './flags.js';

const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const pods = resourceInfo('pods');
const MANAGER = { fieldManager: 'kubectl' };

interface Debug {
  image: string;
  container: string;
  command: string[];
  argumentsOnly: boolean;
  env: EnvVar[];
  pullPolicy?: string;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  attach: boolean;
  opts: Record<string, unknown>;
}

const flag = (v: unknown, dflt: boolean) => (v === undefined ? dflt : v === true || v === 'true');

/** The debug container's common part: name, image, the command (or its args), stdin and tty. */
function debugContainer(d: Debug, name: string): Container {
  const c: Container = { name, image: d.image, ...(d.pullPolicy ? { imagePullPolicy: d.pullPolicy } : {}), resources: {}, terminationMessagePolicy: 'File' };
  if (d.command.length) {
    if (d.argumentsOnly) c.args = d.command;
    else c.command = d.command;
  }
  if (d.env.length) c.env = d.env;
  if (d.stdin) c.stdin = true;
  if (d.tty) c.tty = true;
  return c;
}

/** computeDebugContainerName: -c, or `debugger-xxxxx` not taken in the pod. */
function containerName(session: Session, api: ApiServer, d: Debug, pod: PodObject): string {
  if (d.container) return d.container;
  const taken = new Set([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name));
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${api.cluster.rand.suffix(5)}`;
  if (!d.quiet) session.io.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

async function ephemeral(session: Session, d: Debug, podName: string): Promise<{ pod: PodObject; container: string; ephemeral: boolean }> {
  const { updateEphemeralContainers } = await import('../../apiserver/ephemeral.js');
  return session.change((api) => {
    const pod = api.get(pods, session.namespace, podName) as PodObject;
    const name = containerName(session, api, d, pod);
    const ec: EphemeralContainer = { ...debugContainer(d, name), ...(d.opts.target ? { targetContainerName: String(d.opts.target) } : {}) };
    const wanted = { ...pod, spec: { ...pod.spec!, ephemeralContainers: [...(pod.spec?.ephemeralContainers ?? []), ec] } };
    const stored = updateEphemeralContainers(api, session.namespace, podName, wanted);
    return { pod: stored, container: name, ephemeral: true };
  });
}

/** --set-image: `name=image` pairs, `*` for every container. */
function setImages(list: string[] | undefined, containers: Container[]): void {
  for (const pair of (list ?? []).flatMap((l) => l.split(','))) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--set-image must be of the form name=image, got "${pair}"`);
    const [name, image] = [pair.slice(0, eq), pair.slice(eq + 1)];
    for (const c of containers) if (name === '*' || c.name === name) c.image = image;
  }
}

async function copy(session: Session, d: Debug, podName: string): Promise<{ pod: PodObject; container: string; ephemeral: boolean }> {
  const o = d.opts;
  const to = String(o.copyTo);
  return session.change((api) => {
    const original = api.get(pods, session.namespace, podName) as PodObject;
    const spec = structuredClone(original.spec!);
    delete spec.ephemeralContainers;
    if (!o.sameNode) delete spec.nodeName;
    if (!flag(o.keepInitContainers, true)) delete spec.initContainers;
    for (const c of spec.containers) {
      if (!o.keepLiveness) delete c.livenessProbe;
      if (!o.keepReadiness) delete c.readinessProbe;
      if (!o.keepStartup) delete c.startupProbe;
    }
    setImages(o.setImage as string[] | undefined, spec.containers);
    let name = '';
    if (d.image) {
      name = containerName(session, api, d, original);
      spec.containers.push(debugContainer(d, name));
    } else {
      // No new container: -c (or the first) gets the command, stdin and tty.
      const target = d.container ? spec.containers.find((c) => c.name === d.container) : spec.containers[0];
      if (!target) throw new CliError(`error: unable to find container named "${d.container}"`);
      name = target.name;
      if (d.command.length) {
        if (d.argumentsOnly) target.args = d.command;
        else [target.command, target.args] = [d.command, undefined];
      }
      if (d.stdin) target.stdin = true;
      if (d.tty) target.tty = true;
    }
    const metadata = {
      name: to,
      namespace: session.namespace,
      ...(o.keepLabels && original.metadata.labels ? { labels: original.metadata.labels } : {}),
      ...(o.keepAnnotations && original.metadata.annotations ? { annotations: original.metadata.annotations } : {}),
    };
    if (o.replace) api.delete(pods, session.namespace, podName);
    const pod = api.create({ apiVersion: 'v1', kind: 'Pod', metadata, spec } as PodObject, pods) as PodObject;
    return { pod, container: name, ephemeral: false };
  }, MANAGER);
}

async function node(session: Session, d: Debug, nodeName: string): Promise<{ pod: PodObject; container: string; ephemeral: boolean }> {
  return session.change((api) => {
    api.get(resourceInfo('nodes'), undefined, nodeName);
    const name = d.container || 'debugger';
    const c = { ...debugContainer(d, name), volumeMounts: [{ mountPath: '/host', name: 'host-root' }] };
    const podName = `node-debugger-${nodeName}-${api.cluster.rand.suffix(5)}`;
    const pod = api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: podName, namespace: session.namespace },
        spec: {
          containers: [c],
          hostIPC: true,
          hostNetwork: true,
          hostPID: true,
          nodeName,
          restartPolicy: 'Never',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ name: 'host-root', hostPath: { path: '/', type: '' } }],
        },
      } as PodObject,
      pods,
    ) as PodObject;
    if (!d.quiet) session.io.out(`Creating debugging pod ${podName} with container ${name} on node ${nodeName}.\n`);
    return { pod, container: name, ephemeral: false };
  }, MANAGER);
}

const debugAction: Action = async (session, args, opts, dashArgs) => {
  const image = (opts.image as string | undefined) ?? '';
  const container = (opts.container as string | undefined) ?? '';
  const copyTo = (opts.copyTo as string | undefined) ?? '';
  const stdin = !!opts.stdin;
  const attach = opts.attach === undefined ? stdin : opts.attach === true || opts.attach === 'true';
  // Validate, in kubectl's order.
  if (opts.attach !== undefined && attach && !image && !container) throw new CliError('you must specify --container or create a new container using --image in order to attach.');
  if (copyTo) {
    if (!image && !(opts.setImage as string[] | undefined)?.length && !dashArgs.length) throw new CliError('you must specify --image, --set-image or command arguments.');
  } else if (!image) throw new CliError('you must specify --image when not using --copy-to.');
  if (!args.length) throw new CliError('NAME or filename is required for debug');
  const pull = opts.imagePullPolicy as string | undefined;
  if (pull && !PULL_POLICIES.includes(pull)) throw new CliError(`invalid image pull policy: ${pull}`);
  if (opts.target) {
    if (copyTo) throw new CliError('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!opts.quiet) session.io.out(`Targeting container "${String(opts.target)}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (opts.tty && !stdin) throw new CliError('-i/--stdin is required for containers with -t/--tty=true');
  const profile = (opts.profile as string | undefined) ?? 'legacy';
  if (!PROFILES.includes(profile)) throw new CliError(`unknown profile: ${profile}`);
  if (opts.profile === undefined) session.io.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  const env = ((opts.env as string[] | undefined) ?? []).map((e) => {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new CliError(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  const d: Debug = { image, container, command: dashArgs, argumentsOnly: !!opts.argumentsOnly, env, pullPolicy: pull, stdin, tty: !!opts.tty, quiet: !!opts.quiet, attach, opts };

  for (const target of args) {
    const slash = target.indexOf('/');
    const resource = slash < 0 ? 'pods' : resolveType(target.slice(0, slash)).resource;
    const name = slash < 0 ? target : target.slice(slash + 1);
    let made: { pod: PodObject; container: string; ephemeral: boolean };
    if (resource === 'nodes') made = await node(session, d, name);
    else if (resource !== 'pods') throw new CliError(`visitor: unsupported object type: ${target.slice(0, slash)}`);
    else made = copyTo ? await copy(session, d, name) : await ephemeral(session, d, name);
    if (!attach) continue;
    // The container started with the write that made it; attach as kubectl attach does.
    const raw = d.tty && stdin && session.io.stdinIsTTY;
    if (d.tty && !session.io.stdinIsTTY && !d.quiet) session.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    if (!d.quiet) session.io.err("If you don't see a command prompt, try pressing enter.\n");
    await attachTo(session, { pod: made.pod, container: made.container, stdin, quiet: d.quiet });
    if (!d.quiet && stdin && raw) {
      const pod = made.pod.metadata.name;
      // kubectl v1.32 says so for an ephemeral container only (a process that ended leaves nothing to resume).
      if (made.ephemeral) session.io.out(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kctl attach ${pod} -c ${made.container} -i -t' if it is still running\n`);
    }
  }
};

export function registerDebug(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('debug')
    .description('Create debugging sessions for troubleshooting workloads and nodes')
    .usage('(POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]')
    .argument('[args...]')
    .option('--arguments-only', 'If specified, everything after -- will be passed to the new container as Args instead of Command.')
    .addOption(new Option('--attach [bool]', "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true."))
    .option('-c, --container <name>', 'Container name to use for debug container.')
    .option('--copy-to <name>', 'Create a copy of the target Pod with this name.')
    .option('--env <env>', 'Environment variables to set in the container.', collect)
    .option('--image <image>', 'Container image to use for debug container.')
    .option('--image-pull-policy <policy>', 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.')
    .option('--keep-annotations', "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')")
    .addOption(new Option('--keep-init-containers [bool]', "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')"))
    .option('--keep-labels', "If true, keep the original pod labels.(This flag only works when used with '--copy-to')")
    .option('--keep-liveness', "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')")
    .option('--keep-readiness', "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')")
    .option('--keep-startup', "If true, keep the original startup probes.(This flag only works when used with '--copy-to')")
    .option('--profile <profile>', 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".')
    .option('-q, --quiet', 'If true, suppress informational messages.')
    .option('--replace', "When used with '--copy-to', delete the original Pod.")
    .option('--same-node', "When used with '--copy-to', schedule the copy of target Pod on the same node.")
    .option('--set-image <pairs>', "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works.", collect)
    .addOption(new Option('--share-processes [bool]', "When used with '--copy-to', enable process namespace sharing in the copy."))
    .option('-i, --stdin', 'Keep stdin open on the container(s) in the pod, even if nothing is attached.')
    .option('--target <container>', 'When using an ephemeral container, target processes in this container name.')
    .option('-t, --tty', 'Allocate a TTY for the debugging container.')
    .addHelpText(
      'after',
      `
Examples:
  # Create an interactive debugging session in pod mypod and immediately attach to it.
  kctl debug mypod -it --image=busybox

  # Create a debug container named debugger using a custom automated debugging image.
  kctl debug --image=myproj/debug-tools -c debugger mypod

  # Create a copy of mypod adding a debug container and attach to it
  kctl debug mypod -it --image=busybox --copy-to=my-debugger

  # Create a copy of mypod changing the command of mycontainer
  kctl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh

  # Create a copy of mypod changing all container images to busybox
  kctl debug mypod --copy-to=my-debugger --set-image=*=busybox

  # Create a copy of mypod adding a debug container and changing container images
  kctl debug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug

  # Create an interactive debugging session on a node and immediately attach to it.
  # The container will run in the host namespaces and the host's filesystem will be mounted at /host
  kctl debug node/mynode -it --image=busybox`,
    )
    .action(wrap(debugAction));
}
