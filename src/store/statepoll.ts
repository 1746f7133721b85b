// The state file's stamp: it changes whenever the file is replaced, so a reader can tell that
// what it read before is stale (the read cache, the published ports). Followers of the cluster
// wait on the change feed (changefeed.ts) instead of asking it over and over.

import { statSync } from 'node:fs';

/** Changes whenever the file is replaced (every write is a rename of a new file). */
export function stateStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}/${st.size}/${st.ino}`;
  } catch {
    return '';
  }
}
