// kubectl diff: each object of the files as the server would make it if applied (a dry-run apply)
// beside the live one, in two temporary directories (LIVE-NNN, MERGED-NNN) handed to
// `diff -u -N` or $KUBECTL_EXTERNAL_DIFF. Exit 0: no differences, 1: differences, 2: an error.

import { type Command } from 'commander';
import childProcess from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusError } from '../../api/errors.js';
import { LAST_APPLIED } from '../../api/lastapplied.js';
import type { KObject } from '../../api/types.js';
import { randomFor, type Random } from '../../util/random.js';
import { CliError, ExitCode, renderError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { kustomizeOption, repeatable } from './flags.js';
import type { Manifest } from './manifests.js';

/** The file an object is written to: `apps.v1.Deployment.default.web`. */
function fileName(m: Manifest, namespace: string | undefined, name: string): string {
  const group = m.info.group ? `${m.info.group}.` : '';
  return `${group}${m.info.version}.${m.info.kind}.${namespace ?? ''}.${name}`;
}

/**
 * kubectl's Masker: a Secret's values are never shown, only whether each changed; the
 * last-applied annotation, which holds them too, is dropped.
 */
function maskSecrets(from: KObject | undefined, to: KObject | undefined): void {
  if ((from ?? to)?.kind !== 'Secret') return;
  for (const o of [from, to]) if (o?.metadata.annotations) delete o.metadata.annotations[LAST_APPLIED];
  const a = (from as { data?: Record<string, string> } | undefined)?.data;
  const b = (to as { data?: Record<string, string> } | undefined)?.data;
  for (const k of Object.keys(a ?? {})) {
    if (b && k in b) {
      if (a![k] !== b![k]) {
        a![k] = '*** (before)';
        b[k] = '*** (after)';
        continue;
      }
      b[k] = '***';
    }
    a![k] = '***';
  }
  for (const k of Object.keys(b ?? {})) if (!a || !(k in a)) b![k] = '***';
}

function withoutManagedFields(o: KObject): KObject {
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata } as KObject;
}

/** os.MkdirTemp("", prefix). */
function mkdirTemp(env: NodeJS.ProcessEnv, random: Random, prefix: string): string {
  const dir = env.TMPDIR || tmpdir();
  for (let i = 0; ; i++) {
    const path = join(dir, `${prefix}${random.int(2 ** 32)}`);
    try {
      mkdirSync(path, { mode: 0o700 });
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
    }
  }
}

/** The diff program: KUBECTL_EXTERNAL_DIFF (a command and plain flags) or `diff -u -N`. */
function diffCommand(env: NodeJS.ProcessEnv): string[] {
  const external = env.KUBECTL_EXTERNAL_DIFF;
  if (!external) return ['diff', '-u', '-N'];
  const [cmd, ...args] = external.split(' ').filter((a) => a !== '');
  for (const a of args) if (!/^[a-zA-Z0-9-=]+$/.test(a)) throw new CliError(`arguments in KUBECTL_EXTERNAL_DIFF are not valid: ${a}`);
  return [cmd, ...args];
}

async function runDiff(session: Session, argv: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const p = childProcess.spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: session.env });
    p.stdout.setEncoding('utf8').on('data', (d: string) => session.io.out(d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => session.io.err(d));
    p.on('error', (e: NodeJS.ErrnoException) => fail(new CliError(e.code === 'ENOENT' ? `failed to run ${JSON.stringify(argv[0])}: executable file not found in $PATH` : e.message)));
    p.on('close', (code) => done(code ?? 2));
  });
}

interface SideOptions {
  fieldManager: string;
  serverSide: boolean;
  force: boolean;
}

