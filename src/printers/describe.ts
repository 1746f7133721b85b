// kubectl describe's PrefixWriter: lines of TAB-separated cells at indent levels, aligned by
// tabwriter (min width 0, padding 2). flush() aligns what came so far on its own, as kubectl
// does before the Events table.

import { LAST_APPLIED } from '../api/lastapplied.js';
import type { KObject } from '../api/types.js';
import type { PrintContext } from '../kinds/kind.js';
import { age } from '../util/duration.js';
import { goSort } from '../util/gosort.js';
import { DESCRIBE, tabwrite } from './tabwriter.js';


/** printers.EscapeTerminal: what describe writes cannot drive the terminal. */
const escapeTerminal = (s: string) => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

export class DescribeWriter {
  private done = '';
  private pending = '';

  /** Writes one line at an indent level (0: none, 1: two spaces, …). */
  line(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text) + '\n';
  }

  flush(): void {
    if (this.pending) this.done += tabwrite(this.pending.replace(/\n$/, ''), DESCRIBE) + '\n';
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }

  /** The lines as written, TABs and all: `rollout history --revision` prints templates unaligned. */
  raw(): string {
    return this.done + this.pending;
  }

  /** `Labels:⇥a=b` then `⇥c=d` lines, sorted; `<none>` when empty. */
  labels(level: number, title: string, labels: Record<string, string> | undefined): void {
    const keys = Object.keys(labels ?? {}).sort();
    if (keys.length === 0) {
      this.line(level, `${title}:\t<none>`);
      return;
    }
    // kubectl's printLabelsMultiline starts a continuation line at the tab, without the title's
    // indent: the same once aligned, and what `rollout history --revision` prints unaligned.
    keys.forEach((k, i) => (i === 0 ? this.line(level, `${title}:\t${k}=${labels![k]}`) : this.line(0, `\t${k}=${labels![k]}`)));
  }

  /** printAnnotationsMultiline: long or multi-line values go below their key. */
  annotations(level: number, title: string, annotations: Record<string, string> | undefined): void {
    const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
    if (keys.length === 0) {
      this.line(level, `${title}:\t<none>`);
      return;
    }
    // Continuation lines start at the tab, as in labels().
    keys.forEach((k, i) => {
      const v = annotations![k];
      const head = i === 0 ? `${'  '.repeat(level)}${title}:` : '';
      const value = v.replace(/\n$/, '');
      if (k.length + value.length + 2 > 140 || value.includes('\n')) {
        this.line(0, `${head}\t${k}:`);
        for (const l of value.split('\n')) this.line(0, `\t  ${l.length > 138 ? l.slice(0, 138) + '...' : l}`);
      } else {
        this.line(0, `${head}\t${k}: ${value}`);
      }
    });
  }

  /** The Events section for an object. */
  events(obj: KObject, ctx: PrintContext): void {
    if (ctx.showEvents === false) return;
    const evs = eventsFor(obj, ctx);
    if (evs.length === 0) {
      this.line(0, 'Events:\t<none>');
      return;
    }
    this.flush();
    let t = '  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
    for (const e of evs) {
      const first = e.firstTimestamp as string | undefined;
      const last = (e.lastTimestamp as string | undefined) ?? first;
      const count = (e.count as number | undefined) ?? 1;
      const ageText = count > 1 ? `${age(last, ctx.now)} (x${count} over ${age(first, ctx.now)})` : age(first, ctx.now);
      const src = (e.source as { component?: string } | undefined)?.component ?? (e.reportingComponent as string) ?? '';
      t += escapeTerminal(`  ${e.type}\t${e.reason}\t${ageText}\t${src}\t${String(e.message ?? '').trim()}`) + '\n';
    }
    this.done += 'Events:\n' + tabwrite(t.replace(/\n$/, ''), DESCRIBE) + '\n';
  }
}

/**
 * The events of an object as describe shows them: listed in the server's order (by name), then
 * Go's unstable sort.Sort by last-seen time, which decides the order of events in the same second.
 */
export function eventsFor(obj: KObject, ctx: PrintContext): KObject[] {
  // kubectl looks up a mirror pod's events under the static pod's uid, which the kubelet records them with.
  const uid = (obj.kind === 'Pod' && obj.metadata.annotations?.['kubernetes.io/config.mirror']) || obj.metadata.uid;
  const list = ctx.cluster.store.list('events', obj.metadata.namespace || 'default').filter((e) => (e.involvedObject as { uid?: string }).uid === uid);
  const times = list.map(eventTime);
  goSort({
    len: () => list.length,
    less: (i, j) => times[i] < times[j],
    swap: (i, j) => {
      [list[i], list[j]] = [list[j], list[i]];
      [times[i], times[j]] = [times[j], times[i]];
    },
  });
  return list;
}

/** kubectl's eventTime: the series' last observation, else lastTimestamp, else eventTime (ms). */
function eventTime(e: KObject): number {
  const series = e.series as { lastObservedTime?: string } | undefined;
  const t = series?.lastObservedTime ?? (e.lastTimestamp as string | undefined) ?? (e.eventTime as string | undefined);
  return t ? Date.parse(t) : 0;
}

/** RFC1123Z with the local zone, as describe prints timestamps. */
export function describeTime(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const d = new Date(ts);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = (off >= 0 ? '+' : '-') + p(Math.floor(Math.abs(off) / 60)) + p(Math.abs(off) % 60);
  return `${days[d.getDay()]}, ${p(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}
