// Field selectors (`--field-selector`), as apimachinery's fields package and the API server's
// per-kind field label conversions. Error texts are the server's; kubectl prints them after
// `Error from server (BadRequest): ` and, for lists, listErrorMessage's wrapper.

import { compareGoStrings, goQuote } from '../util/goformat.js';
import { own } from '../util/objects.js';

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  matches(fields: Record<string, string>): boolean;
  toString(): string;
  empty(): boolean;
  /** The terms, sorted as the server sorts them. */
  requirements(): FieldRequirement[];
}

export class FieldSelectorError extends Error {
  override name = 'FieldSelectorError';
}

/** Splits on commas that are not backslash-escaped; escapes stay in the terms. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, which gives its number.
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** fields.ParseSelector: `a=b`, `a==b`, `a!=b`, joined by commas. */
export function parseFieldSelector(s: string): FieldSelector {
  // The server sorts the raw terms before reading them, so the first bad term is in that order.
  const terms = splitTerms(s).sort(compareGoStrings);
  const reqs: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) throw new FieldSelectorError(`invalid selector: '${s}'; can't understand '${term}'`);
    reqs.push({ field: m[1], operator: m[2] === '!=' ? '!=' : '=', value: unescapeValue(m[3]) });
  }
  return {
    matches: (fields) => reqs.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '=')),
    toString: () => reqs.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(','),
    empty: () => reqs.length === 0,
    requirements: () => reqs.map((r) => ({ ...r })),
  };
}

// ---------------------------------------------------------------------------
// What the API server accepts per resource (v1.32), and the values it matches against.

const META = ['metadata.name', 'metadata.namespace'];

/** Fields accepted per resource beyond the default metadata.name and metadata.namespace. */
export const SUPPORTED_FIELD_SELECTORS: Readonly<Record<string, readonly string[]>> = {
  pods: [
    ...META,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    ...META,
  ],
  secrets: ['type', ...META],
  namespaces: ['status.phase', 'metadata.name'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  services: [...META, 'spec.clusterIP', 'spec.type'],
  replicationcontrollers: [...META, 'status.replicas'],
  jobs: [...META, 'status.successful'],
  certificatesigningrequests: [...META, 'spec.signerName'],
};

/** Old clients' spelling that the server rewrites. */
const ALIASES: Record<string, Record<string, string>> = { pods: { 'spec.host': 'spec.nodeName' } };

export function supportedFieldSelectors(resource: string): readonly string[] {
  return own(SUPPORTED_FIELD_SELECTORS, resource) ?? META;
}

/**
 * The server's error for a field the resource does not support, or undefined when it is
 * supported. Kinds with their own conversion say `field label not supported`; the rest use the
 * generic metadata-only message.
 */
export function unsupportedFieldError(resource: string, field: string): string | undefined {
  if (supportedFieldSelectors(resource).includes(field) || own(own(ALIASES, resource), field)) return undefined;
  if (resource in SUPPORTED_FIELD_SELECTORS) return `field label not supported: ${field}`;
  return `${goQuote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/**
 * Checks a parsed selector against a resource; returns the server's message for the first
 * unsupported field, and a selector with aliases rewritten when all are supported.
 */
export function convertFieldSelector(resource: string, selector: FieldSelector): { error?: string; selector: FieldSelector } {
  const reqs = selector.requirements();
  for (const r of reqs) {
    const error = unsupportedFieldError(resource, r.field);
    if (error) return { error, selector };
  }
  const aliases = own(ALIASES, resource) ?? {};
  if (!reqs.some((r) => own(aliases, r.field))) return { selector };
  const rewritten = reqs.map((r) => ({ ...r, field: own(aliases, r.field) ?? r.field }));
  return {
    selector: {
      matches: (fields) => rewritten.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '=')),
      toString: () => rewritten.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(','),
      empty: () => rewritten.length === 0,
      requirements: () => rewritten.map((r) => ({ ...r })),
    },
  };
}

/** The message kubectl shows when listing with selectors fails; `resource` as `/v1, Resource=pods`. */
export function listErrorMessage(resource: string, labelSelector: string, fieldSelector: string, message: string): string {
  if (labelSelector === '' && fieldSelector === '') return `Unable to list ${goQuote(resource)}: ${message}`;
  return `Unable to find ${goQuote(resource)} that match label selector ${goQuote(labelSelector)}, field selector ${goQuote(fieldSelector)}: ${message}`;
}

type Obj = { metadata?: { name?: string; namespace?: string }; [k: string]: unknown };

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** The field set the server matches a resource's objects against. */
export function fieldsOf(resource: string, obj: unknown): Record<string, string> {
  const o = obj as Obj;
  const fields: Record<string, string> = {
    'metadata.name': str(o?.metadata?.name),
    'metadata.namespace': str(o?.metadata?.namespace),
  };
  const set = (name: string, ...path: string[]) => (fields[name] = str(get(obj, ...path)));
  switch (resource) {
    case 'pods': {
      set('spec.nodeName', 'spec', 'nodeName');
      set('spec.restartPolicy', 'spec', 'restartPolicy');
      set('spec.schedulerName', 'spec', 'schedulerName');
      set('spec.serviceAccountName', 'spec', 'serviceAccountName');
      fields['spec.hostNetwork'] = String(get(obj, 'spec', 'hostNetwork') === true);
      set('status.phase', 'status', 'phase');
      // The server keeps pod IPs as a list; the field is the first of them.
      const ips = get(obj, 'status', 'podIPs');
      fields['status.podIP'] = Array.isArray(ips) && ips.length > 0 ? str(get(ips[0], 'ip')) : str(get(obj, 'status', 'podIP'));
      set('status.nominatedNodeName', 'status', 'nominatedNodeName');
      break;
    }
    case 'events': {
      for (const f of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']) {
        set(`involvedObject.${f}`, 'involvedObject', f);
      }
      set('reason', 'reason');
      set('type', 'type');
      const controller = str(get(obj, 'reportingComponent'));
      fields.reportingComponent = controller;
      fields.source = str(get(obj, 'source', 'component')) || controller;
      break;
    }
    case 'secrets':
      set('type', 'type');
      break;
    case 'namespaces':
      set('status.phase', 'status', 'phase');
      break;
    case 'nodes':
      fields['spec.unschedulable'] = String(get(obj, 'spec', 'unschedulable') === true);
      break;
    case 'services':
      set('spec.clusterIP', 'spec', 'clusterIP');
      set('spec.type', 'spec', 'type');
      break;
    case 'replicationcontrollers':
      fields['status.replicas'] = String(Number(get(obj, 'status', 'replicas') ?? 0));
      break;
    case 'jobs':
      fields['status.successful'] = String(Number(get(obj, 'status', 'succeeded') ?? 0));
      break;
    case 'certificatesigningrequests':
      set('spec.signerName', 'spec', 'signerName');
      break;
  }
  return fields;
}
