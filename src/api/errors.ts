// Errors as the API server reports them, and the field errors of validation.
// kubectl's rendering of each (prefixes, Invalid causes) lives in cli/errors.ts.

/** metav1.StatusReason; '' is StatusReasonUnknown, as a server error without a reason has. */
export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'MethodNotAllowed' | 'Forbidden' | 'InternalError' | 'RequestEntityTooLarge' | '';

/** The HTTP status code that goes with a reason. */
export const STATUS_CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Invalid: 422,
  BadRequest: 400,
  Conflict: 409,
  MethodNotAllowed: 405,
  Forbidden: 403,
  InternalError: 500,
  RequestEntityTooLarge: 413,
  '': 500,
};

export class StatusError extends Error {
  constructor(
    readonly reason: StatusReason,
    message: string,
    /** Invalid only: the kind and name the causes belong to. */
    readonly details?: { kind: string; name: string; causes: FieldError[] },
  ) {
    super(message);
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

export function notFound(resource: string, name: string): StatusError {
  return new StatusError('NotFound', `${resource} "${name}" not found`);
}

export function alreadyExists(resource: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${resource} "${name}" already exists`);
}

export function invalidObject(kind: string, name: string, causes: FieldError[]): StatusError {
  const text =
    causes.length === 1
      ? `The ${kind} "${name}" is invalid: ${formatFieldError(causes[0])}`
      : `The ${kind} "${name}" is invalid: \n${causes.map((c) => `* ${formatFieldError(c)}`).join('\n')}`;
  return new StatusError('Invalid', text, { kind, name, causes });
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}
