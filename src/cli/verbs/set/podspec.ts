// set image, set resources, set serviceaccount: changes to the pod spec of a workload.

import type { KObject } from '../../../api/types.js';
import { canonicalQuantity, QuantityError } from '../../../api/quantity.js';
import { CliError } from '../../errors.js';
import { podSpecOf, selectContainers, type Container, type Mutate } from './common.js';

/** `name=image` pairs; `*` stands for every container. */
export function setImage(images: Map<string, string>): Mutate {
  return (obj: KObject) => {
    const spec = podSpecOf(obj);
    const all = selectContainers(spec, '*');
    let changed = false;
    for (const [name, image] of images) {
      const targets = name === '*' ? all : all.filter((c) => c.name === name);
      if (!targets.length) throw new CliError(`unable to find container named ${JSON.stringify(name)}`);
      for (const c of targets) {
        if (c.image !== image) changed = true;
        c.image = image;
      }
    }
    return changed;
  };
}

/** --limits/--requests: `cpu=200m,memory=512Mi`, each a quantity in its canonical form. */
export function parseRequirements(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CliError(`Invalid argument syntax ${pair}, expected <resource>=<value>`);
    try {
      out[kv[0]] = canonicalQuantity(kv[1]);
    } catch (e) {
      if (e instanceof QuantityError) throw new CliError(e.message);
      throw e;
    }
  }
  return out;
}

export function setResources(containers: string, limits?: Record<string, string>, requests?: Record<string, string>): Mutate {
  return (obj: KObject) => {
    const targets = selectContainers(podSpecOf(obj), containers);
    if (!targets.length) throw new CliError(`unable to find container named ${containers}`);
    const before = JSON.stringify(targets);
    for (const c of targets as Container[]) {
      c.resources ??= {};
      if (limits) c.resources.limits = { ...c.resources.limits, ...limits };
      if (requests) c.resources.requests = { ...c.resources.requests, ...requests };
    }
    return JSON.stringify(targets) !== before;
  };
}

export function setServiceAccount(name: string): Mutate {
  return (obj: KObject) => {
    const spec = podSpecOf(obj);
    const changed = spec.serviceAccountName !== name;
    spec.serviceAccountName = name;
    return changed;
  };
}

/** set selector: a Service's selector, replaced by the expression's equalities. */
export function setSelector(matchLabels: Record<string, string>, expressions: string[]): Mutate {
  return (obj: KObject) => {
    if (obj.kind !== 'Service') throw new CliError('setting a selector is only supported for Services');
    if (expressions.length) throw new CliError(`match expression [${expressions.join(' ')}] not supported on this object`);
    (obj.spec as Record<string, unknown>).selector = matchLabels;
    return true;
  };
}

/** set subject: users, groups and service accounts added to a RoleBinding or ClusterRoleBinding. */
export function addSubjects(subjects: Record<string, unknown>[]): Mutate {
  return (obj: KObject) => {
    if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') throw new CliError(`setting subjects is only supported for RoleBinding/ClusterRoleBinding`);
    const current = ((obj as KObject & { subjects?: Record<string, unknown>[] }).subjects ??= []);
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) => a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
    for (const s of subjects) if (!current.some((c) => same(c, s))) current.push(s);
    return true;
  };
}
