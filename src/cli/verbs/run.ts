// kubectl run: create a pod (and with --expose a Service) for an image. Detached, the pod runs
// its command in the background and `pod/NAME created` is printed; with -i/--attach kctl attaches
// to the container, relays what it writes, and with --rm deletes the pod afterwards, ending
// with the container's exit code as kubectl does for --restart=Never.

import type { Command } from 'commander';
import { Option } from 'commander';
import type { ApiServer } from '../../apiserver/server.js';
import { resourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printEach } from '../../printers/output.js';
import type { ContainerHandle } from '../../runtime/container.js';
import type { InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { dryRunMode, dryRunOption, outputOption, repeatable } from './flags.js';
import { lazyStdin, useTTY } from './podref.js';
import { reopenContainer, runAtTerminal } from './terminal.js';
import { dict, own } from '../../util/objects.js';

const podInfo = resourceInfo('pods');
const serviceInfo = resourceInfo('services');

/** The reference grammar of distribution/reference, enough to reject what it rejects. */
const IMAGE_REF = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

function parsePairs(list: string[] | undefined, what: string): Record<string, string> {
  const out = dict<string>();
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new CliError(`invalid ${what}: ${item}`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const out = dict<string>();
  for (const spec of text.split(',')) {
    const parts = spec.split('=');
    if (parts.length !== 2 || !parts[0]) throw new CliError(`unexpected label spec: ${spec}`);
    out[parts[0]] = parts[1];
  }
  return out;
}

function restartPolicy(v: unknown, interactive: boolean): string {
  if (v === undefined || v === '') return interactive ? 'OnFailure' : 'Always';
  if (v === 'Always' || v === 'OnFailure' || v === 'Never') return v;
  throw new CliError(`invalid restart policy: ${String(v)}, valid values are: Always, OnFailure, Never`, 'run');
}

interface Plan {
  name: string;
  pod: KObject;
  service?: KObject;
}

function plan(session: Session, args: string[], opts: Record<string, unknown>, dashArgs: string[]): Plan {
  const name = args[0];
  if (!name) throw new CliError('NAME is required for run', 'run');
  const image = opts.image as string | undefined;
  if (!image) throw new CliError('required flag(s) "image" not set');
  if (!IMAGE_REF.test(image)) throw new CliError(`invalid image name "${image}": invalid reference format`);
  const interactive = !!opts.stdin;
  if (opts.tty && !interactive) throw new CliError('-i/--stdin is required for containers with -t/--tty=true');
  const port = opts.port as string | undefined;
  if (opts.expose && !port) throw new CliError('--port must be set when exposing a service');
  if (port !== undefined && !/^-?\d+$/.test(port)) throw new CliError('--port must be a number');
  const attach = opts.attach === undefined ? interactive : opts.attach === true || opts.attach === 'true';
  if (!attach && opts.rm) throw new CliError('--rm should only be used for attached containers');
  if (attach && dryRunMode(opts.dryRun) !== 'none') throw new CliError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const labels = parseLabels(opts.labels as string | undefined) ?? { run: name };
  const env = parsePairs(opts.env as string[] | undefined, 'env');
  const annotations = parsePairs(opts.annotations as string[] | undefined, 'annotation');
  const argv = [...args.slice(1), ...dashArgs];
  const container: Record<string, unknown> = {
    name,
    image,
    ...(Object.keys(env).length ? { env: Object.entries(env).map(([k, v]) => ({ name: k, value: v })) } : {}),
    ...(argv.length ? { [opts.command ? 'command' : 'args']: argv } : {}),
    ...(port !== undefined ? { ports: [{ containerPort: Number(port) }] } : {}),
    ...(opts.imagePullPolicy ? { imagePullPolicy: opts.imagePullPolicy } : {}),
    ...(interactive ? { stdin: true, stdinOnce: !opts.leaveStdinOpen } : {}),
    ...(opts.tty ? { tty: true } : {}),
    resources: {},
  };
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: session.namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restartPolicy(opts.restart, interactive) },
  };
  const service: KObject | undefined = opts.expose
    ? {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: session.namespace, ...(opts.labels ? { labels } : {}) },
        spec: { selector: labels, ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }] },
      }
    : undefined;
  return { name, pod, service };
}

type Attached = { code: number; reason?: string; message?: string; deleted: string[]; timedOut?: boolean };

/** After the attach: what kubectl waits for (the pod's end, with Never and OnFailure), then --rm. */
function finishAttach(api: ApiServer, session: Session, p: Plan, opts: Record<string, unknown>): Attached {
  const out: Attached = { code: 0, deleted: [] };
  const pod = api.get(podInfo, session.namespace, p.name);
  const status = pod.status;
  const term = status?.containerStatuses?.[0]?.state?.terminated;
  if (!opts.leaveStdinOpen && pod.spec?.restartPolicy !== 'Always') {
    if (status?.phase === 'Failed' && term) Object.assign(out, { code: term.exitCode, reason: term.reason, message: term.message ?? '' });
    else if (status?.phase !== 'Succeeded') out.timedOut = true;
  }
  if (opts.rm) {
    api.delete(podInfo, session.namespace, p.name);
    out.deleted.push(`pod "${p.name}" deleted`);
    if (p.service && api.find(serviceInfo, session.namespace, p.name)) {
      api.delete(serviceInfo, session.namespace, p.name);
      out.deleted.push(`service "${p.name}" deleted`);
    }
  }
  return out;
}

