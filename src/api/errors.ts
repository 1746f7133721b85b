// Errors as the API server reports them (the metav1.Status it answers with), and the field
// errors of validation. kubectl's rendering of each (prefixes, Invalid causes) lives in
// cli/errors.ts.

import { resourceForKind } from './scheme.js';

/** metav1.StatusReason; '' is StatusReasonUnknown, as a server error without a reason has. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'BadRequest'
  | 'Conflict'
  | 'MethodNotAllowed'
  | 'Forbidden'
  | 'Unauthorized'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'InternalError'
  | 'Expired'
  | 'Timeout'
  | 'TooManyRequests'
  | '';

const CODES: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  Invalid: 422,
  Expired: 410,
  InternalError: 500,
  Timeout: 504,
  TooManyRequests: 429,
  '': 500,
};

/** What an error is about: Invalid names the Kind (`Deployment`), the others the resource (`deployments`). */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: FieldError[];
  /** Causes that are no field's (NewGenericServerResponse's UnexpectedServerResponse), sent as they are. */
  serverCauses?: { reason: string; message: string; field?: string }[];
  /** How long a client should wait before it tries again (a watch from a version the server has not reached). */
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly reason: StatusReason,
    /** As kubectl shows it (for Invalid: `The Deployment "x" is invalid: …`). */
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  get code(): number {
    return CODES[this.reason];
  }
}

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Not found'
  | 'Internal error';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Pre-rendered value (see goValue); omitted for Required/Forbidden. */
  value?: string;
  detail?: string;
}

/** Renders a value the way the API server prints it in field errors (Go %#v-ish for v1.32). */
export function goValue(v: unknown, goType?: string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `${goType ?? '[]string'}{${v.map((x) => goValue(x)).join(', ')}}`;
  const entries = Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${goValue((v as Record<string, unknown>)[k])}`);
  return `${goType ?? 'map[string]string'}{${entries.join(', ')}}`;
}

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required value', field, detail });
export const invalid = (field: string, value: unknown, detail?: string, goType?: string): FieldError => ({
  type: 'Invalid value',
  field,
  value: goValue(value, goType),
  detail,
});
export const unsupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  value: goValue(value),
  detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate value', field, value: goValue(value) });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
/** field.TooLong as v1.32 words it: the value is left out, the limit counted in bytes. */
export const tooLong = (field: string, maxBytes: number): FieldError => ({ type: 'Too long', field, detail: `may not be more than ${maxBytes} bytes` });

export function formatFieldError(e: FieldError): string {
  let s = `${e.field}: ${e.type}`;
  if (e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `deployments.apps` as a Status's details: the resource in `kind`, and its group. */
function resourceDetails(qualifiedResource: string, name: string): StatusDetails {
  const dot = qualifiedResource.indexOf('.');
  return dot < 0 ? { name, kind: qualifiedResource } : { name, group: qualifiedResource.slice(dot + 1), kind: qualifiedResource.slice(0, dot) };
}

export function notFound(resource: string, name: string): StatusError {
  return new StatusError('NotFound', `${resource} "${name}" not found`, resourceDetails(resource, name));
}

export function alreadyExists(resource: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${resource} "${name}" already exists`, resourceDetails(resource, name));
}

/** The optimistic-concurrency failure of an update sent with a resourceVersion that is not the stored one. */
export function conflict(resource: string, name: string): StatusError {
  return new StatusError(
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(resource, name),
  );
}

export function invalidObject(kind: string, name: string, causes: FieldError[]): StatusError {
  const text =
    causes.length === 1
      ? `The ${kind} "${name}" is invalid: ${formatFieldError(causes[0])}`
      : `The ${kind} "${name}" is invalid: \n${causes.map((c) => `* ${formatFieldError(c)}`).join('\n')}`;
  const group = resourceForKind(kind)?.group;
  return new StatusError('Invalid', text, { kind, name, causes, ...(group ? { group } : {}) });
}

/**
 * The message the server itself gives an error: for Invalid, NewInvalid's
 * `Deployment.apps "x" is invalid: <one error or [a, b]>` (kubectl rebuilds its own text from
 * the causes); for the rest the message as it stands.
 */
export function serverMessage(e: StatusError): string {
  if (e.reason !== 'Invalid' || !e.details || e.details.serverCauses) return e.message;
  const { kind, group, name, causes = [] } = e.details;
  const all = causes.map(formatFieldError);
  return `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${all.length === 1 ? all[0] : `[${all.join(', ')}]`}`;
}

const CAUSE_TYPES: Record<FieldErrorType, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Not found': 'FieldValueNotFound',
  'Internal error': 'InternalError',
};

/** A metav1.Status object, as the API server answers a failed request. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field?: string }[]; retryAfterSeconds?: number };
  code: number;
}

export function statusOf(e: StatusError): Status {
  const d = e.details;
  const details = d && {
    ...(d.name ? { name: d.name } : {}),
    ...(d.group ? { group: d.group } : {}),
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.causes ? { causes: d.causes.map((c) => ({ reason: CAUSE_TYPES[c.type], message: formatFieldError(c).slice(c.field.length + 2), field: c.field })) } : {}),
    ...(d.serverCauses ? { causes: d.serverCauses } : {}),
    ...(d.retryAfterSeconds ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
  };
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: serverMessage(e), reason: e.reason, ...(details ? { details } : {}), code: e.code };
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}
