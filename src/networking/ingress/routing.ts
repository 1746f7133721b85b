// How ingress-nginx turns the Ingresses it serves into nginx servers and locations, and which
// location answers a request: exact host before wildcard (`*.example.com`, one label), then the
// catch-all server `_`; inside a server an Exact path first, else the longest matching path
// (Prefix element-wise, ImplementationSpecific as an nginx prefix or, with use-regex, a
// case-insensitive regex), ties going to Prefix and then to the oldest Ingress.

import type { HTTPIngressPath, IngressBackend } from 'kubernetes-types/networking/v1';
import type { ObjectOf } from '../../api/types.js';
import { ingressAnnotations, type IngressAnnotations } from './annotations.js';
import { pcreTest } from './pcre.js';

const CATCH_ALL = '_';

type IngressObject = ObjectOf<'ingresses'>;

export interface Location {
  ingress: IngressObject;
  annotations: IngressAnnotations;
  path: string;
  pathType: HTTPIngressPath['pathType'];
  backend: IngressBackend;
}

/** What answers when no location does: an Ingress's defaultBackend, or the controller's. */
export interface Fallback {
  ingress?: IngressObject;
  annotations?: IngressAnnotations;
  backend?: IngressBackend;
}

export interface VirtualServer {
  hostname: string;
  locations: Location[];
  fallback: Fallback;
  /** The Ingress whose spec.tls names this host, and its secret. */
  tls?: { ingress: IngressObject; secretName?: string };
  /** With use-regex (or rewrite-target) on any Ingress of the host, paths are regexes. */
  regex: boolean;
  /** Server-level snippets, in the order of their Ingresses. */
  snippets: { ingress: IngressObject; text: string }[];
}

export interface RoutingTable {
  servers: Map<string, VirtualServer>;
  /** Wildcard servers in name order, as nginx meets their regexes. */
  wildcards: VirtualServer[];
}

function server(table: RoutingTable, hostname: string): VirtualServer {
  let s = table.servers.get(hostname);
  if (!s) {
    s = { hostname, locations: [], fallback: {}, regex: false, snippets: [] };
    table.servers.set(hostname, s);
  }
  return s;
}

/** Builds the servers from Ingresses ordered oldest first (the order the controller merges them in). */
export function buildRoutingTable(ingresses: IngressObject[]): RoutingTable {
  const table: RoutingTable = { servers: new Map(), wildcards: [] };
  server(table, CATCH_ALL);
  for (const ing of ingresses) {
    const s = ing.spec ?? {};
    const annotations = ingressAnnotations(ing);
    const def: Fallback | undefined = s.defaultBackend ? { ingress: ing, annotations, backend: s.defaultBackend } : undefined;
    // An Ingress with only a defaultBackend is the catch-all; the first one wins.
    if (def && !s.rules?.length) {
      const all = server(table, CATCH_ALL);
      if (!all.fallback.backend) all.fallback = def;
    }
    for (const rule of s.rules ?? []) {
      const vs = server(table, rule.host || CATCH_ALL);
      if (vs.hostname !== CATCH_ALL && def && !vs.fallback.backend) vs.fallback = def;
      if (annotations.useRegex) vs.regex = true;
      if (annotations.serverSnippet !== undefined && !vs.snippets.some((x) => x.ingress === ing)) vs.snippets.push({ ingress: ing, text: annotations.serverSnippet });
      for (const p of rule.http?.paths ?? []) {
        const path = p.path || '/';
        // The first Ingress to claim a host and path keeps it.
        if (vs.locations.some((l) => l.path === path && l.pathType === p.pathType)) continue;
        vs.locations.push({ ingress: ing, annotations, path, pathType: p.pathType, backend: p.backend });
      }
    }
    for (const t of s.tls ?? []) {
      for (const h of t.hosts ?? []) {
        const vs = table.servers.get(h);
        if (vs && !vs.tls) vs.tls = { ingress: ing, secretName: t.secretName };
      }
    }
  }
  table.wildcards = [...table.servers.values()].filter((s) => s.hostname.startsWith('*.')).sort((a, b) => a.hostname.localeCompare(b.hostname));
  return table;
}

/** `*.foo.com` matches one label in front of foo.com, as ingress-nginx's server_name regex does. */
export function wildcardMatches(pattern: string, host: string): boolean {
  const suffix = pattern.slice(1);
  if (!host.endsWith(suffix)) return false;
  return /^[A-Za-z0-9_-]+$/.test(host.slice(0, host.length - suffix.length));
}

/** The server for a request's host (lower-case, without port); `_` when none is named for it. */
export function findServer(table: RoutingTable, host: string): VirtualServer {
  const exact = table.servers.get(host);
  if (exact && host !== CATCH_ALL && !host.startsWith('*.')) return exact;
  return table.wildcards.find((w) => wildcardMatches(w.hostname, host)) ?? table.servers.get(CATCH_ALL)!;
}

/** Prefix paths match element-wise: `/foo` and `/foo/` both match /foo and /foo/bar, not /foobar. */
export function prefixMatches(path: string, uri: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (p === '/') return true;
  return uri === p || uri.startsWith(`${p}/`);
}

/** Throws MatchLimitError when the regex runs past PCRE's match limit. */
function regexMatches(path: string, uri: string): boolean {
  return pcreTest(`^${path}`, uri, true);
}

function locationMatches(l: Location, uri: string, regex: boolean): boolean {
  switch (l.pathType) {
    case 'Exact':
      return uri === l.path;
    case 'Prefix':
      return regex ? regexMatches(l.path, uri) : prefixMatches(l.path, uri);
    default:
      return regex ? regexMatches(l.path, uri) : uri.startsWith(l.path);
  }
}

/** The location answering `uri` (the path, without query), or undefined for the server's fallback. */
export function matchLocation(vs: VirtualServer, uri: string): Location | undefined {
  let best: Location | undefined;
  for (const l of vs.locations) {
    if (!locationMatches(l, uri, vs.regex)) continue;
    if (l.pathType === 'Exact') return l;
    if (!best || l.path.length > best.path.length || (l.path.length === best.path.length && l.pathType === 'Prefix' && best.pathType !== 'Prefix')) best = l;
  }
  return best;
}
