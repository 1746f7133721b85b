// The create generators split comma lists where kubectl's flags are StringSlices (--image, --tcp,
// --from-file: CSV, repeatable) and keep them whole where they are StringArrays (--from-literal).

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('comma lists in create generators', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const dry = async (...args: string[]) => await sb.ok(['create', ...args, '--dry-run=client', '-o', 'yaml']);

  it('--image=a,b makes one container per image, named as kubectl names them', async () => {
    expect(await dry('deployment', 'd', '--image=nginx,busybox')).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: d\n  name: d\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: d\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: d\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\n      - image: busybox\n        name: busybox\n        resources: {}\nstatus: {}\n',
    );
    const containers = (yaml: string) => yaml.slice(yaml.indexOf('      containers:\n'), yaml.indexOf('status:'));
    expect(containers(await dry('deployment', 'd', '--image=a', '--image=b,c', '--port=80'))).toBe(
      '      containers:\n      - image: a\n        name: a\n        ports:\n        - containerPort: 80\n        resources: {}\n      - image: b\n        name: b\n        resources: {}\n      - image: c\n        name: c\n        resources: {}\n',
    );
    expect(containers(await dry('deployment', 'd', '--image=a,,"b,c"'))).toBe(
      '      containers:\n      - image: a\n        name: a\n        resources: {}\n      - name: ""\n        resources: {}\n      - image: b,c\n        name: b,c\n        resources: {}\n',
    );
    await sb.ok(['create', 'deployment', 'two', '--image=nginx,gihyodocker/echo:latest']);
    expect(await sb.ok(['get', 'deploy', 'two', '-o', 'jsonpath={.spec.template.spec.containers[*].name}'])).toBe('nginx echo');
    expect(await sb.ok(['get', 'pods', '-l', 'app=two', '-o', 'jsonpath={.items[0].status.containerStatuses[*].ready}'])).toBe('true true');
  });

  it('--tcp=80:8080,443:8443 makes two ports', async () => {
    expect(await dry('service', 'clusterip', 'm', '--tcp=80:8080,443:8443')).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: m\n  name: m\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  - name: 443-8443\n    port: 443\n    protocol: TCP\n    targetPort: 8443\n  selector:\n    app: m\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    );
    expect(await sb.ok(['create', 'service', 'nodeport', 'np', '--tcp=80:8080,443'])).toBe('service/np created\n');
    expect(await sb.ok(['get', 'svc', 'np', '-o', 'jsonpath={.spec.ports[*].name}'])).toBe('80-8080 443');
  });

  it('--from-file splits, --from-literal does not', async () => {
    sb.file('f1', 'x\n');
    sb.file('f2', 'y\n');
    expect(await dry('configmap', 'c', '--from-literal=a=1,b=2', '--from-file=f1,k2=f2')).toBe('apiVersion: v1\ndata:\n  a: 1,b=2\n  f1: |\n    x\n  k2: |\n    y\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: c\n');
    expect(await dry('secret', 'generic', 's', '--from-literal=a=1,b=2', '--from-file=f1,f2')).toBe('apiVersion: v1\ndata:\n  a: MSxiPTI=\n  f1: eAo=\n  f2: eQo=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n');
  });

  it('a malformed list is refused with pflag\'s CSV error', async () => {
    const before = sb.stateText();
    expect(await sb.run(['create', 'deployment', 'q', '--image=ng"inx'])).toEqual({
      stdout: '',
      stderr: 'error: invalid argument "ng\\"inx" for "--image" flag: parse error on line 1, column 3: bare " in non-quoted-field\nSee \'kctl create deployment --help\' for usage.\n',
      code: 1,
    });
    expect(await sb.run(['create', 'service', 'clusterip', 'q', '--tcp="80'])).toEqual({
      stdout: '',
      stderr: 'error: invalid argument "\\"80" for "--tcp" flag: parse error on line 1, column 4: extraneous or missing " in quoted-field\nSee \'kctl create service clusterip --help\' for usage.\n',
      code: 1,
    });
    expect(sb.stateText()).toBe(before);
  });
});
