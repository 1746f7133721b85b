// Reading manifests for -f: files, directories, stdin and (well-known) URLs; YAML streams,
// JSON and Lists; kubectl's client-side errors for what cannot be decoded.

import { closeSync, lstatSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchKind, type ResourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { CliError } from '../errors.js';
import { InputTooLarge, readFdCapped } from '../../util/readcapped.js';
import { manifestTooLarge, MAX_MANIFEST_BYTES } from '../input.js';
import { decodeStream } from './decode.js';
import type { Session } from '../session.js';

export interface Manifest {
  obj: KObject;
  info: ResourceInfo;
  /** The file (or `STDIN`, or the URL) it came from, for error messages. */
  source: string;
}

/** Go's words for the errors a path can fail with (Node's libuv words differ: ELOOP). */
const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EMFILE: 'too many open files',
  EINVAL: 'invalid argument',
};

function goError(op: string, path: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text = (err.code && GO_ERRNO[err.code]) ?? /^\w+: ([^,]*)/.exec(err.message)?.[1] ?? err.message;
  return `${op} ${path}: ${text}`;
}

/**
 * The files an -f path names, as kubectl's builder finds them: the path itself must exist
 * (following symbolic links), then filepath.Walk goes through it without following any, so a
 * link in a directory is a file to open (and fail on) whatever it points to, and a link given
 * as the path is opened as a file too.
 */
function listFiles(path: string, recursive: boolean): string[] {
  try {
    statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`the path "${path}" does not exist`);
    throw new CliError(`the path "${path}" cannot be accessed: ${goError('stat', path, e)}`);
  }
  return lstatSync(path).isDirectory() ? walk(path, recursive, []) : [path];
}

function walk(path: string, recursive: boolean, out: string[]): string[] {
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    let dir = false;
    try {
      dir = lstatSync(p).isDirectory();
    } catch {
      // Gone since it was listed: opening it reports why.
    }
    if (dir) {
      if (recursive) walk(p, true, out);
    } else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** A file's text, read with the manifest cap whatever it is: a file, a device or a pipe. */
function readText(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CliError(goError('open', path, e));
  }
  try {
    return readFdCapped(fd, MAX_MANIFEST_BYTES).toString('utf8');
  } catch (e) {
    if (e instanceof InputTooLarge) throw manifestTooLarge(path);
    if (e instanceof CliError) throw e;
    throw new CliError(`error parsing ${path}: ${goError('read', path, e)}`);
  } finally {
    closeSync(fd);
  }
}

async function readStdin(session: Session): Promise<string> {
  try {
    return await session.io.readStdin();
  } catch (e) {
    throw e instanceof InputTooLarge ? manifestTooLarge('STDIN') : e;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns one decoded document into API objects (a List expands into its items). */
function toObjects(doc: unknown, source: string): Manifest[] {
  if (!isObject(doc)) {
    const type = Array.isArray(doc) ? 'array' : typeof doc === 'boolean' ? 'bool' : typeof doc;
    throw new CliError(`unable to decode "${source}": json: cannot unmarshal ${type} into Go value of type unstructured.detector`);
  }
  const compact = () => JSON.stringify(doc).slice(0, 1000);
  if (typeof doc.kind !== 'string' || !doc.kind) throw new CliError(`unable to decode "${source}": Object 'Kind' is missing in '${compact()}'`);
  if (typeof doc.apiVersion !== 'string' || !doc.apiVersion) throw new CliError(`unable to decode "${source}": Object 'apiVersion' is missing in '${compact()}'`);
  if (doc.kind === 'List' || doc.kind.endsWith('List')) {
    if (!Array.isArray(doc.items)) return [];
    return doc.items.flatMap((i) => toObjects(i, source));
  }
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const match = matchKind(doc.apiVersion, doc.kind);
  if (!match.ok) {
    throw new CliError(
      `resource mapping not found for name: "${typeof meta.name === 'string' ? meta.name : ''}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${source}": ${match.error}\nensure CRDs are installed first`,
    );
  }
  return [{ obj: { ...doc, metadata: meta } as unknown as KObject, info: match.info, source }];
}

async function fetchUrl(url: string): Promise<string> {
  const { findAddon } = await import('../../cluster/addons.js');
  const manifest = findAddon(url);
  if (manifest !== undefined) return manifest;
  const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
  throw new CliError(
    `unable to read URL "${url}", server reported Get "${url}": dial tcp: lookup ${host}: no such host (kctl works offline and knows only its built-in add-on manifests)`,
  );
}

export interface ManifestFile {
  /** The file, `STDIN` or the URL. */
  source: string;
  manifests: Manifest[];
  /** Why the file could not be read or decoded; its other documents are not used either. */
  error?: unknown;
}

/**
 * Reads every -f argument file by file: a file that cannot be decoded is reported on its own and
 * the others are still read, as kubectl's builder continues on error. A path that does not exist
 * fails the whole command.
 */
export async function readManifestFiles(session: Session, filenames: string[], recursive: boolean): Promise<ManifestFile[]> {
  const sources: { source: string; text: () => Promise<string> }[] = [];
  for (const f of filenames) {
    if (f === '-') sources.push({ source: 'STDIN', text: () => readStdin(session) });
    else if (/^https?:\/\//.test(f)) sources.push({ source: f, text: () => fetchUrl(f) });
    else for (const file of listFiles(f, recursive)) sources.push({ source: file, text: async () => readText(file) });
  }
  const out: ManifestFile[] = [];
  for (const { source, text } of sources) {
    try {
      const manifests: Manifest[] = [];
      for (const d of await decodeStream(await text(), source)) manifests.push(...toObjects(d, source));
      out.push({ source, manifests });
    } catch (e) {
      out.push({ source, manifests: [], error: e });
    }
  }
  return out;
}

/** Reads every -f argument into manifests; an error anywhere fails the whole command. */
export async function readManifests(session: Session, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const files = await readManifestFiles(session, filenames, recursive);
  const failed = files.find((f) => f.error !== undefined);
  if (failed) throw failed.error;
  return files.flatMap((f) => f.manifests);
}

/** The objects a kustomization directory builds to (-k), with kustomize's warnings on stderr. */
async function readKustomization(session: Session, dir: string): Promise<ManifestFile> {
  const { build, KustomizeError } = await import('../../kustomize/index.js');
  try {
    const objects = await build(dir, (w) => session.io.err(w + '\n'));
    return { source: dir, manifests: objects.flatMap((o) => toObjects(o, dir)) };
  } catch (e) {
    if (e instanceof KustomizeError) throw new CliError(e.message);
    throw e;
  }
}

/** -f (with -R) or -k, as a command's options hold them; kubectl refuses them together. */
export async function readInputFiles(session: Session, opts: Record<string, unknown>): Promise<ManifestFile[]> {
  const filenames = (opts.filename as string[] | undefined) ?? [];
  if (opts.kustomize !== undefined) {
    if (filenames.length) throw new CliError('only one of -f or -k can be specified');
    if (opts.recursive) throw new CliError("the -k flag can't be used with -f or -R");
    return [await readKustomization(session, String(opts.kustomize))];
  }
  return readManifestFiles(session, filenames, !!opts.recursive);
}

/** readInputFiles, failing on the first file that could not be read. */
export async function readInput(session: Session, opts: Record<string, unknown>): Promise<Manifest[]> {
  const files = await readInputFiles(session, opts);
  const failed = files.find((f) => f.error !== undefined);
  if (failed) throw failed.error;
  return files.flatMap((f) => f.manifests);
}
