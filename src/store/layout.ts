// The state file's text: plain JSON, with every top-level field and every resource under
// "objects" on a line of its own. A command that only looks parses just the lines it reads
// (`get svc` in a cluster of 10,000 pods never parses the pods); other JSON layouts of the
// same content (an older kctl's compact file, a file pretty-printed by hand) are read whole.

/** The state as JSON text, one line per section. */
export function serialize(data: object): string {
  const lines = ['{'];
  // As JSON.stringify does, fields holding undefined (or functions) are left out.
  const present = (entries: [string, unknown][]) => entries.filter(([, v]) => v !== undefined && typeof v !== 'function');
  const fields = present(Object.entries(data));
  fields.forEach(([key, value], i) => {
    const comma = i < fields.length - 1 ? ',' : '';
    if (key === 'objects' && value && typeof value === 'object' && !Array.isArray(value)) {
      lines.push('"objects":{');
      const resources = present(Object.entries(value as object));
      resources.forEach(([r, bucket], j) => lines.push(`${JSON.stringify(r)}:${JSON.stringify(bucket)}${j < resources.length - 1 ? ',' : ''}`));
      lines.push(`}${comma}`);
    } else {
      lines.push(`${JSON.stringify(key)}:${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

const KEY = /^"[a-z][a-zA-Z0-9.-]*"$/;

/**
 * Parses serialize()'s layout, leaving each section's text to be parsed on first access (the
 * property then becomes a plain value). `onError` turns a section's JSON error into the error to
 * throw. Returns undefined for any other layout.
 */
export function parseLazily(text: string, onError: (e: Error) => Error): Record<string, unknown> | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== '{' || lines[lines.length - 1] !== '}') return undefined;
  const root: Record<string, unknown> = {};
  let target = root;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i];
    if (target === root && line === '"objects":{') {
      target = {};
      root.objects = target;
      continue;
    }
    if (target !== root && (line === '}' || line === '},')) {
      target = root;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || !KEY.test(line.slice(0, colon))) return undefined;
    defineLazy(target, line.slice(1, colon - 1), line.slice(colon + 1, line.endsWith(',') ? -1 : undefined), onError);
  }
  return target === root ? root : undefined;
}

function defineLazy(target: Record<string, unknown>, key: string, json: string, onError: (e: Error) => Error): void {
  const settle = (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (e) {
        throw onError(e as Error);
      }
      settle(value);
      return value;
    },
    set: settle,
  });
}
