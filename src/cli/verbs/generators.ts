// The objects `kubectl create <generator>` builds on the client, field for field and in the Go
// struct order its `-o json` prints them.

import { readdirSync, statSync } from 'node:fs';
import { MAX_REQUEST_BODY_BYTES, requestEntityTooLarge } from '../../apiserver/limits.js';
import { InputTooLarge, readFileCapped } from '../../util/readcapped.js';
import { basename, join } from 'node:path';
import type { KObject } from '../../api/types.js';
import type { Random } from '../../util/random.js';
import { CliError } from '../errors.js';

/** ObjectMeta as a generator fills it: name, the namespace only when -n was given, labels. */
export function generatedMeta(name: string, namespace: string | undefined, labels?: Record<string, string>): KObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string, ...(labels ? { labels } : {}) };
}

/** The container name `create deployment` derives from an image: last path part, no tag or digest. */
function containerName(image: string, rand: Random): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0].split('@')[0];
  // sanitizeAndUniquify: DNS-1123 needs '-' for '_' and '.', and a random suffix keeps names apart.
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${rand.suffix()}`;
  return name;
}

export function deployment(name: string, namespace: string | undefined, o: { images: string[]; replicas: number; port?: number; command: string[] }, rand: Random): KObject {
  const labels = { app: name };
  const containers = o.images.map((image, i) => ({
    name: containerName(image, rand),
    // An empty list entry (`--image=a,,b`) is a container without an image, as Go omits it.
    ...(image ? { image } : {}),
    ...(o.command.length ? { command: o.command } : {}),
    ...(i === 0 && o.port !== undefined ? { ports: [{ containerPort: o.port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: generatedMeta(name, namespace, labels),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export function job(name: string, namespace: string | undefined, image: string, command: string[]): KObject {
  const container = { name, image, ...(command.length ? { command } : {}), resources: {} };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(name, namespace),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  };
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function portNumber(n: number): number {
  if (n < 1 || n > 65535) throw new CliError('must be between 1 and 65535, inclusive');
  return n;
}

/** `--tcp=<port>[:<targetPort>]` pairs; the port's name is the pair with '-' for ':'. */
function servicePorts(tcp: string[], nodePort: number | undefined): Record<string, unknown>[] {
  return tcp.map((t) => {
    const [port, target] = t.split(':');
    const parse = (s: string) => {
      if (!/^\d+$/.test(s) || Number(s) > 65535) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: ${/^\d+$/.test(s) ? 'value out of range' : 'invalid syntax'}`);
      return Number(s);
    };
    const p = parse(port);
    return {
      name: t.replace(/:/g, '-'),
      protocol: 'TCP',
      port: p,
      targetPort: target === undefined ? p : /^\d+$/.test(target) ? portNumber(Number(target)) : target,
      ...(nodePort ? { nodePort } : {}),
    };
  });
}

export function service(name: string, namespace: string | undefined, type: ServiceType, o: { tcp: string[]; clusterIP?: string; nodePort?: number; externalName?: string }): KObject {
  const ports = servicePorts(o.tcp, o.nodePort);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace, { app: name }),
    spec: {
      ...(ports.length ? { ports } : {}),
      selector: { app: name },
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      type,
      ...(o.externalName ? { externalName: o.externalName } : {}),
    },
    status: { loadBalancer: {} },
  };
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_RULE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type DataKind = 'Secret' | 'ConfigMap';

/**
 * A file given to --from-file, --cert or --key. kubectl reads it whole and sends it; past the
 * request-body limit the server refuses it (413), so kctl stops reading there and answers so.
 */
export function readDataFile(path: string): string {
  try {
    return readFileCapped(path, MAX_REQUEST_BODY_BYTES);
  } catch (e) {
    if (e instanceof InputTooLarge) throw requestEntityTooLarge();
    throw e;
  }
}

/** Collects --from-literal and --from-file entries with kubectl's checks and messages. */
export function collectData(kind: DataKind, objName: string, literals: string[], files: string[]): Record<string, string> {
  // Keys are the user's: no key may meet Object.prototype (constructor, __proto__).
  const data: Record<string, string> = Object.create(null);
  const add = (key: string, value: string) => {
    if (!CONFIG_KEY.test(key)) {
      throw new CliError(kind === 'Secret' ? `${JSON.stringify(key)} is not valid key name for a Secret ${KEY_RULE}` : `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${KEY_RULE}`);
    }
    if (Object.hasOwn(data, key)) {
      throw new CliError(kind === 'Secret' ? `cannot add key ${key}, another key by that name already exists` : `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(objName)}`);
    }
    data[key] = value;
  };
  for (const l of literals) {
    const i = l.indexOf('=');
    if (i <= 0) throw new CliError(`invalid literal source ${l}, expected key=value`);
    add(l.slice(0, i), l.slice(i + 1));
  }
  for (const f of files) {
    const i = f.indexOf('=');
    const [key, path] = i > 0 ? [f.slice(0, i), f.slice(i + 1)] : [undefined, f];
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`error reading ${path}: no such file or directory`);
    }
    if (isDir) {
      if (key !== undefined) throw new CliError('cannot give a key name for a directory path');
      for (const name of readdirSync(path).sort()) {
        const p = join(path, name);
        if (statSync(p).isFile()) add(name, readDataFile(p));
      }
    } else {
      add(key ?? basename(path), readDataFile(path));
    }
  }
  return data;
}

export function secret(name: string, namespace: string | undefined, data: Record<string, string>, type?: string): KObject {
  const b64 = Object.fromEntries(Object.keys(data).sort().map((k) => [k, Buffer.from(data[k]).toString('base64')]));
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace),
    ...(Object.keys(b64).length ? { data: b64 } : {}),
    ...(type ? { type } : {}),
  };
}

export function configMap(name: string, namespace: string | undefined, data: Record<string, string>): KObject {
  const sorted = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: generatedMeta(name, namespace), ...(Object.keys(sorted).length ? { data: sorted } : {}) };
}

export function namespaceObject(name: string): KObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: generatedMeta(name, undefined), spec: {}, status: {} };
}
