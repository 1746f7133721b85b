// ServiceAccount: kubectl describe's layout, the client-side half of ./serviceaccount.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

// kubectl pads the headers to one width and prints them in sorted order.
const PULL = 'Image pull secrets:';
const MOUNT = 'Mountable secrets: ';
const TOKENS = 'Tokens:            ';
const EMPTY = ' '.repeat(PULL.length);

export const describeServiceAccount: Describer<'serviceaccounts'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  const secrets = ctx.cluster.store.list('secrets', o.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  // Legacy token Secrets of this account: bound by its name and uid.
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === o.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === o.metadata.uid,
  );
  const sections: [string, string[]][] = [
    [PULL, (o.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    [MOUNT, (o.secrets ?? []).map((s) => s.name ?? '')],
    [TOKENS, tokens.map((s) => s.metadata.name)],
  ];
  const referenced = new Set([...sections[0][1], ...sections[1][1]]);
  for (const [header, names] of sections) {
    if (!names.length) {
      w.line(0, `${header}\t<none>`);
      continue;
    }
    names.forEach((name, i) => w.line(0, `${i ? EMPTY : header}\t${name}${referenced.has(name) && !existing.has(name) ? ' (not found)' : ''}`));
  }
  w.events(o, ctx);
  return w.toString();
};
