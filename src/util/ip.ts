// IP address parsing, and IPv4 arithmetic for the allocators and the network model.

export function ipToInt(ip: string): number {
  const p = ip.split('.');
  return ((+p[0] << 24) | (+p[1] << 16) | (+p[2] << 8) | +p[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^(0|[1-9]\d{0,2})$/.test(x) && +x <= 255);
}

/** RFC 4291 text form: eight hex groups, one `::` for a run of zeros, an IPv4 tail allowed. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = groups.length;
  const last = groups[count - 1];
  if (last !== undefined && last.includes('.')) {
    if (!s.endsWith(last) || !isIPv4(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** 4, 6, or 0 when s is not an address (as node:net's isIP answers). */
export function isIP(s: string): 0 | 4 | 6 {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

export interface Cidr {
  base: number;
  bits: number;
  /** Number of addresses in the range. */
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [addr, bitsText] = text.split('/');
  const bits = Number(bitsText);
  if (!isIPv4(addr) || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`invalid CIDR address: ${text}`);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (ipToInt(addr) & mask) >>> 0, bits, size: 2 ** (32 - bits), text };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + c.size;
}

/** Go's net.JoinHostPort: `127.0.0.1:80`, `[::1]:80`. */
export function joinHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
