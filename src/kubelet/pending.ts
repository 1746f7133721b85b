// Whether any container's main process waits to be run — cheap enough to ask after every
// change, so the runtime itself is only loaded when there is something to run.

import type { StateData } from '../store/schema.js';

export function hasPendingStarts(data: StateData): boolean {
  for (const byName of Object.values(data.containers)) {
    for (const state of Object.values(byName)) if (state.start === 'pending') return true;
  }
  return false;
}
