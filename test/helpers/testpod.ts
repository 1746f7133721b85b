// Throw-away pods of the seed 000 transcripts: `kubectl run --rm -i testpod` with centos:6.

import { expect } from 'vitest';
import type { Sandbox } from './kctl.js';

export const TESTPOD = ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--'];

export async function podNames(sb: Sandbox, selector = 'app=sample-app'): Promise<string[]> {
  return (await sb.ok(['get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'])).trim().split(' ');
}

/** Runs a throw-away curl pod until every expected answer was seen (or `tries` runs). */
export async function seenOver(sb: Sandbox, args: string[], expected: string[], tries = 15): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries && seen.size < expected.length; i++) {
    const out = await sb.ok([...TESTPOD, ...args]);
    expect(out).toMatch(/\npod "testpod" deleted\n$/);
    seen.add(out.replace(/\npod "testpod" deleted\n$/, ''));
  }
  return seen;
}
