export type { DnsData, ExternalAnswer, ExternalResolver, QType, Rcode } from './types.js';
export { answer, messageSize, type AnswerOptions } from './server.js';
export { dnsServerAddresses } from './kubernetes.js';
export { DEFAULT_INTERNET, internetResolver, type InternetHost } from './internet.js';
export {
  exchange,
  lookupHost,
  parseHosts,
  parseResolvConf,
  resolve,
  searchNames,
  type HostLookup,
  type Resolution,
  type ResolvConf,
} from './resolver.js';
