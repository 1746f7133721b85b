// The nginx.ingress.kubernetes.io annotations the simulated ingress-nginx understands. Others
// are listed so the controller can say in its log that it does not act on them.

import type { ObjectMeta } from '../../api/types.js';

export const PREFIX = 'nginx.ingress.kubernetes.io/';

export interface IngressAnnotations {
  /** Redirect http to https when the host has TLS (default true). */
  sslRedirect: boolean;
  /** Redirect even without TLS. */
  forceSslRedirect: boolean;
  rewriteTarget?: string;
  /** Paths are regexes; rewrite-target implies it (ingress-nginx 0.22 and later). */
  useRegex: boolean;
  serverSnippet?: string;
  configurationSnippet?: string;
  permanentRedirect?: { url: string; code: number };
  temporalRedirect?: string;
  appRoot?: string;
  /** Annotations under the prefix that nothing here acts on. */
  unsupported: string[];
}

const KNOWN = new Set([
  'ssl-redirect',
  'force-ssl-redirect',
  'rewrite-target',
  'use-regex',
  'server-snippet',
  'configuration-snippet',
  'permanent-redirect',
  'permanent-redirect-code',
  'temporal-redirect',
  'app-root',
]);

/** ingress-nginx parses booleans with strconv.ParseBool; anything else keeps the default. */
function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return dflt;
}

export function ingressAnnotations(ing: { metadata: ObjectMeta }): IngressAnnotations {
  const a = ing.metadata.annotations ?? {};
  const get = (k: string) => a[PREFIX + k];
  const rewriteTarget = get('rewrite-target');
  const permanent = get('permanent-redirect');
  const code = Number(get('permanent-redirect-code') ?? 301);
  return {
    sslRedirect: bool(get('ssl-redirect'), true),
    forceSslRedirect: bool(get('force-ssl-redirect'), false),
    rewriteTarget,
    useRegex: bool(get('use-regex'), false) || rewriteTarget !== undefined,
    serverSnippet: get('server-snippet'),
    configurationSnippet: get('configuration-snippet'),
    permanentRedirect: permanent ? { url: permanent, code: code >= 300 && code <= 308 ? code : 301 } : undefined,
    temporalRedirect: get('temporal-redirect'),
    appRoot: get('app-root'),
    unsupported: Object.keys(a)
      .filter((k) => k.startsWith(PREFIX) && !KNOWN.has(k.slice(PREFIX.length)))
      .sort(),
  };
}
