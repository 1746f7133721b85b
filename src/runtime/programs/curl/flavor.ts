// What changes between the curl releases the images ship: the User-Agent, header order, the
// wording of errors (7.19.7 on CentOS 6, 7.29.0 on CentOS 7 — both built on NSS —, the 7.5x–7.6x
// OpenSSL builds, 7.88 on Debian 12) and the C library's strerror texts (glibc or musl).

import type { ConnectError } from '../../../networking/types.js';

function versionNumber(v: string): number {
  const [a = 0, b = 0, c = 0] = v.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return a * 10000 + b * 100 + c;
}

const STRERROR: Record<'glibc' | 'musl', Record<ConnectError, string>> = {
  glibc: { refused: 'Connection refused', unreachable: 'No route to host', timeout: 'Connection timed out' },
  musl: { refused: 'Connection refused', unreachable: 'Host is unreachable', timeout: 'Operation timed out' },
};

export interface CurlFlavor {
  version: string;
  userAgent: string;
  /** curl before 7.3x sent User-Agent before Host. */
  userAgentFirst: boolean;
  /** Verbose output in the style of 7.2x (`About to connect()`) or of 7.5x and later. */
  oldVerbose: boolean;
  /** Whether an error after a progress meter starts on a new line. */
  errorOnNewLine: boolean;
  /** exit 7: the connection failed. */
  connectFailed(host: string, port: number, ms: number, error: ConnectError): string;
  /** exit 28: --connect-timeout or --max-time ran out while connecting. */
  connectTimeout(host: string, port: number, ms: number): string;
  /** exit 6 */
  resolveFailed(host: string): string;
  /** exit 22 with --fail */
  httpError(status: number, reason: string): string;
  /** exit 35: TLS to a server that speaks plain HTTP. */
  wrongVersion: string;
  /** exit 60: a certificate no CA vouches for; the lines after the message. */
  untrusted: string;
}

const OPENSSL_HELP = (site: string) =>
  `More details here: ${site}\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.`;

const NSS_HELP = `More details here: http://curl.haxx.se/docs/sslcerts.html

curl performs SSL certificate verification by default, using a "bundle"
 of Certificate Authority (CA) public keys (CA certs). If the default
 bundle file isn't adequate, you can specify an alternate file
 using the --cacert option.
If this HTTPS server uses a certificate signed by a CA represented in
 the bundle, the certificate verification probably failed due to a
 problem with the certificate (it might be expired, or the name might
 not match the domain name in the URL).
If you'd like to turn off curl's verification of the certificate, use
 the -k (or --insecure) option.`;

export function curlFlavor(version: string, libc: 'glibc' | 'musl'): CurlFlavor {
  const v = versionNumber(version);
  const why = STRERROR[libc];
  const nss = v < 73000;
  const modern = v >= 78600;
  return {
    version,
    userAgent: v < 72000 ? `curl/${version} (x86_64-redhat-linux-gnu) libcurl/${version} NSS/3.27.1 zlib/1.2.3 libidn/1.18 libssh2/1.4.2` : `curl/${version}`,
    userAgentFirst: v < 73300,
    oldVerbose: v < 73300,
    errorOnNewLine: v >= 77500,
    connectFailed(host, port, ms, error) {
      if (v < 72000) return "couldn't connect to host";
      if (v < 73000) return `Failed connect to ${host}:${port}; ${why[error]}`;
      if (v < 77500) return `Failed to connect to ${host} port ${port}: ${why[error]}`;
      return `Failed to connect to ${host} port ${port} after ${ms} ms: ${modern ? "Couldn't connect to server" : why[error]}`;
    },
    connectTimeout(host, port, ms) {
      if (v < 72000) return 'connect() timed out!';
      if (!modern) return `Connection timed out after ${ms} milliseconds`;
      return `Failed to connect to ${host} port ${port} after ${ms} ms: Timeout was reached`;
    },
    resolveFailed(host) {
      if (v < 72000) return `Couldn't resolve host '${host}'`;
      if (v < 73000) return `Could not resolve host: ${host}; Name or service not known`;
      return `Could not resolve host: ${host}`;
    },
    httpError(status, reason) {
      return v < 72000 || v >= 77500 ? `The requested URL returned error: ${status}` : `The requested URL returned error: ${status} ${reason}`;
    },
    wrongVersion: nss
      ? 'SSL received a record that exceeded the maximum permissible length.'
      : v >= 78000 ? 'OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number' : 'error:1408F10B:SSL routines:ssl3_get_record:wrong version number',
    untrusted: nss ? `Peer's Certificate issuer is not recognized.\n${NSS_HELP}` : `SSL certificate problem: unable to get local issuer certificate\n${OPENSSL_HELP(v >= 77000 ? 'https://curl.se/docs/sslcerts.html' : 'https://curl.haxx.se/docs/sslcerts.html')}`,
  };
}
