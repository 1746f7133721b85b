// Images users describe themselves, in a YAML file named by $KCTL_IMAGES:
//
//   images:
//     - match: [myorg/hello]            # repo (any tag) or repo:tag, * wildcards
//       base: alpine                    # debian ubuntu centos6 centos7 alpine busybox distroless
//       env: {GREETING: hello}
//       files: {/app/motd: "hi\n"}
//       programs: [curl]                # extra tools: curl wget dig nslookup host ping bash
//       curl: 7.88.1
//       cmd: [/app/hello]
//       daemons: [/app/hello]           # commands that are the image's long-running server
//       startLog: ["{go_time} listening on :8080"]
//       servers:
//         - port: 8080
//           kind: static                # or nginx, echo-nginx, gihyo-echo, proxy
//           response: {status: 200, headers: {Content-Type: text/plain}, body: "hello\n"}
//           accessLog: "{go_time} {method} {uri} {status}"
//
// Entries are checked field by field; a mistake names the file and the field.

import { InputTooLarge, readFileCapped } from '../../util/readcapped.js';
import { parse } from 'yaml';
import type { DigFlavor } from '../programs/dns/index.js';
import { SERVER_KINDS } from '../servers/index.js';
import { BASES } from './bases.js';
import type { BaseName, ImageSpec, ServerSpec } from './types.js';

export class ImageCatalogError extends Error {}

const DIG_FLAVORS: DigFlavor[] = ['9.8', '9.11', '9.16', '9.18'];

type Raw = Record<string, unknown>;

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, message: string): never {
    throw new ImageCatalogError(`image catalogue ${this.file}: ${path}: ${message}`);
  }

  object(v: unknown, path: string, allowed: string[]): Raw {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping');
    for (const key of Object.keys(v as Raw)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
    return v as Raw;
  }

  string(v: unknown, path: string): string {
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') this.fail(path, 'must be a string');
    return v;
  }

  strings(v: unknown, path: string): string[] {
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v)) this.fail(path, 'must be a list of strings');
    return v.map((x, i) => this.string(x, `${path}[${i}]`));
  }

  map(v: unknown, path: string): Record<string, string> {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping of strings');
    return Object.fromEntries(Object.entries(v as Raw).map(([k, x]) => [k, this.string(x, `${path}.${k}`)]));
  }

  paths(v: Record<string, string>, path: string): Record<string, string> {
    for (const p of Object.keys(v)) if (!p.startsWith('/')) this.fail(`${path}.${p}`, 'paths must be absolute');
    return v;
  }

  server(v: unknown, path: string): ServerSpec {
    const o = this.object(v, path, ['port', 'kind', 'tls', 'response', 'accessLog']);
    const port = typeof o.port === 'number' ? o.port : this.string(o.port, `${path}.port`);
    if (typeof port === 'number' && (!Number.isInteger(port) || port < 1 || port > 65535)) this.fail(`${path}.port`, 'must be between 1 and 65535');
    const kind = o.kind === undefined ? (o.response ? 'static' : undefined) : this.string(o.kind, `${path}.kind`);
    if (!kind || !Object.hasOwn(SERVER_KINDS, kind)) this.fail(`${path}.kind`, `must be one of ${Object.keys(SERVER_KINDS).join(', ')}`);
    const spec: ServerSpec = { port, kind };
    if (o.tls !== undefined) spec.tls = { trusted: !!this.object(o.tls, `${path}.tls`, ['trusted']).trusted };
    if (o.response !== undefined) {
      const r = this.object(o.response, `${path}.response`, ['status', 'headers', 'body']);
      spec.response = {
        status: r.status === undefined ? undefined : Number(r.status),
        headers: r.headers === undefined ? undefined : this.map(r.headers, `${path}.response.headers`),
        body: r.body === undefined ? undefined : this.string(r.body, `${path}.response.body`),
      };
      if (spec.response.status !== undefined && !(spec.response.status >= 100 && spec.response.status <= 599)) this.fail(`${path}.response.status`, 'must be an HTTP status');
    }
    if (o.accessLog !== undefined) spec.accessLog = this.string(o.accessLog, `${path}.accessLog`);
    return spec;
  }

  image(v: unknown, path: string): ImageSpec {
    const o = this.object(v, path, ['match', 'base', 'env', 'files', 'dirs', 'entrypoint', 'cmd', 'workingDir', 'programs', 'without', 'curl', 'dig', 'bash', 'servers', 'daemons', 'startLog']);
    const base = (o.base === undefined ? 'debian' : this.string(o.base, `${path}.base`)) as BaseName;
    if (!Object.hasOwn(BASES, base)) this.fail(`${path}.base`, `must be one of ${Object.keys(BASES).join(', ')}`);
    if (o.match === undefined) this.fail(`${path}.match`, 'required');
    const spec: ImageSpec = { match: this.strings(o.match, `${path}.match`), base };
    if (o.env !== undefined) spec.env = this.map(o.env, `${path}.env`);
    if (o.files !== undefined) spec.files = this.paths(this.map(o.files, `${path}.files`), `${path}.files`);
    for (const key of ['dirs', 'entrypoint', 'cmd', 'programs', 'without', 'daemons', 'startLog'] as const) {
      if (o[key] !== undefined) spec[key] = this.strings(o[key], `${path}.${key}`);
    }
    if (o.workingDir !== undefined) spec.workingDir = this.string(o.workingDir, `${path}.workingDir`);
    if (o.curl !== undefined) spec.curl = this.string(o.curl, `${path}.curl`);
    if (o.bash !== undefined) spec.bash = this.string(o.bash, `${path}.bash`);
    if (o.dig !== undefined) {
      const dig = this.string(o.dig, `${path}.dig`) as DigFlavor;
      if (!DIG_FLAVORS.includes(dig)) this.fail(`${path}.dig`, `must be one of ${DIG_FLAVORS.join(', ')}`);
      spec.dig = dig;
    }
    if (o.servers !== undefined) {
      if (!Array.isArray(o.servers)) this.fail(`${path}.servers`, 'must be a list');
      spec.servers = o.servers.map((s, i) => this.server(s, `${path}.servers[${i}]`));
    }
    return spec;
  }
}

/** The most of a catalogue file kctl reads: a device or an endless pipe is refused. */
const MAX_CATALOGUE_BYTES = 8 * 1024 * 1024;

/** The entries of the catalogue file, or none when the variable is unset. */
export function loadUserImages(file: string | undefined): ImageSpec[] {
  if (!file) return [];
  let text: string;
  try {
    text = readFileCapped(file, MAX_CATALOGUE_BYTES);
  } catch (e) {
    if (e instanceof InputTooLarge) throw new ImageCatalogError(`image catalogue ${file}: larger than ${MAX_CATALOGUE_BYTES / 1048576} MiB`);
    throw new ImageCatalogError(`image catalogue ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ImageCatalogError(`image catalogue ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const check = new Checker(file);
  const list: unknown = Array.isArray(doc) ? doc : doc == null ? [] : check.object(doc, '$', ['images']).images ?? [];
  if (!Array.isArray(list)) return check.fail('images', 'must be a list');
  return list.map((entry: unknown, i: number) => check.image(entry, `images[${i}]`));
}
