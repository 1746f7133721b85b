// CertificateSigningRequest: kubectl describe's layout, with the subject and alternative names
// read from the request itself.

import { DescribeWriter, describeTime } from '../printers/describe.js';
import { humanDuration } from '../util/duration.js';
import { fromPem, nameAttributes, parseCertificationRequest, requestedAltNames } from '../util/der.js';
import { csrCondition, type CsrObject } from './certificatesigningrequest.js';
import type { Describer } from './kind.js';

/** pkix.Name's lists, in the order kubectl prints them. */
const SUBJECT_LISTS: [string, string][] = [
  ['Organization', '2.5.4.10'],
  ['Organizational Unit', '2.5.4.11'],
  ['Country', '2.5.4.6'],
  ['Locality', '2.5.4.7'],
  ['Province', '2.5.4.8'],
  ['StreetAddress', '2.5.4.9'],
  ['PostalCode', '2.5.4.17'],
];

export const describeCertificateSigningRequest: Describer<'certificatesigningrequests'> = (obj, ctx) => {
  const o = obj as CsrObject;
  const spec = o.spec ?? {};
  const der = fromPem(Buffer.from(spec.request ?? '', 'base64').toString('latin1'), '(?:NEW )?CERTIFICATE REQUEST');
  let request: ReturnType<typeof parseCertificationRequest> | undefined;
  try {
    request = der && parseCertificationRequest(der);
  } catch {
    request = undefined;
  }
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${describeTime(o.metadata.creationTimestamp)}`);
  w.line(0, `Requesting User:\t${spec.username ?? ''}`);
  if (spec.signerName) w.line(0, `Signer:\t${spec.signerName}`);
  if (spec.expirationSeconds !== undefined) w.line(0, `Requested Duration:\t${humanDuration(spec.expirationSeconds * 1000)}`);
  w.line(0, `Status:\t${csrCondition(o)}`);
  const list = (title: string, values: string[]) => values.length && w.line(0, `\t${title}:\t${values.join('\n\t\t')}`);
  if (request) {
    const attrs = nameAttributes(request.subject);
    const of = (id: string) => attrs.filter((a) => a.oid === id).map((a) => a.value);
    w.line(0, 'Subject:');
    w.line(0, `\tCommon Name:\t${of('2.5.4.3').pop() ?? ''}`);
    w.line(0, `\tSerial Number:\t${of('2.5.4.5').pop() ?? ''}`);
    for (const [title, id] of SUBJECT_LISTS) list(title, of(id));
    const alt = requestedAltNames(request.attributes);
    if (alt.dns.length + alt.email.length + alt.ip.length + alt.uri.length) {
      w.line(0, 'Subject Alternative Names:');
      list('DNS Names', alt.dns);
      list('Email Addresses', alt.email);
      list('URIs', alt.uri);
      list('IP Addresses', alt.ip);
    }
  }
  w.events(o, ctx);
  return w.toString();
};
