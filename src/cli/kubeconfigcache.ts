// Every kctl command reads the kubeconfig for its namespace and state file; parsing YAML would
// cost each start more than the command itself. The parsed document of each file is kept as JSON
// under $XDG_CACHE_HOME/kctl/kubeconfig/, valid while the file's inode, size and mtime are unchanged.

import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makeDirectory } from '../store/statepath.js';
import { fnv1a32 } from '../util/hash.js';
import { readV1 } from './kubeconfig.js';

function cacheFile(file: string, env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'kctl', 'kubeconfig', `${fnv1a32(file).toString(16)}.json`);
}

/** readV1 through the cache: undefined for a missing file, as readV1. */
export async function readV1Cached(file: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  let stamp: string;
  try {
    const st = statSync(file, { bigint: true });
    if (!st.isFile()) return readV1(file);
    stamp = `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return undefined;
  }
  const cache = cacheFile(file, env);
  try {
    const kept = JSON.parse(readFileSync(cache, 'utf8')) as { file: string; stamp: string; doc: unknown };
    if (kept.file === file && kept.stamp === stamp) return kept.doc;
  } catch {}
  const doc = await readV1(file);
  try {
    // Not Node's recursive mkdir: it never returns under /proc.
    makeDirectory(join(cache, '..'));
    const tmp = `${cache}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ file, stamp, doc }), { mode: 0o600 });
    renameSync(tmp, cache);
  } catch {
    // A cache that cannot be written only costs the next start the parse.
  }
  return doc;
}
