// What exec, logs and run share: finding the pod behind POD or TYPE/NAME, picking its container
// as kubectl does, and the container's view of kctl's stdin.

import type { Container } from 'kubernetes-types/core/v1';
import { notFound } from '../../api/errors.js';
import { selectorFromLabelSelector, selectorFromMap, type LabelSelector } from '../../api/labels/index.js';
import { qualifiedResource } from '../../api/scheme.js';
import type { PodObject } from '../../api/types.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { InputStream } from '../../runtime/program.js';
import { CliError } from '../errors.js';
import { InputTooLarge } from '../../util/readcapped.js';
import { containerInputTooLarge, MAX_CONTAINER_STDIN } from '../input.js';
import { resolveType } from '../resources.js';
import type { Session } from '../session.js';

/** The pods a TYPE/NAME stands for (a pod, or the pods a workload or Service selects). */
export function podsFor(cluster: Cluster, namespace: string, ref: string): PodObject[] {
  const slash = ref.indexOf('/');
  if (slash < 0) {
    const pod = cluster.store.get('pods', namespace, ref);
    if (!pod) throw notFound('pods', ref);
    return [pod];
  }
  const info = resolveType(ref.slice(0, slash));
  const name = ref.slice(slash + 1);
  if (info.resource === 'pods') return podsFor(cluster, namespace, name);
  const obj = cluster.store.get(info.resource, namespace, name);
  if (!obj) throw notFound(qualifiedResource(info), name);
  // A Service selects by a plain map, the workloads by a LabelSelector.
  const selector = (obj as { spec?: { selector?: Record<string, string> & LabelSelector } }).spec?.selector;
  const sel = !selector ? null : info.resource === 'services' ? selectorFromMap(selector) : selectorFromLabelSelector(selector);
  const pods = sel ? cluster.store.list('pods', namespace).filter((p) => sel.matches(p.metadata.labels)) : [];
  if (pods.length === 0) throw new CliError(`no pods found for ${info.singular} "${name}"`);
  return pods;
}

/** The pod kubectl attaches to for a TYPE/NAME: running ones first, then by name. */
export function podFor(cluster: Cluster, namespace: string, ref: string): PodObject {
  const pods = podsFor(cluster, namespace, ref);
  const running = (p: PodObject) => (p.status?.phase === 'Running' ? 0 : 1);
  return [...pods].sort((a, b) => running(a) - running(b) || a.metadata.name.localeCompare(b.metadata.name))[0];
}

/** -c, the default-container annotation, or the first container (saying so when there are several). */
export function pickContainer(session: Session, pod: PodObject, name: string | undefined, quiet = false, notice = (t: string) => session.io.err(t)): Container {
  const containers = pod.spec?.containers ?? [];
  if (name) {
    // Any of the pod's containers by name: init and ephemeral ones too (kubectl debug's).
    const all = [...containers, ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];
    const c = all.find((x) => x.name === name);
    if (!c) throw new CliError(`container ${name} not found in pod ${pod.metadata.name}`);
    return c;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = containers.find((c) => c.name === annotated) ?? containers[0];
  if (containers.length > 1 && !annotated && !quiet) {
    notice(`Defaulted container "${chosen.name}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
  }
  return chosen;
}

/**
 * kctl's stdin for a container, read only when the container reads it. Input past the cap
 * reads as empty; `refuseIfTooLarge()` then fails the command.
 */
export function lazyStdin(session: Session, onFirstRead?: () => void): InputStream & { refuseIfTooLarge(): void } {
  let text: string | null = null;
  let tooLarge = false;
  const load = async () => {
    if (text === null) {
      onFirstRead?.();
      try {
        text = await session.io.readStdin();
      } catch (e) {
        if (!(e instanceof InputTooLarge)) throw e;
        tooLarge = true;
        text = '';
      }
      if (Buffer.byteLength(text) > MAX_CONTAINER_STDIN) [tooLarge, text] = [true, ''];
    }
  };
  return {
    async readLine() {
      await load();
      if (text === '') return null;
      const i = text!.indexOf('\n');
      const line = i < 0 ? text! : text!.slice(0, i);
      text = i < 0 ? '' : text!.slice(i + 1);
      return line;
    },
    async readAll() {
      await load();
      const all = text!;
      text = '';
      return all;
    },
    refuseIfTooLarge() {
      if (tooLarge) throw containerInputTooLarge();
    },
  };
}

/** setupTTY: a TTY only with stdin, and only when stdin is a terminal. */
export function useTTY(session: Session, stdin: boolean, tty: boolean): boolean {
  if (!stdin || !tty) return false;
  if (!session.io.stdinIsTTY) {
    session.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    return false;
  }
  return true;
}
