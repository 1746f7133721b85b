// busybox's nslookup (1.36): the server with `:53`, then Name/Address pairs for the answers the
// search list led to, or `** server can't find NAME: NXDOMAIN`.

import { parseResolvConf, resolve } from '../../networking/dns/index.js';
import type { DnsClientEnv } from './dns/index.js';
import type { Program } from '../program.js';

export function busyboxNslookupProgram(dns: () => DnsClientEnv): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const [name, serverArg] = args;
    if (!name) {
      ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
      return 1;
    }
    const conf = parseResolvConf(ctx.fs.readFile('/etc/resolv.conf') ?? '');
    const server = serverArg ?? conf.nameservers[0];
    ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    const r = resolve(dns().data(), { ...conf, nameservers: [server] }, name, 'A');
    if (r.status === 'TIMEOUT') {
      ctx.stdout(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    const addresses = r.answers.flatMap((a) => (a.type === 'A' && 'data' in a ? [String(a.data)] : []));
    if (addresses.length === 0) {
      ctx.stdout(`** server can't find ${r.fqdn}: ${r.status === 'NOERROR' ? 'NXDOMAIN' : r.status}\n\n`);
      return 1;
    }
    const owner = r.answers.find((a) => a.type === 'A')!.name;
    for (const ip of addresses) ctx.stdout(`Name:\t${owner}\nAddress: ${ip}\n`);
    ctx.stdout('\n');
    return 0;
  };
}
