// The serving certificate's serial numbers: positive DER INTEGERs in their minimal form, which
// OpenSSL insists on when it loads the certificate.

import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { makeServingCertificate, serialNumber } from '../../src/serve/tls.js';

describe('kctl serve certificates', () => {
  it('draws serials of 16 bytes whose first byte is 0x01-0x7f', () => {
    const firsts = new Set<number>();
    for (let i = 0; i < 4000; i++) {
      const s = serialNumber();
      expect(s).toMatch(/^[0-9a-f]{32}$/);
      const first = parseInt(s.slice(0, 2), 16);
      expect(first).toBeGreaterThanOrEqual(1);
      expect(first).toBeLessThanOrEqual(0x7f);
      firsts.add(first);
    }
    // Random, not fixed: most first bytes turn up.
    expect(firsts.size).toBeGreaterThan(100);
  });

  it('makes a CA and a server certificate that OpenSSL loads', async () => {
    const tls = await makeServingCertificate('127.0.0.1');
    expect(() => createSecureContext({ cert: tls.cert, key: tls.key, ca: tls.caCert })).not.toThrow();
  });
});
