// The web servers of the simulated internet, at the addresses dns/internet.ts gives their names:
// example.com (404 for any other Host, the example page for its own), google.com and apple.com
// (redirects, as seed 000 shows them through a selector-less Service), gihyo.jp.

import { DEFAULT_INTERNET } from './dns/internet.js';
import { byteLength, headerValue, httpDate, type Header, type HttpRequest, type HttpResponse } from './http.js';
import type { Listener } from './types.js';

const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>

    <meta charset="utf-8" />
    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <style type="text/css">
    body {
        background-color: #f0f0f2;
        margin: 0;
        padding: 0;
        font-family: -apple-system, system-ui, BlinkMacSystemFont, "Segoe UI", "Open Sans", "Helvetica Neue", Helvetica, Arial, sans-serif;
        
    }
    div {
        width: 600px;
        margin: 5em auto;
        padding: 2em;
        background-color: #fdfdff;
        border-radius: 0.5em;
        box-shadow: 2px 3px 7px 2px rgba(0,0,0,0.02);
    }
    a:link, a:visited {
        color: #38488f;
        text-decoration: none;
    }
    @media (max-width: 700px) {
        div {
            margin: 0 auto;
            width: auto;
        }
    }
    </style>    
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
    <p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>
</body>
</html>
`;

const EXAMPLE_404 = '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n\t<head>\n\t\t<title>404 - Not Found</title>\n\t</head>\n\t<body>\n\t\t<h1>404 - Not Found</h1>\n\t</body>\n</html>\n';

type Site = (req: HttpRequest, now: number, https: boolean) => HttpResponse;

const hostOf = (req: HttpRequest) => (headerValue(req.headers, 'Host') ?? '').toLowerCase();
const length = (body: string): Header => ['Content-Length', String(byteLength(body))];

const exampleCom: Site = (req, now) => {
  const host = hostOf(req).replace(/:\d+$/, '');
  if (host !== 'example.com' && host !== 'www.example.com') {
    return { status: 404, headers: [['Content-Type', 'text/html'], ['Date', httpDate(now)], ['Server', 'ECS (ord/4CF4)'], length(EXAMPLE_404)], body: EXAMPLE_404 };
  }
  return {
    status: 200,
    headers: [
      ['Accept-Ranges', 'bytes'], ['Age', '522515'], ['Cache-Control', 'max-age=604800'], ['Content-Type', 'text/html; charset=UTF-8'],
      ['Date', httpDate(now)], ['Etag', '"3147526947+ident"'], ['Expires', httpDate(now + 7 * 86400_000)], ['Last-Modified', 'Thu, 17 Oct 2019 07:18:26 GMT'],
      ['Server', 'ECS (ord/572A)'], ['X-Cache', 'HIT'], length(EXAMPLE_PAGE),
    ],
    body: EXAMPLE_PAGE,
  };
};

/** Google sends every name it does not serve to www.google.com, keeping the port of the Host. */
const googleCom: Site = (req, now, https) => {
  const port = /:(\d+)$/.exec(hostOf(req))?.[1];
  const location = `${https ? 'https' : 'http'}://www.google.com${port ? `:${port}` : ''}${req.target}`;
  const body = `<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">\n<TITLE>301 Moved</TITLE></HEAD><BODY>\n<H1>301 Moved</H1>\nThe document has moved\n<A HREF="${location}">here</A>.\r\n</BODY></HTML>\r\n`;
  return {
    status: 301,
    headers: [
      ['Location', location], ['Content-Type', 'text/html; charset=UTF-8'], ['Date', httpDate(now)], ['Expires', httpDate(now + 30 * 86400_000)],
      ['Cache-Control', 'public, max-age=2592000'], ['Server', 'gws'], length(body), ['X-XSS-Protection', '0'], ['X-Frame-Options', 'SAMEORIGIN'],
    ],
    body,
  };
};

const appleCom: Site = (_req, now) => ({
  status: 301,
  reason: 'MOVED PERMANENTLY',
  headers: [['Server', 'Apache'], ['Date', httpDate(now)], ['Location', 'https://www.apple.com/'], ['Content-type', 'text/html'], ['Connection', 'close']],
  body: '',
});

const gihyoJp: Site = (req, now, https) => {
  if (!https) {
    const body = '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    return { status: 301, headers: [['Server', 'nginx'], ['Date', httpDate(now)], ['Content-Type', 'text/html'], length(body), ['Connection', 'keep-alive'], ['Location', `https://gihyo.jp${req.target}`]], body };
  }
  const body = '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="UTF-8">\n<title>gihyo.jp｜技術評論社</title>\n</head>\n<body>\n</body>\n</html>\n';
  return { status: 200, headers: [['Server', 'nginx'], ['Date', httpDate(now)], ['Content-Type', 'text/html; charset=UTF-8'], length(body), ['Connection', 'keep-alive']], body };
};

const SITES: Record<string, Site> = { 'example.com': exampleCom, 'google.com': googleCom, 'apple.com': appleCom, 'gihyo.jp': gihyoJp };

const BY_ADDRESS = new Map(DEFAULT_INTERNET.flatMap((h) => h.a.map((ip) => [ip, SITES[h.name]] as const)).filter(([, site]) => site));

/** Whether an address belongs to the simulated internet. */
export function isInternetAddress(ip: string): boolean {
  return BY_ADDRESS.has(ip);
}

/** The web server at ip:port: HTTP on 80, HTTPS on 443; other ports are filtered (null). */
export function internetListener(ip: string, port: number, now: () => number): Listener | null {
  const site = BY_ADDRESS.get(ip);
  if (!site || (port !== 80 && port !== 443)) return null;
  const https = port === 443;
  return {
    tls: https ? { trusted: true } : undefined,
    serve: async (req) => site(req, now(), https),
  };
}
