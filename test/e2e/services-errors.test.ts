// The API server's refusals of Services: allocator errors and validation, each with its exact
// message, exit code 1 and the state file left byte for byte as it was.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

const svc = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const PORT = '  ports:\n  - port: 8080\n';

describe('refused Services', () => {
  const sb = new Sandbox();
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-clusterip.yaml', '-f', SAMPLES + 'sample-nodeport.yaml']);
  });
  afterAll(() => sb.cleanup());

  /** Runs kctl, which must fail with exactly `stderr`, print nothing and write nothing. */
  async function refused(args: string[], stderr: string): Promise<void> {
    const before = sb.stateText();
    const r = await sb.run(args);
    expect(r.stderr).toBe(stderr + '\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(sb.stateText()).toBe(before);
  }
  const apply = (name: string, text: string) => ['apply', '-f', sb.file(name, text)];

  it('refuses a node port outside 30000-32767 (sample-nodeport-fail)', async () => {
    await refused(
      ['apply', '-f', SAMPLES + 'sample-nodeport-fail.yaml'],
      'The Service "sample-nodeport-fail" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('refuses a node port another Service holds', async () => {
    const copy = readFileSync(SAMPLES + 'sample-nodeport.yaml', 'utf8').replace('name: sample-nodeport', 'name: sample-nodeport-fail2');
    await refused(apply('np2.yaml', copy), 'The Service "sample-nodeport-fail2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  it('refuses a ClusterIP outside the Service CIDR', async () => {
    await refused(
      apply('out.yaml', svc('out-of-range', `  clusterIP: 10.11.253.81\n${PORT}`)),
      'The Service "out-of-range" is invalid: spec.clusterIPs: Invalid value: []string{"10.11.253.81"}: failed to allocate IP 10.11.253.81: the provided IP (10.11.253.81) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('refuses the network address itself and a ClusterIP in use', async () => {
    await refused(
      apply('net.yaml', svc('net', `  clusterIP: 10.96.0.0\n${PORT}`)),
      'The Service "net" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    await refused(
      apply('dns.yaml', svc('dns-copy', `  clusterIP: 10.96.0.10\n${PORT}`)),
      'The Service "dns-copy" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('does not let apply change a ClusterIP (seed 004), nor make the Service headless', async () => {
    const changed = readFileSync(SAMPLES + 'sample-clusterip.yaml', 'utf8').replace('spec:', 'spec:\n  clusterIP: 10.96.0.5');
    await refused(apply('cip.yaml', changed), 'The Service "sample-clusterip" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set');
    const headless = readFileSync(SAMPLES + 'sample-clusterip.yaml', 'utf8').replace('spec:', 'spec:\n  clusterIP: None');
    await refused(apply('none.yaml', headless), 'The Service "sample-clusterip" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set');
  });

  it('reports an allocation failure before any validation error, as the API server allocates first', async () => {
    await refused(
      apply('both.yaml', svc('both', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8888\n  - port: 81\n')),
      'The Service "both" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('refuses to create a second Service with the same fixed node port even under the same name', async () => {
    await refused(['create', '-f', SAMPLES + 'sample-nodeport.yaml'], 'The Service "sample-nodeport" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    await refused(['create', '-f', SAMPLES + 'sample-clusterip.yaml'], `Error from server (AlreadyExists): error when creating "${SAMPLES}sample-clusterip.yaml": services "sample-clusterip" already exists`);
  });

  it('wants port names when there is more than one port, and unique ones', async () => {
    await refused(
      apply('names.yaml', svc('multi', '  ports:\n  - port: 80\n  - port: 443\n')),
      'The Service "multi" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value',
    );
    await refused(
      apply('dup.yaml', svc('dup', '  ports:\n  - name: http\n    port: 80\n  - name: http\n    port: 443\n')),
      'The Service "dup" is invalid: spec.ports[1].name: Duplicate value: "http"',
    );
    await refused(
      apply('dupport.yaml', svc('dupport', '  ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80\n')),
      'The Service "dupport" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
  });

  it('checks ports, types and the fields that belong to other types', async () => {
    await refused(apply('noports.yaml', svc('noports', '  selector:\n    app: x\n')), 'The Service "noports" is invalid: spec.ports: Required value');
    await refused(
      apply('range.yaml', svc('range', '  ports:\n  - port: 70000\n    targetPort: bad_name\n')),
      'The Service "range" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: "bad_name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    await refused(
      apply('type.yaml', svc('typo', `  type: Foo\n${PORT}`)),
      'The Service "typo" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    await refused(apply('en.yaml', svc('en', '  type: ExternalName\n')), 'The Service "en" is invalid: spec.externalName: Required value');
    await refused(
      apply('cipnp.yaml', svc('cipnp', '  ports:\n  - port: 80\n    nodePort: 30500\n')),
      "The Service \"cipnp\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
    await refused(
      apply('hnp.yaml', svc('hnp', `  type: NodePort\n  clusterIP: None\n${PORT}`)),
      "The Service \"hnp\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    );
    await refused(
      apply('src.yaml', svc('src', `${PORT}  loadBalancerSourceRanges:\n  - 10.0.0.0/8\n`)),
      "The Service \"src\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    );
    await refused(
      apply('aff.yaml', svc('aff', `${PORT}  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 90000\n`)),
      'The Service "aff" is invalid: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400',
    );
    await refused(
      apply('ext.yaml', svc('ext', `${PORT}  externalIPs:\n  - 127.0.0.1\n`)),
      'The Service "ext" is invalid: spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    );
    await refused(
      apply('name.yaml', svc('sample_svc', PORT)),
      "The Service \"sample_svc\" is invalid: metadata.name: Invalid value: \"sample_svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it('refuses IP families this single-stack cluster does not have', async () => {
    await refused(
      apply('dual.yaml', svc('dual', `  ipFamilyPolicy: RequireDualStack\n${PORT}`)),
      'The Service "dual" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
    await refused(apply('v6.yaml', svc('v6', `  ipFamilies:\n  - IPv6\n${PORT}`)), 'The Service "v6" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster');
  });

  it('refuses a health-check node port that is taken, as an internal error', async () => {
    await refused(
      apply('hc.yaml', svc('hc', `  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 30080\n${PORT}`)),
      'Error from server (InternalError): error when creating "' + sb.dir + '/hc.yaml": Internal error occurred: failed to allocate requested HealthCheck NodePort 30080: provided port is already allocated',
    );
  });

  it('validates Endpoints written by hand', async () => {
    await refused(
      apply('ep.yaml', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: manual\nsubsets:\n- ports:\n  - port: 80\n- addresses:\n  - ip: 10.0.0.300\n'),
      'The Endpoints "manual" is invalid: \n* subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`\n* subsets[1].addresses[0].ip: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n* subsets[1].addresses[0].ip: Invalid value: "10.0.0.300": must be a valid IP address',
    );
  });
});