/** Live and merged versions of each manifest's object: a dry-run apply (client- or server-side), nothing stored. */
async function versions(session: Session, manifests: Manifest[], o: SideOptions): Promise<{ name: string; live?: KObject; merged: KObject }[]> {
  const { applyOne, modified } = await import('./apply.js');
  const { admitManifest } = await import('./write.js');
  return session.change(
    (api) =>
      manifests.map((m) => {
        // kubectl diff sends the manifest without the last-applied annotation apply would add.
        const obj = o.serverSide ? admitManifest(session, m) : modified(session, api, m, undefined, false);
        const live = api.find(m.info, obj.metadata.namespace, obj.metadata.name);
        let merged: KObject;
        try {
          merged = o.serverSide ? api.apply(m.info, obj.metadata.namespace, obj.metadata.name, obj, { fieldManager: o.fieldManager, force: o.force }) : applyOne(api, m, obj, []).obj;
        } catch (e) {
          // kubectl takes a conflict for an object changing under it, retries, and says so (klog).
          if (e instanceof StatusError && e.reason === 'Conflict' && o.serverSide) {
            const t = new Date(session.nowMs).toISOString();
            const gv = m.info.group ? `${m.info.group}/${m.info.version}` : m.info.version;
            session.io.err(`W${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 23)}000 ${String(process.pid).padStart(7)} diff.go:723] Object (${gv}, Kind=${m.info.kind}: ${obj.metadata.name}) keeps changing, diffing without lock\n`);
          }
          throw e;
        }
        return { name: fileName(m, obj.metadata.namespace, obj.metadata.name), live: live && withoutManagedFields(structuredClone(live)), merged: withoutManagedFields(structuredClone(merged)) };
      }),
    { dryRun: true, fieldManager: o.fieldManager },
  );
}

const diffAction: Action = async (session, args, opts) => {
  try {
    const filenames = (opts.filename as string[] | undefined) ?? [];
    if (!filenames.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
    const { readInput } = await import('./manifests.js');
    const { checkManifests } = await import('./write.js');
    const manifests = await readInput(session, opts);
    await checkManifests(manifests);
    const argv = diffCommand(session.env);
    const serverSide = !!opts.serverSide;
    if (opts.forceConflicts && !serverSide) throw new CliError('--force-conflicts only works with --server-side');
    const named = session.argv.some((a) => a === '--field-manager' || a.startsWith('--field-manager='));
    const fieldManager = serverSide && !named ? 'kubectl' : ((opts.fieldManager as string | undefined) ?? 'kubectl-client-side-apply');
    const found = await versions(session, manifests, { fieldManager, serverSide, force: !!opts.forceConflicts });
    const { toYaml } = await import('../../printers/output.js');
    const random = randomFor(session.env.KCTL_SEED, `diff/${session.nowMs}`);
    const liveDir = mkdirTemp(session.env, random, 'LIVE-');
    const mergedDir = mkdirTemp(session.env, random, 'MERGED-');
    try {
      for (const v of found) {
        maskSecrets(v.live, v.merged);
        writeFileSync(join(liveDir, v.name), v.live ? await toYaml(v.live) : '');
        writeFileSync(join(mergedDir, v.name), await toYaml(v.merged));
      }
      const code = await runDiff(session, [...argv, liveDir, mergedDir]);
      if (code > 1) {
        session.io.err(`error: failed to run ${JSON.stringify(argv[0])}: exit status ${code}\n`);
        throw new ExitCode(code);
      }
      if (code !== 0) throw new ExitCode(code);
    } finally {
      rmSync(liveDir, { recursive: true, force: true });
      rmSync(mergedDir, { recursive: true, force: true });
    }
  } catch (e) {
    if (e instanceof ExitCode) throw e;
    // Exit status 1 means differences: kubectl's own errors are 2 or more.
    const { text } = renderError(e, session.debug);
    session.io.err(text);
    throw new ExitCode(2);
  }
};

export function registerDiff(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('diff')
    .description('Diff the live version against a would-be applied version')
    .usage('-f FILENAME')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files contains the configuration to diff'))
    .addOption(kustomizeOption())
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-client-side-apply')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .addHelpText(
      'after',
      `
Examples:
  # Diff resources included in pod.json
  kctl diff -f pod.json

  # Diff file read from stdin
  cat service.yaml | kctl diff -f -`,
    )
    .action(wrap(diffAction));
}
