// curl's progress meter (on stderr when the output is not a terminal) and --write-out.

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's max5data: a size or speed in at most five characters. */
function max5(n: number): string {
  let s: string;
  if (n < 100000) s = String(Math.floor(n));
  else if (n < 10000 * 1024) s = `${Math.floor(n / 1024)}k`;
  else if (n < 100 * 1024 * 1024) s = `${(n / 1024 / 1024).toFixed(1)}M`;
  else s = `${Math.floor(n / 1024 / 1024)}M`;
  return s.padStart(5);
}

function meterLine(total: number, received: number, seconds: number): string {
  const pct = (part: number) => String(total > 0 ? Math.floor((part * 100) / total) : 0).padStart(3);
  const speed = seconds > 0 ? received / seconds : 0;
  const t = '--:--:--';
  return `\r${pct(received)} ${max5(total)}  ${pct(received)} ${max5(received)}  ${'0'.padStart(3)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t} ${t} ${t} ${max5(speed)}`;
}

/** The meter of a finished transfer. */
export function meterDone(total: number, received: number, seconds: number): string {
  return `${METER_HEAD}${meterLine(0, 0, 0)}${meterLine(total, received, seconds)}\n`;
}

/** The meter of a transfer that failed before any data; the error follows on the same line for older curls. */
export function meterFailed(newline: boolean): string {
  return `${METER_HEAD}${meterLine(0, 0, 0)}${newline ? '\n' : ''}`;
}

export interface WriteOutInfo {
  httpCode: number;
  urlEffective: string;
  remoteIP: string;
  remotePort: number;
  localIP: string;
  localPort: number;
  sizeDownload: number;
  sizeHeader: number;
  contentType: string;
  redirects: number;
  redirectUrl: string;
  seconds: number;
  exitCode: number;
  errorMessage: string;
  method: string;
  scheme: string;
}

/** --write-out: %{variable}, %% and the backslash escapes \n \r \t \\. */
export function writeOut(format: string, i: WriteOutInfo): string {
  const seconds = i.seconds.toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(i.httpCode).padStart(3, '0'),
    response_code: String(i.httpCode).padStart(3, '0'),
    url_effective: i.urlEffective,
    remote_ip: i.remoteIP,
    remote_port: i.remotePort ? String(i.remotePort) : '',
    local_ip: i.localIP,
    local_port: i.localPort ? String(i.localPort) : '',
    size_download: String(i.sizeDownload),
    size_header: String(i.sizeHeader),
    content_type: i.contentType,
    num_redirects: String(i.redirects),
    redirect_url: i.redirectUrl,
    time_total: seconds,
    time_connect: seconds,
    time_namelookup: (i.seconds / 4).toFixed(6),
    time_starttransfer: seconds,
    exitcode: String(i.exitCode),
    errormsg: i.errorMessage,
    method: i.method,
    scheme: i.scheme.toUpperCase(),
    http_version: '1.1',
  };
  return format.replace(/%\{([a-z_]+)\}|%%|\\([nrt\\])/g, (whole, name?: string, esc?: string) => {
    if (whole === '%%') return '%';
    if (esc) return { n: '\n', r: '\r', t: '\t', '\\': '\\' }[esc]!;
    return vars[name!] ?? '';
  });
}
