// One `kctl serve` per state file: a record beside the state file names the serving process.
// Whether that process still runs is decided by its pid (and, where /proc tells, that the pid is
// still a kctl), never by timestamps, so a server that was killed never blocks the next one.
// Commands that use the state file are not affected: kctl and the server share it safely.

import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { withStateLock } from '../store/statefile.js';

export interface InstanceRecord {
  pid: number;
  url?: string;
  kubeconfig?: string;
}

export class AlreadyServing extends Error {
  constructor(
    readonly statePath: string,
    readonly other: InstanceRecord,
  ) {
    super(
      `the state file ${statePath} is already served by kctl serve (pid ${other.pid}${other.url ? `, ${other.url}` : ''}); stop that one first, or serve another state file with --state`,
    );
  }
}

export function instanceFile(statePath: string): string {
  return `${statePath}.serve`;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // A pid the system gave to another program since: not a kctl.
    return /kctl/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return true;
  }
}

function readRecord(file: string): InstanceRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as InstanceRecord;
    return Number.isInteger(r.pid) && r.pid > 0 ? r : undefined;
  } catch {
    return undefined;
  }
}

function writeRecord(file: string, r: InstanceRecord): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const buf = Buffer.from(JSON.stringify(r) + '\n');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export interface Instance {
  /** Adds what clients need to know (once the port is known). */
  update(r: Omit<InstanceRecord, 'pid'>): void;
  /** Gives the claim up (when the server stops). */
  release(): void;
}

/**
 * Claims the state file for this process, or throws AlreadyServing. The check and the claim
 * happen under the state file's lock, so two servers starting at once cannot both win.
 */
export async function claimInstance(statePath: string): Promise<Instance> {
  const file = instanceFile(statePath);
  await withStateLock(
    statePath,
    async () => {
      const other = readRecord(file);
      if (other && other.pid !== process.pid && running(other.pid)) throw new AlreadyServing(statePath, other);
      writeRecord(file, { pid: process.pid });
      return { write: null, result: undefined };
    },
    { read: false },
  );
  return {
    update: (r) => writeRecord(file, { pid: process.pid, ...r }),
    release() {
      if (readRecord(file)?.pid !== process.pid) return;
      try {
        unlinkSync(file);
      } catch {}
    },
  };
}
