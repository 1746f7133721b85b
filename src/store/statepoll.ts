// Waiting for other kctl processes: what follows the cluster (rollout status, logs -f, kctl
// serve's followed logs) looks at the state file a few times a second and reads it again once it
// was replaced. Nothing is locked while they wait, so the commands they wait for can run.

import { statSync } from 'node:fs';

const POLL_MS = 200;

/** Changes whenever the file is replaced (every write is a rename of a new file). */
export function stateStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}/${st.size}/${st.ino}`;
  } catch {
    return '';
  }
}

/** Resolves with the file's new stamp once it differs from `stamp`, or null at the deadline (ms since the epoch). */
export async function nextChange(path: string, stamp: string, deadline = Infinity): Promise<string | null> {
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
    const now = stateStamp(path);
    if (now !== stamp) return now;
  }
}
