// ValidateService and ValidateServiceUpdate of a v1.32 API server, with its field paths and wording.

import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { isIP, isIPv6 } from '../../util/ip.js';
import { duplicate, forbidden, goValue, invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import type { ServiceObject } from '../../api/types.js';
import { dns1123Label, dns1123Subdomain, isValidPortName, qualifiedName, validateLabels } from '../../api/validation.js';
import { externallyAccessible, isHeadless, needsHealthCheck, specOf } from './util.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
/** core.MaxClientIPServiceAffinitySeconds: one day. */
const MAX_AFFINITY_SECONDS = 86400;

const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const ONLY_LB = "may only be used when `type` is 'LoadBalancer'";

function portNum(v: unknown, field: string): FieldError[] {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? [] : [invalid(field, v, 'must be between 1 and 65535, inclusive')];
}

function validCIDR(v: string): boolean {
  const [ip, bits, rest] = v.split('/');
  if (rest !== undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  const family = isIP(ip);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** ValidateNonSpecialIP: addresses that make no sense as service or endpoint addresses. */
export function nonSpecialIP(ip: string, field: string): FieldError[] {
  if (!isIP(ip)) return [invalid(field, ip, 'must be a valid IP address')];
  const v4 = isIPv6(ip) ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] : ip;
  const lower = ip.toLowerCase();
  const errs: FieldError[] = [];
  if (v4 ? v4 === '0.0.0.0' : /^[0:]+$/.test(lower)) errs.push(invalid(field, ip, `may not be unspecified (${ip})`));
  if (v4 ? v4.startsWith('127.') : /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(lower)) errs.push(invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (v4 ? v4.startsWith('169.254.') : /^fe[89ab]/.test(lower)) errs.push(invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (v4 ? v4.startsWith('224.0.0.') : /^ff02:/.test(lower)) errs.push(invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** The Go rendering of the core.ServicePort key the duplicate-port check reports. */
function servicePortKey(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:${goValue(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateServicePort(p: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`));
  else if (p.name) {
    for (const m of dns1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, m));
    if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  errs.push(...portNum(p.port ?? 0, `${path}.port`));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(unsupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  if (typeof p.targetPort === 'string') for (const m of isValidPortName(p.targetPort)) errs.push(invalid(`${path}.targetPort`, p.targetPort, m));
  else errs.push(...portNum(p.targetPort ?? 0, `${path}.targetPort`));
  if (p.appProtocol !== undefined) for (const m of qualifiedName(p.appProtocol)) errs.push(invalid(`${path}.appProtocol`, p.appProtocol, m));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields: clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy agree. */
export function validateClusterIPsRelatedFields(s: ServiceSpec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  if (s.clusterIP) {
    if (!ips.length) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(unsupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (s.ipFamilyPolicy != null && !IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(unsupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIP(ip)) {
      badIPs = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, INVALID_IP));
    }
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv6(ips[0]) === isIPv6(ips[1])) errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  if (!isHeadless(s)) {
    ips.forEach((ip, i) => {
      const family = s.ipFamilies?.[i];
      if (family === 'IPv4' && isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (family === 'IPv6' && !isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateTypeSpecific(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && isHeadless(s)) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${s.type} services`));
  }
  if (s.type !== 'ExternalName') return errs;
  if (s.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
  if (s.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
  if (s.ipFamilyPolicy != null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
  // The CNAME may carry a trailing dot to mark it fully qualified.
  const cname = (s.externalName ?? '').replace(/\.$/, '');
  if (cname) for (const m of dns1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
  else errs.push(required('spec.externalName'));
  return errs;
}

function validatePorts(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ports = s.ports ?? [];
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  return errs;
}

function validateAffinity(s: ServiceSpec): FieldError[] {
  if (!s.sessionAffinity) return [required('spec.sessionAffinity')];
  if (!AFFINITIES.includes(s.sessionAffinity)) return [unsupported('spec.sessionAffinity', s.sessionAffinity, AFFINITIES)];
  const timeout = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (s.sessionAffinity === 'ClientIP' && timeout != null && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) {
    return [invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateExternalIPs(s: ServiceSpec): FieldError[] {
  return (s.externalIPs ?? []).flatMap((ip, i) => (isIP(ip) ? nonSpecialIP(ip, `spec.externalIPs[${i}]`) : [invalid(`spec.externalIPs[${i}]`, ip, INVALID_IP)]));
}

/** Per (protocol, port) and (protocol, nodePort): each at most once. */
function validatePortUniqueness(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ports = s.ports ?? [];
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => p.nodePort && errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")));
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errs.push({ type: 'Duplicate value', field: `spec.ports[${i}]`, value: servicePortKey(p) });
    seen.add(key);
  });
  return errs;
}

function validateLoadBalancerFields(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ranges = s.loadBalancerSourceRanges ?? [];
  if (ranges.length) {
    // The API server names this field with a capital L.
    if (s.type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', ONLY_LB));
    ranges.forEach((r, i) => {
      const v = r.trim();
      if (!validCIDR(v)) errs.push(invalid(`spec.LoadBalancerSourceRanges[${i}]`, v, INVALID_CIDR));
    });
  }
  if (s.allocateLoadBalancerNodePorts != null && s.type !== 'LoadBalancer') errs.push(forbidden('spec.allocateLoadBalancerNodePorts', ONLY_LB));
  if (s.loadBalancerClass != null) {
    if (s.type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', ONLY_LB));
    else for (const m of qualifiedName(s.loadBalancerClass)) errs.push(invalid('spec.loadBalancerClass', s.loadBalancerClass, m));
  }
  return errs;
}

function validateTrafficPolicies(s: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = s.externalTrafficPolicy;
  if (!externallyAccessible(s)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(unsupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const hc = s.healthCheckNodePort;
  // A needed health-check port is allocated after validation here, so only its range is checked.
  if (!needsHealthCheck(s)) {
    if (hc) errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc) errs.push(...portNum(hc, 'spec.healthCheckNodePort'));
  const itp = s.internalTrafficPolicy;
  if (itp == null) {
    if (s.type === 'ClusterIP' || s.type === 'NodePort' || s.type === 'LoadBalancer') errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(itp)) errs.push(unsupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  if (s.trafficDistribution != null && s.trafficDistribution !== 'PreferClose') {
    errs.push(unsupported('spec.trafficDistribution', s.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** ValidateService, less ObjectMeta (the API server checks that for every kind). */
export function validateService(o: ServiceObject): FieldError[] {
  const s = specOf(o);
  const errs: FieldError[] = [];
  if (!s.ports?.length && !isHeadless(s) && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeSpecific(s), ...validatePorts(s));
  if (s.selector != null) errs.push(...validateLabels(s.selector, 'spec.selector'));
  errs.push(...validateAffinity(s), ...validateClusterIPsRelatedFields(s), ...validateExternalIPs(s));
  if (!s.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(s.type)) errs.push(unsupported('spec.type', s.type, SERVICE_TYPES));
  errs.push(...validatePortUniqueness(s), ...validateLoadBalancerFields(s), ...validateTrafficPolicies(s));
  return errs;
}

/** The update-only checks of ValidateServiceUpdate, which come before ValidateService's. */
export function validateServiceUpdate(o: ServiceObject, oldObj: ServiceObject): FieldError[] {
  const s = specOf(o);
  const old = specOf(oldObj);
  const errs: FieldError[] = [];
  if (s.type !== 'ExternalName' && old.type !== 'ExternalName' && !(isHeadless(s) && isHeadless(old))) {
    const ips = s.clusterIPs ?? [];
    const was = old.clusterIPs ?? [];
    if (was.length === ips.length) {
      was.forEach((ip, i) => ip !== ips[i] && errs.push(invalid(`spec.clusterIPs[${i}]`, ips, 'may not change once set')));
    } else if (was.length > ips.length) {
      if (!ips.length) errs.push(invalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
      else if (ips[0] !== was[0]) errs.push(invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
    } else if (was.length && ips[0] !== was[0]) errs.push(invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
    if (isHeadless(s) === isHeadless(old) && !isHeadless(s)) {
      const fams = s.ipFamilies ?? [];
      const wasFams = old.ipFamilies ?? [];
      if (wasFams.length === fams.length) {
        wasFams.forEach((f, i) => f !== fams[i] && errs.push(invalid('spec.ipFamilies[0]', fams, 'may not change once set', '[]core.IPFamily')));
      }
    }
  }
  if (old.type === 'LoadBalancer' && s.type === 'LoadBalancer' && (old.loadBalancerClass ?? null) !== (s.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', s.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheck(old) && needsHealthCheck(s) && s.healthCheckNodePort !== old.healthCheckNodePort) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}
