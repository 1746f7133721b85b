// The ConfigMaps and Secrets `kctl create configmap|secret` builds: keys from literals, files,
// directories and env files, kubectl's checks and messages, and --append-hash's name suffix.

import { closeSync, openSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { MAX_REQUEST_BODY_BYTES, requestEntityTooLarge } from '../../../../apiserver/limits.js';
import type { KObject } from '../../../../api/types.js';
import { InputTooLarge, readFdCapped } from '../../../../util/readcapped.js';
import { CliError } from '../../../errors.js';
import { generatedMeta, goMap } from './meta.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_RULE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_RULE = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

type DataKind = 'Secret' | 'ConfigMap';

/**
 * A file given to --from-file, --from-env-file, --cert or --key. kubectl reads it whole and sends
 * it; past the request-body limit the server refuses it (413), so kctl stops reading there.
 */
export function readDataBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readFdCapped(fd, MAX_REQUEST_BODY_BYTES);
  } catch (e) {
    if (e instanceof InputTooLarge) throw requestEntityTooLarge();
    throw e;
  } finally {
    closeSync(fd);
  }
}

export function readDataFile(path: string): string {
  return readDataBytes(path).toString('utf8');
}

/** The keys and values of --from-literal, --from-file and --from-env-file, checked as kubectl checks them. */
export interface Sources {
  literals: string[];
  files: string[];
  envFiles: string[];
}

/** Values as bytes: a ConfigMap keeps what is not UTF-8 in binaryData. */
export function collectData(kind: DataKind, objName: string, s: Sources, env: NodeJS.ProcessEnv): Map<string, Buffer> {
  // Keys are the user's: a Map holds `__proto__` and `constructor` as any other.
  const data = new Map<string, Buffer>();
  const add = (key: string, value: Buffer) => {
    if (!CONFIG_KEY.test(key)) {
      throw new CliError(kind === 'Secret' ? `${JSON.stringify(key)} is not valid key name for a Secret ${KEY_RULE}` : `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${KEY_RULE}`);
    }
    if (data.has(key)) {
      throw new CliError(kind === 'Secret' ? `cannot add key ${key}, another key by that name already exists` : `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(objName)}`);
    }
    data.set(key, value);
  };
  if (s.envFiles.length && (s.files.length || s.literals.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
  // kubectl reads the literals first, then the files, then the env files.
  for (const l of s.literals) {
    const i = l.indexOf('=');
    if (i <= 0) throw new CliError(`invalid literal source ${l}, expected key=value`);
    add(l.slice(0, i), Buffer.from(l.slice(i + 1)));
  }
  for (const f of s.files) {
    const i = f.indexOf('=');
    const [key, path] = i >= 0 ? [f.slice(0, i), f.slice(i + 1)] : [undefined, f];
    if (key === '') throw new CliError(`key name for file path ${path} missing`);
    if (path === '') throw new CliError(`file path for key name ${key} missing`);
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
        if (statSync(p).isFile()) add(name, readDataBytes(p));
      }
    } else {
      add(key ?? basename(path), readDataBytes(path));
    }
  }
  for (const path of s.envFiles) {
    let text: Buffer;
    try {
      if (statSync(path).isDirectory()) throw new CliError(`env config file cannot be a directory`);
      text = readDataBytes(path);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`error reading ${path}: no such file or directory`);
    }
    const lines = text.toString('utf8').split('\n');
    lines.forEach((raw, n) => {
      const line = (n === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/^\s+/, '');
      if (!line || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) throw new CliError(`${JSON.stringify(key)} is not a valid key name: ${ENV_RULE}`);
      add(key, Buffer.from(eq < 0 ? env[key] ?? '' : line.slice(eq + 1)));
    });
  }
  return data;
}

const sortedKeys = (data: Map<string, Buffer>) => [...data.keys()].sort();

export function secret(name: string, namespace: string | undefined, data: Map<string, Buffer>, type?: string): KObject {
  const b64 = Object.fromEntries(sortedKeys(data).map((k) => [k, data.get(k)!.toString('base64')]));
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace),
    ...(Object.keys(b64).length ? { data: b64 } : {}),
    ...(type ? { type } : {}),
  };
}

const isUtf8 = (b: Buffer) => Buffer.from(b.toString('utf8'), 'utf8').equals(b);

export function configMap(name: string, namespace: string | undefined, data: Map<string, Buffer>): KObject {
  const text = sortedKeys(data).filter((k) => isUtf8(data.get(k)!));
  const binary = sortedKeys(data).filter((k) => !isUtf8(data.get(k)!));
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace),
    ...(text.length ? { data: Object.fromEntries(text.map((k) => [k, data.get(k)!.toString('utf8')])) } : {}),
    ...(binary.length ? { binaryData: Object.fromEntries(binary.map((k) => [k, data.get(k)!.toString('base64')])) } : {}),
  };
}

/** kubectl's hash package: the first ten hex digits of a SHA-256, vowels and look-alikes replaced. */
function encodeHash(json: string): string {
  const hex = createHash('sha256').update(json).digest('hex').slice(0, 10);
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return hex.replace(/[013ae]/g, (c) => swap[c]);
}

/** --append-hash: `name-<hash of the kind, name and contents>`, as kubectl's ConfigMapHash and SecretHash. */
export function appendHash(obj: KObject): KObject {
  const o = obj as KObject & { data?: Record<string, string>; binaryData?: Record<string, string>; type?: string };
  const encoded =
    obj.kind === 'ConfigMap'
      ? { ...(o.binaryData ? { binaryData: goMap(o.binaryData) } : {}), data: goMap(o.data ?? {}), kind: 'ConfigMap', name: obj.metadata.name }
      : { data: goMap(o.data ?? {}), kind: 'Secret', name: obj.metadata.name, type: o.type ?? '' };
  // Go marshals a nil map as null; an empty Data is nil in a generated object.
  const json = JSON.stringify(encoded).replace(/"data":\{\}/, '"data":null');
  return { ...obj, metadata: { ...obj.metadata, name: `${obj.metadata.name}-${encodeHash(json)}` } };
}

/** create secret docker-registry: a .dockerconfigjson for one registry. */
export function dockerConfigJson(o: { server: string; username: string; password: string; email?: string }): Buffer {
  const auth = Buffer.from(`${o.username}:${o.password}`).toString('base64');
  const entry = { username: o.username, password: o.password, ...(o.email ? { email: o.email } : {}), auth };
  return Buffer.from(JSON.stringify({ auths: { [o.server]: entry } }));
}
