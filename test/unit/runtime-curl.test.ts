// curl's command line, URLs and the wording of each release the images ship.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurlArgs } from '../../src/runtime/programs/curl/args.js';
import { curlFlavor } from '../../src/runtime/programs/curl/flavor.js';
import { meterDone, writeOut } from '../../src/runtime/programs/curl/output.js';
import { hostHeader, parseUrl, resolveLocation } from '../../src/runtime/programs/curl/url.js';
import { assertProperty } from '../helpers/seed.js';

describe('curl arguments', () => {
  it('combines short flags and takes values attached or separate', () => {
    const p = parseCurlArgs(['-sSL', '-Hx-a: 1', '-H', 'Host:example.com', 'http://a', '-o/dev/null', '-w', '%{http_code}', '--max-time', '2', 'b']);
    expect(p).toMatchObject({ ok: true, opts: { silent: true, showError: true, location: true, headers: ['x-a: 1', 'Host:example.com'], output: '/dev/null', writeOut: '%{http_code}', maxTime: 2, urls: ['http://a', 'b'] } });
    expect(parseCurlArgs(['-I', '-s', 'x'])).toMatchObject({ ok: true, opts: { head: true, silent: true } });
  });

  it('refuses unknown options and missing values as curl does', () => {
    expect(parseCurlArgs(['--bogus'])).toEqual({ ok: false, code: 2, message: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(parseCurlArgs(['-H'])).toMatchObject({ ok: false, code: 2, message: expect.stringMatching(/^curl: option -H: requires parameter\n/) });
    expect(parseCurlArgs(['-m', 'soon'])).toMatchObject({ ok: false, message: expect.stringMatching(/^curl: option -m: expected a proper numerical parameter\n/) });
  });

  it('never throws, whatever the arguments', () => {
    assertProperty(fc.property(fc.array(fc.string()), (args) => typeof parseCurlArgs(args).ok === 'boolean'));
  });
});

describe('URLs', () => {
  it('defaults the scheme and port, and keeps the port in Host only when it is not the default', () => {
    const u = parseUrl('sample-clusterip:8080');
    expect(u).toEqual({ scheme: 'http', host: 'sample-clusterip', port: 8080, explicitPort: true, target: '/' });
    expect(hostHeader(parseUrl('http://10.7.246.109:8080') as never)).toBe('10.7.246.109:8080');
    expect(hostHeader(parseUrl('https://example.com:443/x?y') as never)).toBe('example.com');
    expect(parseUrl('http://a/b?c#d')).toMatchObject({ target: '/b?c' });
    expect(parseUrl('ftp://a')).toEqual({ code: 1, message: 'Protocol "ftp" not supported or disabled in libcurl' });
    expect(parseUrl('http://')).toMatchObject({ code: 3 });
    expect(parseUrl('http://a:99999')).toMatchObject({ code: 3 });
  });

  it('resolves redirects against the current URL', () => {
    const base = parseUrl('http://x:8080/a/b') as never;
    expect(resolveLocation(base, '/c')).toMatchObject({ host: 'x', port: 8080, target: '/c' });
    expect(resolveLocation(base, 'c')).toMatchObject({ target: '/a/c' });
    expect(resolveLocation(base, 'https://www.apple.com/')).toMatchObject({ scheme: 'https', host: 'www.apple.com', port: 443 });
  });

  it('parses or reports any text without throwing', () => {
    assertProperty(fc.property(fc.string(), (text) => {
      const u = parseUrl(text);
      return 'code' in u ? u.code > 0 : u.port > 0 && u.target.startsWith('/');
    }));
  });
});

describe('the messages of each release', () => {
  it('words connection failures as the image’s curl and C library do', () => {
    expect(curlFlavor('7.19.7', 'glibc').connectFailed('a', 80, 0, 'refused')).toBe("couldn't connect to host");
    expect(curlFlavor('7.29.0', 'glibc').connectFailed('a', 80, 0, 'refused')).toBe('Failed connect to a:80; Connection refused');
    expect(curlFlavor('7.68.0', 'glibc').connectFailed('10.138.0.8', 8080, 0, 'refused')).toBe('Failed to connect to 10.138.0.8 port 8080: Connection refused');
    expect(curlFlavor('7.61.1', 'musl').connectFailed('a', 80, 0, 'unreachable')).toBe('Failed to connect to a port 80: Host is unreachable');
    expect(curlFlavor('7.88.1', 'glibc').connectFailed('a', 80, 3, 'refused')).toBe("Failed to connect to a port 80 after 3 ms: Couldn't connect to server");
  });

  it('words resolution failures, timeouts and HTTP errors per release', () => {
    expect(curlFlavor('7.19.7', 'glibc').resolveFailed('foo')).toBe("Couldn't resolve host 'foo'");
    expect(curlFlavor('7.29.0', 'glibc').resolveFailed('foo')).toBe('Could not resolve host: foo; Name or service not known');
    expect(curlFlavor('7.68.0', 'glibc').resolveFailed('foo')).toBe('Could not resolve host: foo');
    expect(curlFlavor('7.19.7', 'glibc').connectTimeout('a', 80, 2001)).toBe('connect() timed out!');
    expect(curlFlavor('7.68.0', 'glibc').connectTimeout('a', 80, 2001)).toBe('Connection timed out after 2001 milliseconds');
    expect(curlFlavor('7.88.1', 'glibc').connectTimeout('a', 81, 5006)).toBe('Failed to connect to a port 81 after 5006 ms: Timeout was reached');
    expect(curlFlavor('7.68.0', 'glibc').httpError(404, 'Not Found')).toBe('The requested URL returned error: 404 Not Found');
    expect(curlFlavor('7.88.1', 'glibc').httpError(404, 'Not Found')).toBe('The requested URL returned error: 404');
    expect(curlFlavor('7.19.7', 'glibc').userAgent).toMatch(/^curl\/7\.19\.7 \(x86_64-redhat-linux-gnu\) libcurl\/7\.19\.7 /);
    expect(curlFlavor('7.68.0', 'glibc').userAgent).toBe('curl/7.68.0');
    expect(curlFlavor('7.68.0', 'glibc').untrusted).toMatch(/^SSL certificate problem: unable to get local issuer certificate\nMore details here: https:\/\/curl\.haxx\.se\/docs\/sslcerts\.html\n\n[^]*mentioned above\.$/);
    expect(curlFlavor('7.29.0', 'glibc').untrusted).toMatch(/^Peer's Certificate issuer is not recognized\.\n[^]*the -k \(or --insecure\) option\.$/);
  });
});

describe('progress meter and --write-out', () => {
  it('draws the meter as curl does', () => {
    expect(meterDone(34, 34, 0.003)).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        '\r100    34  100    34    0     0  11333      0 --:--:-- --:--:-- --:--:-- 11333\n',
    );
  });

  it('expands variables and escapes', () => {
    const info = { httpCode: 301, urlEffective: 'http://a/', remoteIP: '10.0.0.1', remotePort: 80, localIP: '', localPort: 0, sizeDownload: 224, sizeHeader: 0, contentType: 'text/html', redirects: 0, redirectUrl: 'http://b/', seconds: 0.0021, exitCode: 0, errorMessage: '', method: 'GET', scheme: 'http' };
    expect(writeOut('%{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n%{redirect_url}%%', info)).toBe('301 10.0.0.1:80 224\nhttp://b/%');
    expect(writeOut('%{time_total}', info)).toBe('0.002100');
  });
});
