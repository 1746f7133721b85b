// Pages the simulated nginx builds serve: the welcome page and 50x.html of the image, and the
// built-in error pages (ngx_http_special_response.c), which end their lines with CRLF.

/** /usr/share/nginx/html/index.html of nginx 1.21 and later. */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const TITLES: Record<number, string> = {
  301: '301 Moved Permanently',
  302: '302 Found',
  308: '308 Permanent Redirect',
  400: '400 Bad Request',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Not Allowed',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** The reason phrases nginx's status lines use where they differ from the RFC's. */
export const NGINX_REASONS: Record<number, string> = { 405: 'Not Allowed', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

function olderThan(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split('.').map(Number);
  return a < major || (a === major && b < minor);
}

/** The error page nginx `version` sends for `status`; `version` null hides it (server_tokens off). */
export function nginxErrorPage(status: number, version: string | null): string {
  const title = TITLES[status] ?? `${status}`;
  const body = version !== null && olderThan(version, 1, 17) ? '<body bgcolor="white">' : '<body>';
  const sign = version === null ? 'nginx' : `nginx/${version}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n${body}\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${sign}</center>\r\n</body>\r\n</html>\r\n`;
}
