// Request bodies as Go's encoding/json reads them: its error texts for what is not JSON.

import { decodeJsonStream } from './jsondecode.js';

/** json.Unmarshal's message for text that is not one JSON value. */
export function jsonError(text: string): string {
  try {
    decodeJsonStream(text);
  } catch (e) {
    const m = (e as Error).message.replace(/^json: offset \d+: /, '');
    return m === 'unexpected EOF' ? 'unexpected end of JSON input' : m;
  }
  return 'invalid character looking for beginning of value';
}
