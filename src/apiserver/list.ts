// A list request's selectors, as the API server parses and applies them: label selectors with
// labels.Parse, field selectors with the fields a resource indexes (and the conversions of older
// field names), each failure a BadRequest worded as kubectl shows it.

import { StatusError } from '../api/errors.js';
import { convertFieldSelector, fieldsOf, FieldSelectorError, listErrorMessage, parseFieldSelector } from '../api/fields.js';
import { parseSelector, SelectorError } from '../api/labels/index.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';

export interface ListOptions {
  /** One namespace, or undefined for all of them (cluster-scoped resources ignore it). */
  namespace?: string;
  /** labelSelector, as sent: `app=web,tier!=db`, `env in (a,b)`. */
  labelSelector?: string;
  /** fieldSelector, as sent: `metadata.name=x,status.phase!=Running`. */
  fieldSelector?: string;
}

/** The filter a list request's selectors make, or a BadRequest for what cannot be parsed. */
export function listFilter(info: ResourceInfo, opts: ListOptions): ((o: KObject) => boolean) | undefined {
  const labelText = opts.labelSelector ?? '';
  const fieldText = opts.fieldSelector ?? '';
  if (!labelText && !fieldText) return undefined;
  const gvr = `${info.group}/${info.version}, Resource=${info.resource}`;
  const fail = (msg: string) => new StatusError('BadRequest', listErrorMessage(gvr, labelText, fieldText, msg));
  try {
    const labels = labelText ? parseSelector(labelText) : undefined;
    let fields: ReturnType<typeof parseFieldSelector> | undefined;
    if (fieldText) {
      const converted = convertFieldSelector(info.resource, parseFieldSelector(fieldText));
      if (converted.error) throw fail(converted.error);
      fields = converted.selector;
    }
    return (o) => (!labels || labels.matches(o.metadata.labels)) && (!fields || fields.matches(fieldsOf(info.resource, o)));
  } catch (e) {
    if (e instanceof SelectorError || e instanceof FieldSelectorError) throw fail(e.message);
    throw e;
  }
}
