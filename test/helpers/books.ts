// Replaying the books' exercises with the upstream kubectl v1.32 against `kctl serve`, next to
// kctl itself on the same state file, and against the transcripts the books print.

import { expect } from 'vitest';
import type { Result, Sandbox } from './kctl.js';
import { kubectl, startServe, type Served } from './serve.js';

/**
 * Describe's Events tables are printed by kubectl with ages from its own clock, kctl's from
 * KCTL_NOW: their rows are compared with the ages taken out and the cells re-joined.
 */
export function eventAges(text: string): string {
  const lines = text.split('\n');
  let inEvents = false;
  return lines
    .map((l) => {
      if (/^Events:\s*$/.test(l)) inEvents = true;
      else if (!l.startsWith('  ')) inEvents = false;
      if (!inEvents || !l.startsWith('  ')) return l;
      return l
        .replace(/(?<=[\s(])\d+[smhd](?:\d+[smh])?(?=[ )]|$)/g, '<age>')
        .replace(/ {2,}/g, '  ');
    })
    .join('\n');
}

/**
 * A transcript or an output reduced to what a book can be compared on: names' random suffixes,
 * addresses, ages and column padding (the books' kubectl padded columns to tab stops) go.
 */
export function shape(text: string): string {
  return text
    .replace(/pod-template-hash=[a-z0-9]+/g, 'pod-template-hash=<hash>')
    .replace(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, '<ip>')
    .replace(/(?<=[a-z]-)[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '<rs>-<pod>')
    .replace(/(?<=[a-z]-)[a-z0-9]{8,10}\b(?!-)/g, '<rs>')
    .replace(/(?<=echo(?:-spring|-summer)?-)[a-z0-9]{5}\b/g, '<pod>')
    .replace(/(?<=\s)\d+[smhd](?:\d+[smh])?(?=\s|$)/gm, '<age>')
    .replace(/:3\d{4}\//g, ':<nodeport>/')
    .replace(/[ \t]+/g, ' ')
    .replace(/ $/gm, '')
    .trim();
}

export interface Books {
  sb: Sandbox;
  served: Served;
  /** The upstream kubectl v1.32.3 through the server. */
  k(...args: string[]): Promise<Result>;
  /** kctl on the same state file (for the steps kubectl cannot do through the server yet). */
  kctl(...args: string[]): Promise<Result>;
  /** kubectl succeeds and prints exactly what kctl prints for the same command (Events' ages aside). */
  same(...args: string[]): Promise<string>;
  /** kubectl succeeds, without a word on stderr; its stdout. */
  ok(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Serves the sandbox's state file with one fixed clock for the server and kctl (now, to the
 * second), so the tables' AGE cells, which the server computes, agree.
 */
export async function serveBooks(sb: Sandbox): Promise<Books> {
  const env = { KCTL_NOW: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
  const served = await startServe(sb, [], env);
  const k = (...args: string[]) => kubectl(sb, served, args);
  const kctl = (...args: string[]) => sb.run(args, { env });
  return {
    sb,
    served,
    k,
    kctl,
    async same(...args) {
      const theirs = await k(...args);
      const ours = await kctl(...args);
      expect({ args, stderr: theirs.stderr, code: theirs.code }).toEqual({ args, stderr: ours.stderr, code: ours.code });
      expect(eventAges(theirs.stdout)).toBe(eventAges(ours.stdout));
      expect(theirs.code).toBe(0);
      return theirs.stdout;
    },
    async ok(...args) {
      const r = await k(...args);
      expect({ args, stderr: r.stderr, code: r.code }).toEqual({ args, stderr: '', code: 0 });
      return r.stdout;
    },
    async stop() {
      const r = await served.stop();
      expect(r.code).toBe(0);
    },
  };
}

/** Every line of the book's transcript is in the output, in order, once both are shaped. */
export function expectBook(output: string, transcript: string): void {
  const have = shape(output).split('\n');
  let at = 0;
  for (const line of shape(transcript).split('\n')) {
    const found = have.indexOf(line, at);
    expect({ line, found: found >= 0, output: shape(output) }).toEqual({ line, found: true, output: shape(output) });
    at = found + 1;
  }
}
