// kctl create deployment|job|cronjob.

import type { Command } from 'commander';
import { lookupResource, resourceInfo } from '../../../api/scheme.js';
import type { Session } from '../../session.js';
import { ApiReader } from '../../../apiserver/reader.js';
import { randomFor } from '../../../util/random.js';
import { CliError } from '../../errors.js';
import { stringSlice } from '../flags.js';
import { commonFlags, explicitNamespace, failing, integer, required, requireName, send, subcommand, type Wrap } from './common.js';
import { CREATE_HELP } from './helptext.js';

export function registerWorkloads(create: Command, wrap: Wrap): void {
  commonFlags(subcommand(create, 'deployment', CREATE_HELP.deployment, ['deploy']))
    .addOption(stringSlice('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', '--image', 'create deployment'))
    .option('--port <port>', 'The containerPort that this deployment exposes.', '-1')
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.', '1')
    .action(
      wrap(async (session, args, opts, dash) => {
        required(opts, 'image');
        const name = requireName(args, 'deployment');
        const replicas = integer(opts.replicas, '-r, --replicas', 'create deployment')!;
        const port = integer(opts.port, '--port', 'create deployment')!;
        const { deployment } = await import('./gen/workloads.js');
        const rand = randomFor(session.env.KCTL_SEED, `create/${name}`);
        const obj = deployment(name, explicitNamespace(session), { images: opts.image as string[], replicas, port: port >= 0 ? port : undefined, command: dash }, rand);
        await failing('failed to create deployment: ', () => send(session, [{ obj }], opts, true));
      }),
    );

  commonFlags(subcommand(create, 'job', CREATE_HELP.job))
    .option('--from <kind/name>', "The name of the resource to create a Job from (only cronjob is supported).")
    .option('--image <image>', 'Image name to run.')
    .action(
      wrap(async (session, args, opts, dash) => {
        const name = requireName(args, 'job');
        const image = (opts.image as string | undefined) ?? '';
        const from = (opts.from as string | undefined) ?? '';
        if (!image === !from) throw new CliError('either --image or --from must be specified');
        if (dash.length && from) throw new CliError('cannot specify --from and command');
        const gen = await import('./gen/workloads.js');
        if (!from) {
          await failing('failed to create job: ', () => send(session, [{ obj: gen.job(name, explicitNamespace(session), image, dash) }], opts, true));
          return;
        }
        const cronJob = await sourceCronJob(session, from);
        await failing('failed to create job: ', () => send(session, [{ obj: gen.jobFromCronJob(name, explicitNamespace(session), cronJob) }], opts, true));
      }),
    );

  commonFlags(subcommand(create, 'cronjob', CREATE_HELP.cronjob, ['cj']))
    .option('--image <image>', 'Image name to run.')
    .option('--restart <policy>', "job's restart policy. supported values: OnFailure, Never")
    .option('--schedule <schedule>', 'A schedule in the Cron format the job should be run with.')
    .action(
      wrap(async (session, args, opts, dash) => {
        required(opts, 'image', 'schedule');
        const name = requireName(args, 'cronjob');
        const { cronJob } = await import('./gen/workloads.js');
        const obj = cronJob(name, explicitNamespace(session), { image: opts.image as string, schedule: opts.schedule as string, restart: (opts.restart as string | undefined) || 'OnFailure', command: dash });
        await failing('failed to create cronjob: ', () => send(session, [{ obj }], opts, true));
      }),
    );
}

/** --from=cronjob/name: the CronJob to copy, read from the cluster. */
async function sourceCronJob(session: Session, from: string) {
  const parts = from.split('/');
  if (parts.length > 2) throw new CliError('arguments in resource/name form may not have more than one slash');
  const [type, name] = parts;
  const info = lookupResource(type);
  if (!info) throw new CliError(`the server doesn't have a resource type "${type}"`);
  if (parts.length !== 2 || !name) throw new CliError('from must be an existing cronjob');
  const reader = new ApiReader(await session.read());
  const obj = reader.get(resourceInfo(info.resource), session.namespace, name);
  if (info.kind !== 'CronJob') throw new CliError(`unknown object type ${info.kind}`);
  return obj;
}
