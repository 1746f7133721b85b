// URLs as curl reads them: a missing scheme means http, the port defaults by scheme, and
// redirects resolve against the current URL.

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Whether the port was written out (it then appears in the Host header). */
  explicitPort: boolean;
  /** Path and query. */
  target: string;
}

export type UrlResult = Url | { code: number; message: string };

export function parseUrl(text: string): UrlResult {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/s.exec(text);
  const scheme = (m ? m[1] : 'http').toLowerCase();
  const rest = m ? m[2] : text;
  if (scheme !== 'http' && scheme !== 'https') return { code: 1, message: `Protocol "${scheme}" not supported or disabled in libcurl` };
  const cut = rest.search(/[/?#]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  let target = cut < 0 ? '/' : rest.slice(cut).replace(/#.*$/s, '');
  if (!target.startsWith('/')) target = `/${target}`;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const hp = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*)(?::(\d*))?$/.exec(hostPort);
  if (!hp || hp[1] === '' || /\s/.test(text)) return { code: 3, message: 'URL using bad/illegal format or missing URL' };
  const port = hp[2] ? Number(hp[2]) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { code: 3, message: 'URL using bad/illegal format or missing URL' };
  return { scheme, host: hp[1].toLowerCase(), port, explicitPort: !!hp[2], target };
}

export function urlText(u: Url): string {
  return `${u.scheme}://${u.host}${u.explicitPort ? `:${u.port}` : ''}${u.target}`;
}

/** The Host header curl sends: the port only when it is not the scheme's default. */
export function hostHeader(u: Url): string {
  const dflt = u.scheme === 'https' ? 443 : 80;
  return u.port === dflt ? u.host : `${u.host}:${u.port}`;
}

/** A Location header resolved against the URL it came from. */
export function resolveLocation(base: Url, location: string): UrlResult {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return parseUrl(location);
  if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`);
  const origin = `${base.scheme}://${base.host}${base.explicitPort ? `:${base.port}` : ''}`;
  if (location.startsWith('/')) return parseUrl(origin + location);
  const dir = base.target.replace(/[?#].*$/s, '').replace(/[^/]*$/, '');
  return parseUrl(origin + dir + location);
}
