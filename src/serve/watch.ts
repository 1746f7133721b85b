// Watches (`GET …?watch=true`): a chunked stream of newline-delimited WatchEvents, as the API
// server's watch cache sends them. From a resourceVersion, every change after it (from the
// store's history, store/history.ts); without one (or "0"), the objects as they are as ADDED
// first. Selectors apply to each change as the cacher applies them: an update that makes an object
// match is ADDED, one that makes it stop matching is DELETED. Objects go out as they are stored
// (in the version the path names), or as one-row Tables when the client asks for Tables (`kubectl get -w`).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, statusOf } from '../api/errors.js';
import { fieldsOf } from '../api/fields.js';
import type { KObject } from '../api/types.js';
import { selectorMatcher } from '../apiserver/list.js';
import { clockOf } from '../cluster/access.js';
import { Cluster } from '../cluster/cluster.js';
import { ChangeFeed, type FeedEvent } from '../store/changefeed.js';
import { changesSince, leavingObject, ResourceVersionTooOld, type Change } from '../store/history.js';
import type { StateData } from '../store/schema.js';
import { objectKey } from '../store/store.js';
import { randomFor } from '../util/random.js';
import type { Reply } from './http.js';
import { inRequestVersion, requestVersion, tableContentType, tableOf, tableVersion, type ResourceRequest } from './resources.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** How often a watch that allows bookmarks gets one (the watch cache's bookmark frequency). */
export const BOOKMARK_INTERVAL_MS = 60_000;
/** A watch without timeoutSeconds ends after the server's minimum request timeout (30 min) times 1 to 2. */
const MIN_REQUEST_TIMEOUT_S = 1800;

function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}