/** Attaches to the pod's container (or shows its log when it already ended), then --rm. */
async function attach(session: Session, p: Plan, opts: Record<string, unknown>): Promise<Attached> {
  // kubectl says so when -t cannot be honoured; the container's own tty setting decides the rest.
  useTTY(session, !!opts.stdin, !!opts.tty);
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const { runContainerMain, recordMainExit, waitsForAttach } = await import('../../kubelet/containers.js');
  const { parseEntry } = await import('../../store/containerlogs.js');
  const catalog = loadCatalog(session.env);
  const makeWorld = (api: ApiServer) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS);
  const write = (toErr: boolean, t: string) => (toErr ? session.io.err(t) : session.io.out(t));
  // Output waits until the process reads stdin: a command that finishes first ran before kubectl
  // could attach, and kubectl shows it from the log, without the prompt hint.
  let buffered: [boolean, string][] | null = [];
  const relay = (toErr: boolean) => (t: string) => (buffered ? buffered.push([toErr, t]) : write(toErr, t));
  const flush = () => {
    if (buffered && !opts.quiet) session.io.err("If you don't see a command prompt, try pressing enter.\n");
    for (const [toErr, t] of buffered ?? []) write(toErr, t);
    buffered = null;
  };
  const main = (c: ContainerHandle, stdin: InputStream) =>
    runContainerMain(c, { stdin, stdout: relay(false), stderr: relay(true), tty: !!c.spec.tty }).then((r) => {
      for (const [toErr, t] of buffered ?? []) write(toErr, t);
      buffered = null;
      return r;
    });
  const open = (api: ApiServer, world: World) => world.container(api.get(podInfo, session.namespace, p.name), p.name)!;
  const now = await session.read();
  const uid = now.store.get('pods', session.namespace, p.name)?.metadata.uid ?? '';
  if (own(now.data.containers[uid], p.name)?.start === 'attach' && session.io.readLine) {
    return runAtTerminal(session, makeWorld, {
      open,
      reopen: reopenContainer,
      body: (c, input) => main(c, { readLine: () => (flush(), input.readLine()), readAll: () => (flush(), input.readAll()) }),
      close: (api, c, result) => {
        recordMainExit(c, result);
        return finishAttach(api, session, p, opts);
      },
    });
  }
  return session.change(async (api) => {
    const world = makeWorld(api);
    const c = open(api, world);
    if (waitsForAttach(c)) {
      const input = lazyStdin(session, flush);
      recordMainExit(c, await main(c, input));
      input.refuseIfTooLarge();
    }
    else if (c.running || c.pod.status?.phase !== 'Pending') {
      for (const e of c.state?.log ?? []) session.io.out(parseEntry(e).text);
    }
    const out = finishAttach(api, session, p, opts);
    world.commit();
    return out;
  });
}

/** What --dry-run=client prints: the object as built, never sent to the server. */
function asBuilt(o: KObject): KObject {
  const { namespace: _ns, ...meta } = o.metadata;
  return { ...o, metadata: { creationTimestamp: null, ...meta } as KObject['metadata'], status: o.kind === 'Service' ? { loadBalancer: {} } : {} };
}

const runAction: Action = async (session, args, opts, dashArgs) => {
  const p = plan(session, args, opts, dashArgs);
  const dryRun = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string) : null;
  const built = [p.pod, ...(p.service ? [p.service] : [])];
  const created =
    dryRun === 'client'
      ? built.map(asBuilt)
      : await session.change(
          (api) => {
            const objs: KObject[] = [api.create(p.pod, podInfo)];
            if (p.service) objs.push(api.create(p.service, serviceInfo));
            return objs;
          },
          { dryRun: dryRun === 'server', fieldManager: 'kubectl-run' },
        );
  const attaching = opts.attach === undefined ? !!opts.stdin : opts.attach === true || opts.attach === 'true';
  if (!attaching) {
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    if (format && format.kind !== 'table') {
      session.io.out(await printEach(format, created));
    } else for (const o of created) session.io.out(`${o.kind.toLowerCase()}/${o.metadata.name} created${suffix}\n`);
    return;
  }
  const r = await attach(session, p, opts);
  for (const line of r.deleted) session.io.out(`${line}\n`);
  if (r.timedOut) throw new CliError('timed out waiting for the condition');
  if (r.code !== 0) {
    session.io.err(`pod ${session.namespace}/${p.name} terminated (${r.reason})\n${r.message ? `${r.message}\n` : ''}`);
    throw new ExitCode(r.code);
  }
};

export function registerRun(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('run')
    .description('Run a particular image on the cluster')
    .argument('[args...]')
    .option('--image <image>', 'The image for the container to run.')
    .option('--restart <policy>', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].')
    .option('--rm', 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.')
    .option('-i, --stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.')
    .option('-t, --tty', 'Allocate a TTY for the container in the pod.')
    .addOption(new Option('--attach [bool]', 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.'))
    .option('-q, --quiet', 'If true, suppress prompt messages.')
    .option('--command', 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.')
    .addOption(repeatable('--env <env>', 'Environment variables to set in the container.'))
    .addOption(repeatable('--annotations <annotation>', 'Annotations to apply to the pod.'))
    .option('-l, --labels <labels>', 'Comma separated labels to apply to the pod. Will override previous values.')
    .option('--port <port>', 'The port that this container exposes.')
    .option('--expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.')
    .option('--image-pull-policy <policy>', 'The image pull policy for the container.')
    .option('--leave-stdin-open', 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes.')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  # Start a nginx pod
  kctl run nginx --image=nginx

  # Curl a Service from a throw-away pod, then delete it
  kctl run --image=centos:6 --restart=Never --rm -i testpod -- curl -s http://sample-clusterip:8080

  # Start a debug shell in the foreground, don't restart it if it exits
  kctl run -i -t --rm debug --image=gihyodocker/fundamental:0.1.0 --restart=Never -- bash -il`,
    )
    .action(wrap(runAction));
}
