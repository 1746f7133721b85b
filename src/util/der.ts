// The little DER (ASN.1) a certificate signer needs: reading a PKCS#10 request's subject and
// public key as they are, and writing an X.509 v3 certificate around them. Node signs; it does
// not lay out certificates.

/** One TLV: its tag, the whole encoding, and the content's bounds in the buffer. */
interface Tlv {
  tag: number;
  raw: Buffer;
  content: Buffer;
}

function readTlv(buf: Buffer, at: number): Tlv & { end: number } {
  const tag = buf[at];
  let len = buf[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  const end = start + len;
  if (tag === undefined || end > buf.length) throw new Error('truncated DER');
  return { tag, raw: buf.subarray(at, end), content: buf.subarray(start, end), end };
}

export function children(content: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < content.length; ) {
    const t = readTlv(content, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

/** A CSR's subject Name and SubjectPublicKeyInfo, DER as sent, and its attributes; throws on anything else. */
export function parseCertificationRequest(der: Buffer): { subject: Buffer; publicKeyInfo: Buffer; attributes?: Buffer } {
  const outer = readTlv(der, 0);
  const info = children(outer.content)[0];
  const [version, subject, publicKeyInfo, attributes] = children(info.content);
  if (outer.tag !== 0x30 || info.tag !== 0x30 || version?.tag !== 0x02 || subject?.tag !== 0x30 || publicKeyInfo?.tag !== 0x30) throw new Error('not a PKCS#10 certificate request');
  return { subject: subject.raw, publicKeyInfo: publicKeyInfo.raw, attributes: attributes?.tag === 0xa0 ? attributes.content : undefined };
}

export function oidString(content: Buffer): string {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let v = 0;
  for (const b of content.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** A Name's attributes in order, as OID and text. */
export function nameAttributes(name: Buffer): { oid: string; value: string }[] {
  return children(readTlv(name, 0).content).flatMap((rdn) =>
    children(rdn.content).map((atv) => {
      const [id, value] = children(atv.content);
      return { oid: oidString(id.content), value: value.content.toString(value.tag === 0x1e ? 'utf16le' : 'utf8') };
    }),
  );
}

/** The subjectAltName entries a CSR asks for in its extensionRequest attribute. */
export function requestedAltNames(attributes: Buffer | undefined): { dns: string[]; email: string[]; ip: string[]; uri: string[] } {
  const out = { dns: [] as string[], email: [] as string[], ip: [] as string[], uri: [] as string[] };
  for (const attr of attributes ? children(attributes) : []) {
    const [id, values] = children(attr.content);
    if (oidString(id.content) !== '1.2.840.113549.1.9.14') continue;
    for (const exts of children(values.content)) {
      for (const ext of children(exts.content)) {
        const parts = children(ext.content);
        if (oidString(parts[0].content) !== '2.5.29.17') continue;
        const names = readTlv(parts[parts.length - 1].content, 0);
        for (const n of children(names.content)) {
          if (n.tag === 0x82) out.dns.push(n.content.toString());
          else if (n.tag === 0x81) out.email.push(n.content.toString());
          else if (n.tag === 0x86) out.uri.push(n.content.toString());
          else if (n.tag === 0x87) out.ip.push(n.content.length === 4 ? [...n.content].join('.') : (n.content.toString('hex').match(/.{4}/g) ?? []).join(':'));
        }
      }
    }
  }
  return out;
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
export const seq = (...items: Buffer[]) => tlv(0x30, ...items);

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const part = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) part.unshift(0x80 | (v & 0x7f));
    bytes.push(...part);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A positive INTEGER from big-endian bytes. */
export function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280). */
export function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return Number(iso.slice(0, 4)) < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

/** A Name of one CommonName. */
export const commonName = (cn: string) => seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));

export const pem = (label: string, der: Buffer) => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;

export function fromPem(text: string, label: string): Buffer | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`).exec(text);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : undefined;
}
