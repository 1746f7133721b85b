// The DNS client programs as BIND and busybox ship them: dig, host and nslookup.

export { formatDig, digGreeting, digReply, DIG_VERSION, type DigDisplay, type DigFlavor, type DigOutput } from './digformat.js';
export { formatNslookup, nslookupProgram, type NslookupRun } from './nslookup.js';
export { formatHost, hostProgram, type HostRun } from './host.js';
export { digProgram } from './dig.js';
export type { DnsClientEnv } from './client.js';
