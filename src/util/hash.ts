// FNV-1a, the hash Kubernetes uses for pod-template-hash and controller-revision-hash.

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: the decimal digits of the hash mapped into the name alphabet. */
export function safeEncode(n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return String(n)
    .split('')
    .map((d) => alphabet[d.charCodeAt(0) % alphabet.length])
    .join('');
}

/** JSON with object keys sorted, so equal objects always hash equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

/** pod-template-hash / controller-revision-hash of a template. */
export function templateHash(template: unknown, collisionCount?: number): string {
  return safeEncode(fnv1a32(canonicalJson(template) + (collisionCount ? `#${collisionCount}` : '')));
}
