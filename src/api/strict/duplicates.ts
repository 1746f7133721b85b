// Duplicate keys in a JSON body, which JSON.parse drops silently (the last one wins) but the API
// server's strict decoder reports: `duplicate field "spec.replicas"`, in the field-path form of
// its unknown-field errors. kubectl never sends them (it re-encodes manifests from maps); raw
// clients can.

import { goQuote } from './goerrors.js';

/** Each key path in document order (first occurrences), and each repeat where it occurs. */
export interface KeyOrder {
  /** path → ordinal of its first occurrence. */
  first: Map<string, number>;
  duplicates: { path: string; ordinal: number }[];
}

/** Walks JSON text (already known to parse) for its object keys. */
export function keyOrder(text: string): KeyOrder {
  const first = new Map<string, number>();
  const duplicates: { path: string; ordinal: number }[] = [];
  let i = 0;
  let ordinal = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    if (text[i] === '{') {
      i++;
      const seen = new Set<string>();
      for (ws(); text[i] !== '}'; ws()) {
        if (text[i] === ',') i++, ws();
        const key = string();
        const at = path ? `${path}.${key}` : key;
        const n = ordinal++;
        if (seen.has(key)) duplicates.push({ path: at, ordinal: n });
        else if (!first.has(at)) first.set(at, n);
        seen.add(key);
        ws();
        i++; // ':'
        value(at);
      }
      i++;
    } else if (text[i] === '[') {
      i++;
      for (let index = 0; (ws(), text[i] !== ']'); index++) {
        if (text[i] === ',') i++;
        value(`${path}[${index}]`);
      }
      i++;
    } else if (text[i] === '"') {
      string();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
    }
  };
  value('');
  return { first, duplicates };
}

/**
 * The strict decoder's errors in the order it meets them: `unknown field` at a field's first
 * occurrence, `duplicate field` at each repeat.
 */
export function strictErrorsInOrder(unknownFields: string[], order: KeyOrder | undefined): string[] {
  const unknown = unknownFields.map((path) => ({ text: `unknown field ${goQuote(path)}`, at: order?.first.get(path) ?? Infinity }));
  const dups = (order?.duplicates ?? []).map((d) => ({ text: `duplicate field ${goQuote(d.path)}`, at: d.ordinal }));
  return [...unknown, ...dups].sort((a, b) => a.at - b.at).map((e) => e.text);
}
