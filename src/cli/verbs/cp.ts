// kubectl cp: files between the host and a container, through the container's own tar as kubectl
// does it (`tar -xmf - -C DIR` fed an archive made here, `tar cf - PATH` unpacked here). The
// archive is made and read on kctl's side; the container's files change only through its tar.

import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { entry, members } from '../../runtime/coreutils/tarformat.js';
import { stringInput } from '../../runtime/program.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { execOnce, throwUnlessZero, type ExecOutcome, type ExecTarget } from './exec.js';

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

/** extractFileSpec: [[namespace/]pod:]file/path. */
function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  const bad = () => new CliError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i === 0) throw bad();
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length > 2) throw bad();
  return pieces.length === 2 ? { namespace: pieces[0], pod: pieces[1], file: arg.slice(i + 1) } : { pod: pieces[0], file: arg.slice(i + 1) };
}

/** stripPathShortcuts: no leading `../`, no lone `.`/`..`, no leading `/`. */
function stripPathShortcuts(p: string): string {
  let path = p;
  while (path.startsWith('../')) path = path.slice(3);
  if (path === '.' || path === '..') path = '';
  return path.startsWith('/') ? path.slice(1) : path;
}

/** makeTar: the local file or tree, named after the destination's base name. */
function makeTar(src: string, dest: string): string {
  const parts: string[] = [];
  const walk = (path: string, name: string) => {
    const st = lstatSync(path);
    const mode = st.mode & 0o7777;
    if (st.isDirectory()) {
      const children = readdirSync(path).sort();
      if (children.length === 0) parts.push(entry(name, '5', '', mode));
      for (const child of children) walk(join(path, child), posix.join(name, child));
    } else if (st.isSymbolicLink()) {
      // The container's tar refuses to create a link (its members carry no target here).
      parts.push(entry(name, '2', '', mode));
    } else parts.push(entry(name, '0', readFileSync(path, 'utf8'), mode));
  };
  walk(src, posix.basename(posix.normalize(dest)));
  // Two zero blocks end the archive (Go's tar.Writer pads no further).
  return parts.join('') + '\0'.repeat(1024);
}

function execTarget(spec: FileSpec, opts: Record<string, unknown>, notice: (t: string) => void): ExecTarget {
  return { ref: spec.pod!, namespace: spec.namespace, container: opts.container as string | undefined, notice };
}

async function copyToPod(session: Session, src: FileSpec, dest: FileSpec, opts: Record<string, unknown>): Promise<void> {
  try {
    lstatSync(src.file);
  } catch {
    throw new CliError(`${src.file} doesn't exist in local filesystem`);
  }
  const { execIn } = await import('../../runtime/processes.js');
  let destFile = dest.file;
  const result = await execOnce(session, execTarget(dest, opts, (t) => session.io.err(t)), async (c) => {
    // checkDestinationIsDir: a directory there takes the source under its own name.
    const isDir = await execIn(c, ['test', '-d', dest.file], { stdin: stringInput(''), tty: false });
    if (isDir.kind === 'exited' && isDir.code === 0) destFile = posix.join(dest.file, posix.basename(resolve(src.file)));
    const archive = makeTar(src.file, destFile);
    const argv = opts.preserve === false ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
    const dir = posix.dirname(posix.normalize(destFile));
    if (dir) argv.push('-C', dir);
    return execIn(c, argv, { stdin: stringInput(archive), stdout: (t) => session.io.out(t), stderr: (t) => session.io.err(t), tty: false });
  });
  await throwUnlessZero(result, (t) => session.io.err(t));
}

/** untarAll: the members under the source's path, written under the local destination. */
function untarAll(session: Session, archive: Buffer, src: FileSpec, dest: string): void {
  const prefix = stripPathShortcuts(posix.normalize(src.file.replace(/^\/+/, '')).replace(/^\.$/, ''));
  let warned = false;
  for (const m of members(archive)) {
    if (m === null) throw new CliError('archive/tar: invalid tar header');
    if (!m.name.startsWith(prefix)) throw new CliError('tar contents corrupted');
    const target = join(dest, m.name.slice(prefix.length));
    const rel = relative(resolve(dest), resolve(target));
    if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      session.io.err(`warning: file "${target}" is outside target destination, skipping\n`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (m.type === '5') {
      mkdirSync(target, { recursive: true });
      continue;
    }
    if (m.type === '2') {
      const ns = src.namespace ?? session.namespace;
      session.io.err(
        warned
          ? `warning: skipping symlink: "${target}" -> "${m.link}"\n`
          : `warning: skipping symlink: "${target}" -> "${m.link}" (consider using "kctl exec -n "${ns}" "${src.pod}" -- tar cf - "${src.file}" | tar xf -")\n`,
      );
      warned = true;
      continue;
    }
    writeFileSync(target, m.content);
  }
}

/** Whether the container's tar wrote a whole archive: kubectl has unpacked it before the exit code arrives. */
function complete(archive: Buffer): boolean {
  return archive.length >= 1024 && archive.subarray(archive.length - 1024).every((b) => b === 0);
}

async function copyFromPod(session: Session, src: FileSpec, dest: FileSpec, opts: Record<string, unknown>): Promise<void> {
  const { execIn } = await import('../../runtime/processes.js');
  const chunks: string[] = [];
  // tar's messages go to kubectl's stdout: it is the ErrOut of the exec behind the copy.
  const out = (t: string) => session.io.out(t);
  const result: ExecOutcome = await execOnce(session, execTarget(src, opts, out), (c) =>
    execIn(c, ['tar', 'cf', '-', src.file], { stdin: stringInput(''), stdout: (t) => chunks.push(t), stderr: out, tty: false }),
  );
  const archive = Buffer.from(chunks.join(''), 'utf8');
  if (!complete(archive)) await throwUnlessZero(result, (t) => session.io.err(t));
  untarAll(session, archive, src, dest.file);
}

const cpAction: Action = async (session, args, opts) => {
  if (args.length !== 2) throw new CliError('source and destination are required');
  const src = fileSpec(args[0]);
  const dest = fileSpec(args[1]);
  if (src.pod && dest.pod) throw new CliError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new CliError('filepath can not be empty');
  if (src.pod) return copyFromPod(session, src, dest, opts);
  if (dest.pod) return copyToPod(session, src, dest, opts);
  throw new CliError('one of src or dest must be a remote file specification');
};

export function registerCp(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('cp')
    .description('Copy files and directories to and from containers')
    .usage('<file-spec-src> <file-spec-dest>')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('--no-preserve', "The copied file/directory's ownership and permissions will not be preserved in the container")
    .option('--retries <n>', 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).', '0')
    .addHelpText(
      'after',
      `
Examples:
  # !!!Important Note!!!
  # Requires that the 'tar' binary is present in your container
  # image.  If 'tar' is not present, 'kctl cp' will fail.
  #
  # For advanced use cases, such as symlinks, wildcard expansion or
  # file mode preservation, consider using 'kctl exec'.

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  tar cf - /tmp/foo | kctl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar

  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  kctl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar

  # Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
  kctl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
  kctl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
  kctl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

  # Copy /tmp/foo from a remote pod to /tmp/bar locally
  kctl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar`,
    )
    .action(wrap(cpAction));
}
