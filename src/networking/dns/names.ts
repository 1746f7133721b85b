// Domain-name and address helpers shared by the server, the stub resolver and the clients.
// Names travel without their trailing dot (as dns-packet decodes them); '.' is the root.

import { isIPv4, isIPv6 } from '../../util/ip.js';

export { isIPv4, isIPv6 };

/** Lower-case name without the trailing dot; the root becomes ''. */
export function canonical(name: string): string {
  const n = name.toLowerCase();
  if (n === '.' || n === '') return '';
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

/** How a name is printed in master-file text: absolute, with its trailing dot. */
export function absolute(name: string): string {
  if (name === '' || name === '.') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

/** Name without trailing dot, as BIND's dns_name_format prints it; the root stays '.'. */
export function relative(name: string): string {
  if (name === '' || name === '.') return '.';
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

export function isSubdomain(name: string, zone: string): boolean {
  const n = canonical(name);
  const z = canonical(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}

/** The part of `name` left of `zone` ('' for the apex). */
export function trimZone(name: string, zone: string): string {
  const n = canonical(name);
  const z = canonical(zone);
  return n === z ? '' : n.slice(0, n.length - z.length - 1);
}

export function countDots(name: string): number {
  return (name.match(/\./g) ?? []).length;
}

function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => g.padStart(4, '0'));
}

/** `10.7.246.109` → `109.246.7.10.in-addr.arpa` (nibbles under ip6.arpa for IPv6). */
export function reverseName(ip: string): string | null {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (isIPv6(ip) && !ip.includes('.')) {
    return `${expandIPv6(ip).join('').split('').reverse().join('.')}.ip6.arpa`;
  }
  return null;
}

/** Inverse of reverseName; null unless the name holds a complete address. */
export function addressFromReverse(name: string): string | null {
  const n = canonical(name);
  if (n.endsWith('.in-addr.arpa')) {
    const parts = n.slice(0, -'.in-addr.arpa'.length).split('.').reverse();
    const ip = parts.join('.');
    return parts.length === 4 && isIPv4(ip) ? ip : null;
  }
  if (n.endsWith('.ip6.arpa')) {
    const nibbles = n.slice(0, -'.ip6.arpa'.length).split('.').reverse();
    if (nibbles.length !== 32 || !nibbles.every((x) => /^[0-9a-f]$/.test(x))) return null;
    const groups = [];
    for (let i = 0; i < 32; i += 4) groups.push(nibbles.slice(i, i + 4).join('').replace(/^0{1,3}/, ''));
    return compressIPv6(groups.join(':'));
  }
  return null;
}

/** RFC 5952 text, as inet_ntop prints it. */
export function compressIPv6(ip: string): string {
  const groups = expandIPv6(ip).map((g) => g.replace(/^0+(?=.)/, ''));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export function isReverseName(name: string): boolean {
  return isSubdomain(name, 'in-addr.arpa') || isSubdomain(name, 'ip6.arpa');
}
