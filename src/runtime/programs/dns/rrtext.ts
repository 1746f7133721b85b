// Resource records as BIND prints them (lib/dns/masterdump.c): fields indented to fixed columns
// with tabs of width 8, falling back to a single space once a field runs past its column.

import type { Answer, Question } from 'dns-packet';
import { absolute, compressIPv6 } from '../../../networking/dns/names.js';

export interface Columns {
  ttl: number;
  class: number;
  type: number;
  rdata: number;
  showTtl: boolean;
  showClass: boolean;
}

/** dig's style: 24/32/40/48, shifted left when +nottlid or +noclass drops a field. */
export function digColumns(showTtl = true, showClass = true): Columns {
  if (showTtl && showClass) return { ttl: 24, class: 32, type: 40, rdata: 48, showTtl, showClass };
  if (showTtl || showClass) return { ttl: 24, class: 24, type: 32, rdata: 40, showTtl, showClass };
  return { ttl: 24, class: 24, type: 24, rdata: 32, showTtl, showClass };
}

class Line {
  text = '';
  private column = 0;

  add(s: string): this {
    this.text += s;
    this.column += s.length;
    return this;
  }

  /** masterdump.c indent(): at least one blank, tabs while a tab stop fits, then spaces. */
  indentTo(to: number): this {
    const target = Math.max(to, this.column + 1);
    const tabs = Math.floor(target / 8) - Math.floor(this.column / 8);
    if (tabs > 0) {
      this.text += '\t'.repeat(tabs);
      this.column = Math.floor(target / 8) * 8;
    }
    this.text += ' '.repeat(target - this.column);
    this.column = target;
    return this;
  }
}

function txtStrings(data: unknown): string[] {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : String(p)));
}

/** RDATA in presentation format (what `dig +short` prints). */
export function rdataText(rr: Answer): string {
  switch (rr.type) {
    case 'A':
      return rr.data;
    case 'AAAA':
      return compressIPv6(rr.data);
    case 'CNAME':
    case 'PTR':
    case 'NS':
    case 'DNAME':
      return absolute(rr.data);
    case 'SRV':
      return `${rr.data.priority ?? 0} ${rr.data.weight ?? 0} ${rr.data.port} ${absolute(rr.data.target)}`;
    case 'MX':
      return `${rr.data.preference ?? 0} ${absolute(rr.data.exchange)}`;
    case 'SOA': {
      const d = rr.data;
      return `${absolute(d.mname)} ${absolute(d.rname)} ${d.serial ?? 0} ${d.refresh ?? 0} ${d.retry ?? 0} ${d.expire ?? 0} ${d.minimum ?? 0}`;
    }
    case 'TXT':
      return txtStrings(rr.data)
        .map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`)
        .join(' ');
    default:
      return '';
  }
}

export function recordLine(rr: Answer, cols: Columns = digColumns()): string {
  const line = new Line().add(absolute(rr.name));
  if (cols.showTtl) line.indentTo(cols.ttl).add(String('ttl' in rr ? (rr.ttl ?? 0) : 0));
  if (cols.showClass) line.indentTo(cols.class).add('IN');
  return line.indentTo(cols.type).add(rr.type).indentTo(cols.rdata).add(rdataText(rr)).text;
}

/** Question lines carry no TTL; the leading ';' is outside the column count. */
export function questionLine(q: Question, cols: Columns = digColumns()): string {
  const line = new Line().add(absolute(q.name));
  if (cols.showClass) line.indentTo(cols.class).add(q.class ?? 'IN');
  return `;${line.indentTo(cols.type).add(q.type).text}`;
}
