// pods/log: the log as the kubelet keeps it, with the request's filters; with follow=true the
// answer stays open and passes on each line the container writes later, whichever process makes
// it (kctl commands replace the state file on every write: its stamp is watched, nothing locked).

import type { ServerResponse } from 'node:http';
import { StatusError } from '../../api/errors.js';
import type { PodObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { Cluster } from '../../cluster/cluster.js';
import { followLog, type LogContext } from '../../kubelet/follow.js';
import type { Reply } from '../http.js';
import type { Target } from '../resources.js';

/** GET pods/log: the log now, or with follow=true a stream that goes on. */
export async function podLogReply(ctx: LogContext, target: Target, query: URLSearchParams, cluster: Cluster): Promise<Reply> {
  const { namespace, name } = target;
  const { kubeletConnection } = await import('../../kubelet/logs.js');
  const api = new ApiReader(cluster, kubeletConnection(cluster, ctx.env));
  const pod = api.get(target.info, namespace, name!) as PodObject;
  let container = query.get('container') ?? undefined;
  if (!container) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length !== 1) {
      throw new StatusError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
    }
    container = containers[0].name;
  }
  const number = (key: string) => (query.get(key) === null ? undefined : Number(query.get(key)));
  const since = number('sinceSeconds');
  const previous = query.get('previous') === 'true';
  const entries = api.log(namespace!, name!, {
    container,
    previous,
    sinceMs: since === undefined ? undefined : since * 1000,
    tailLines: number('tailLines'),
  });
  const timestamps = query.get('timestamps') === 'true';
  const text = entries.map((e) => `${timestamps ? `${e.time} ` : ''}${e.text}`).join('');
  if (query.get('follow') !== 'true' || previous) return { text };
  // What follows comes after the whole log, not only after the tail shown.
  const all = api.log(namespace!, name!, { container });
  return {
    text,
    stream: async (res: ServerResponse) => {
      if (text) res.write(text);
      const closed = new Promise<void>((done) => res.once('close', done));
      await followLog(ctx, { namespace: namespace!, pod: name!, uid: pod.metadata.uid!, container: container!, after: all, timestamps, write: (t) => res.write(t), closed });
    },
  };
}
