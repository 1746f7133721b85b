// What Pods and every pod template share: defaulting and validation.

import type { Container, PodSpec, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import { duplicate, invalid, required, unsupported, type FieldError } from '../api/errors.js';
import { dns1123Label, isValidPortName, portNumber, validateLabels } from '../api/validation.js';

/**
 * A workload's pod template as the API server decodes it, then defaulted. Go clients send the
 * template's zero creation time as `creationTimestamp: null` (kubectl's rollout undo does); the
 * server reads that as no time at all, so the template stays equal to, and hashes as, the one
 * it came from.
 */
export function defaultPodTemplate(t: PodTemplateSpec): void {
  const meta = t.metadata as { creationTimestamp?: unknown } | undefined;
  if (meta?.creationTimestamp === null) delete meta.creationTimestamp;
  if (t.spec) defaultPodSpec(t.spec);
}

/** SetDefaults_PodSpec and SetDefaults_Container, shared by Pods and templates. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])]) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** The SetDefaults_* of the volume sources: file modes, hostPath's type, a claim's volume mode. */
function defaultVolume(v: Volume): void {
  const fieldRefs = (items: { fieldRef?: { apiVersion?: string } }[] | undefined) => {
    for (const i of items ?? []) if (i.fieldRef) i.fieldRef.apiVersion ??= 'v1';
  };
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    fieldRefs(v.downwardAPI.items);
  }
  if (v.projected) {
    v.projected.defaultMode ??= 420;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      fieldRefs(s.downwardAPI?.items);
    }
  }
  const claim = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claim) claim.volumeMode ??= 'Filesystem';
}

export function defaultContainer(c: Container): void {
  if (c.imagePullPolicy === undefined && c.image) {
    const tag = c.image.includes('@') ? 'digest' : /:([^/:]+)$/.exec(c.image)?.[1];
    c.imagePullPolicy = tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.resources ??= {};
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  }
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validatePodSpec(given: PodSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // PodSpec is a struct in Go: a missing one is an empty one.
  const spec: Partial<PodSpec> = given ?? {};
  if (!spec.containers?.length) errs.push(required(`${path}.containers`));
  const names = new Set<string>();
  const check = (list: Container[] | undefined, field: string) =>
    (list ?? []).forEach((c, i) => {
      const p = `${path}.${field}[${i}]`;
      if (!c.name) errs.push(required(`${p}.name`));
      else {
        for (const m of dns1123Label(c.name)) errs.push(invalid(`${p}.name`, c.name, m));
        if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
        names.add(c.name);
      }
      if (!c.image) errs.push(required(`${p}.image`));
      const portNames = new Set<string>();
      (c.ports ?? []).forEach((port, j) => {
        const pp = `${p}.ports[${j}]`;
        if (port.name) {
          for (const m of isValidPortName(port.name)) errs.push(invalid(`${pp}.name`, port.name, m));
          if (portNames.has(port.name)) errs.push(duplicate(`${pp}.name`, port.name));
          portNames.add(port.name);
        }
        if (!port.containerPort) errs.push(required(`${pp}.containerPort`));
        else errs.push(...portNumber(port.containerPort, `${pp}.containerPort`));
        if (port.hostPort) errs.push(...portNumber(port.hostPort, `${pp}.hostPort`));
        if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(unsupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
      });
      (c.env ?? []).forEach((e, j) => {
        if (!e.name) errs.push(required(`${p}.env[${j}].name`));
        else if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.name)) {
          errs.push(
            invalid(
              `${p}.env[${j}].name`,
              e.name,
              "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
            ),
          );
        }
      });
    });
  check(spec.initContainers, 'initContainers');
  check(spec.containers, 'containers');
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errs.push(unsupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  return errs;
}

export function validatePodTemplate(given: PodTemplateSpec | undefined, path: string): FieldError[] {
  const t = given ?? {};
  return [...validateLabels(t.metadata?.labels, `${path}.metadata.labels`), ...validatePodSpec(t.spec, `${path}.spec`)];
}

