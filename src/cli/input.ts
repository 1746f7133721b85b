// The caps on what kctl reads from files, devices, pipes and its own stdin, and the one-line
// refusals past them (the readers are in util/readcapped.ts).

import { CliError } from './errors.js';

/**
 * The most kctl reads from one manifest source. kubectl has no such cap (it reads /dev/zero
 * until memory runs out); a real API server takes at most 3 MiB per request, so this leaves
 * room for a file of several of the largest objects.
 */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/** The most stdin kctl passes to a container's process (exec -i, run -i, host). */
export const MAX_CONTAINER_STDIN = 8 * 1024 * 1024;

const MiB = 1024 * 1024;

export function manifestTooLarge(source: string): CliError {
  const what = source === 'STDIN' ? 'STDIN' : `the file ${source}`;
  return new CliError(`${what} is too large: kctl reads manifests of at most ${MAX_MANIFEST_BYTES / MiB} MiB`);
}

export function containerInputTooLarge(): CliError {
  return new CliError(`stdin is too large: kctl passes at most ${MAX_CONTAINER_STDIN / MiB} MiB of input to a container`);
}
