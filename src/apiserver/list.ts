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
  const matches = selectorMatcher(info, opts);
  return matches && ((o) => matches(o.metadata.labels, fieldsOf(info.resource, o)));
}

/**
 * The request's selectors as a test of labels and selectable fields (a watch also tests what an
 * object was before an update), undefined when there are none, or a BadRequest.
 */
export function selectorMatcher(info: ResourceInfo, opts: ListOptions): ((labels: Record<string, string> | undefined, fields: Record<string, string>) => boolean) | undefined {
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
    return (l, f) => (!labels || labels.matches(l)) && (!fields || fields.matches(f));
  } catch (e) {
    if (e instanceof SelectorError || e instanceof FieldSelectorError) throw fail(e.message);
    throw e;
  }
}