/** A non-negative integer query parameter, or undefined when absent. */
function integerParam(query: URLSearchParams, key: string): number | undefined {
  const text = query.get(key);
  if (text === null || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw badRequest(`invalid ${key} ${JSON.stringify(text)}: must be a non-negative integer`);
  return Number(text);
}

/** The answer to a watch request: a stream, or an error before it starts. */
export async function watchReply(req: ResourceRequest): Promise<Reply> {
  const { info, namespace, name } = req.target;
  const q = req.query;
  const fieldSelector = [name !== undefined ? `metadata.name=${name}` : '', q.get('fieldSelector') ?? ''].filter(Boolean).join(',');
  const matches = selectorMatcher(info, { labelSelector: q.get('labelSelector') ?? undefined, fieldSelector }) ?? (() => true);
  const rvText = q.get('resourceVersion') ?? '';
  if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rvText)}: must be a non-negative integer`);
  const sendInitialEvents = q.get('sendInitialEvents') === 'true';
  const match = q.get('resourceVersionMatch') ?? '';
  if (sendInitialEvents && match !== 'NotOlderThan') {
    throw new StatusError('Invalid', `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`);
  }
  if (!sendInitialEvents && match !== '') {
    throw new StatusError('Invalid', `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided`);
  }
  const timeoutSeconds = integerParam(q, 'timeoutSeconds');
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  const table = tableVersion(req.accept);
  // A state file that does not exist yet is made now, as a list would make it.
  await req.access.read();
  const feed = req.changes ?? new ChangeFeed(req.access.statePath, () => null);
  const data = feed.refresh();
  if (!data) throw new StatusError('InternalError', 'Internal error occurred: the state file is gone');
  const requested = rvText === '' ? undefined : Number(rvText);
  if (requested !== undefined && requested > data.resourceVersion && !sendInitialEvents) {
    throw new StatusError('Timeout', `Timeout: Too large resource version: ${requested}, current: ${data.resourceVersion}`, { retryAfterSeconds: 1 });
  }
  const timeoutMs = timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds * 1000 : MIN_REQUEST_TIMEOUT_S * 1000 * (1 + Math.random());
  const now = () => clockOf(req.access.env);
  const clusterOf = (d: StateData) => new Cluster(d, now(), randomFor(req.access.env.KCTL_SEED, `${d.resourceVersion}/watch`), false);
  let sentHeaders = false;

  /** The event line for an object, converted as the client asked. */
  const encode = (type: EventType, object: object, d: StateData): string => {
    let out = object;
    if (table && type !== 'ERROR' && type !== 'BOOKMARK') {
      out = tableOf(req, [object as KObject], table, clusterOf(d), (object as KObject).metadata.resourceVersion ?? '', !sentHeaders);
      sentHeaders = true;
    } else if (type !== 'ERROR' && type !== 'BOOKMARK') {
      out = inRequestVersion(req.target, object);
    }
    return `${JSON.stringify({ type, object: out })}\n`;
  };
  const inScope = (c: Change) => c.resource === info.resource && (!info.namespaced || namespace === undefined || c.object.metadata.namespace === namespace);
  /** A change as this watch sees it, or undefined when its selectors see no change. */
  const view = (c: Change): [EventType, KObject] | undefined => {
    if (!inScope(c)) return undefined;
    const now = c.type !== 'DELETED' && matches(c.object.metadata.labels, fieldsOf(info.resource, c.object));
    const before =
      c.type === 'ADDED' ? false : c.previous ? matches(c.previous.labels, c.previous.fields) : matches(c.object.metadata.labels, fieldsOf(info.resource, c.object));
    if (now && !before) return ['ADDED', c.object];
    if (now && before) return ['MODIFIED', c.object];
    if (!now && before) return ['DELETED', c.type === 'DELETED' ? c.object : leavingObject(c)];
    return undefined;
  };

  // What the stream starts with, taken from one state so nothing falls between it and the feed.
  const first: string[] = [];
  let position = data.resourceVersion;
  let expired: ResourceVersionTooOld | undefined;
  if (requested === undefined || requested === 0 || sendInitialEvents) {
    const bucket = data.objects[info.resource] ?? {};
    const keys = Object.keys(bucket).sort();
    const prefix = info.namespaced && namespace !== undefined ? objectKey(namespace, '') : '';
    for (const k of keys) {
      if (prefix && !k.startsWith(prefix)) continue;
      const o = bucket[k];
      if (matches(o.metadata.labels, fieldsOf(info.resource, o))) first.push(encode('ADDED', o, data));
    }
    if (sendInitialEvents && bookmarks) first.push(bookmark(data, { 'k8s.io/initial-events-end': 'true' }));
  } else {
    try {
      for (const c of changesSince(data, requested, info.resource)) {
        const v = view(c);
        if (v) first.push(encode(v[0], v[1], data));
      }
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOld)) throw e;
      expired = e;
    }
  }

  function bookmark(d: StateData, annotations?: Record<string, string>): string {
    const metadata = { resourceVersion: String(d.resourceVersion), creationTimestamp: null, ...(annotations ? { annotations } : {}) };
    return encode('BOOKMARK', { kind: info.kind, apiVersion: requestVersion(req.target), metadata }, d);
  }
  const errorEvent = (e: StatusError) => encode('ERROR', statusOf(e), data);

  const takeOver = (res: ServerResponse, httpReq: IncomingMessage) => {
    res.writeHead(200, {
      'Content-Type': table ? tableContentType(table) : 'application/json',
      'Cache-Control': 'no-cache, private',
      'X-Content-Type-Options': 'nosniff',
      'Transfer-Encoding': 'chunked',
    });
    // The client learns the watch started before any event comes.
    res.flushHeaders();
    if (expired) {
      res.end(errorEvent(new StatusError('Expired', expired.message)));
      return;
    }
    if (first.length) res.write(first.join(''));
    let latest = data;
    const listener = (event: FeedEvent) => {
      if ('lost' in event) {
        res.write(errorEvent(new StatusError('Expired', event.lost.message)));
        return finish();
      }
      latest = event.data;
      let out = '';
      for (const c of event.changes) {
        if (c.resourceVersion <= position) continue;
        position = c.resourceVersion;
        const v = view(c);
        if (v) out += encode(v[0], v[1], event.data);
      }
      if (out) res.write(out);
    };
    const unsubscribe = feed.subscribe(listener);
    const timers: NodeJS.Timeout[] = [setTimeout(() => finish(), timeoutMs)];
    if (bookmarks) timers.push(setInterval(() => res.write(bookmark(latest)), BOOKMARK_INTERVAL_MS));
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      unsubscribe();
      timers.forEach((t) => clearTimeout(t));
      if (!res.writableEnded) res.end();
    }
    httpReq.on('close', finish);
    res.on('close', finish);
  };
  return { takeOver };
}
