import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { schema } from '../../src/api/strict/schema.js';
import { decodeErrors, strictDecodeError } from '../../src/api/strict/index.js';
import { assertProperty, nextTurn } from '../helpers/seed.js';

type Obj = { apiVersion: string; kind: string; [k: string]: unknown };
const load = (text: string) => parse(text) as Obj;
const message = (text: string) => strictDecodeError(load(text));

// Manifests from the books (shared/seeds 001 and 004), plus one for each other kind kctl serves.
const VALID: Record<string, string> = {
  pod: `
apiVersion: v1
kind: Pod
metadata:
  name: simple-echo
spec:
  containers:
    - name: nginx
      image: gihyodocker/nginx-proxy:latest
      env:
        - name: BACKEND_HOST
          value: localhost:8080
      ports:
        - containerPort: 80
    - name: echo
      image: gihyodocker/echo:latest
      ports:
        - containerPort: 8080
`,
  replicaset: `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: echo-spring
  labels:
    app: echo
    release: spring
spec:
  replicas: 1
  selector:
    matchLabels:
      app: echo
      release: spring
  template:
    metadata:
      labels:
        app: echo
        release: spring
    spec:
      containers:
        - name: nginx
          image: gihyodocker/nginx-proxy:latest
          env:
            - name: BACKEND_HOST
              value: localhost:8080
          ports:
            - containerPort: 80
`,
  deployment: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: echo
  labels:
    app: echo
spec:
  replicas: 3
  selector:
    matchLabels:
      app: echo
  template:
    metadata:
      labels:
        app: echo
    spec:
      containers:
        - name: nginx
          image: gihyodocker/nginx-proxy:latest
          env:
            - name: BACKEND_HOST
              value: localhost:8080
          ports:
            - containerPort: 80
        - name: echo
          image: gihyodocker/echo:latest
          ports:
            - containerPort: 8080
`,
  service: `
apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  type: NodePort
  selector:
    app: echo
    release: summer
  ports:
    - name: http
      port: 80
`,
  externalName: `
apiVersion: v1
kind: Service
metadata:
  name: gihyo
spec:
  type: ExternalName
  externalName: gihyo.jp
`,
  endpoints: `
apiVersion: v1
kind: Endpoints
metadata:
  name: my-none-selector-svc
subsets:
  - addresses:
      - ip: 10.0.1.101
      - ip: 10.0.1.102
    ports:
      - port: 8080
`,
  ingressExtensions: `
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: echo
  annotations:
    nginx.ingress.kubernetes.io/server-snippet: |
      set $agentflag 0;
spec:
  rules:
    - host: ch05.gihyo.local
      http:
        paths:
          - path: /
            backend:
              serviceName: echo
              servicePort: 80
`,
  ingressNetworkingBeta: `
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: echo
spec:
  ingressClassName: nginx
  backend:
    serviceName: default-http-backend
    servicePort: http
  tls:
    - hosts: [ch05.gihyo.local]
      secretName: tls-echo
  rules:
    - host: ch05.gihyo.local
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              serviceName: echo
              servicePort: 80
`,
  ingress: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: echo
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: default-http-backend
      port:
        number: 80
  tls:
    - hosts: [ch05.gihyo.local]
      secretName: tls-echo
  rules:
    - host: ch05.gihyo.local
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: echo
                port:
                  name: http
`,
  ingressClass: `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
`,
  namespace: `
apiVersion: v1
kind: Namespace
metadata:
  name: ingress-nginx
  labels:
    app.kubernetes.io/name: ingress-nginx
`,
  node: `
apiVersion: v1
kind: Node
metadata:
  name: docker-for-desktop
  labels:
    kubernetes.io/hostname: docker-for-desktop
spec:
  podCIDR: 10.1.0.0/24
  taints:
    - key: node-role.kubernetes.io/master
      effect: NoSchedule
status:
  capacity:
    cpu: "4"
    memory: 2047036Ki
    pods: 110
  addresses:
    - type: InternalIP
      address: 192.168.65.3
  conditions:
    - type: Ready
      status: "True"
      lastHeartbeatTime: "2019-02-17T03:00:00Z"
`,
  secret: `
apiVersion: v1
kind: Secret
metadata:
  name: kubernetes-dashboard-key-holder
  namespace: kube-system
type: Opaque
data:
  priv: c2VjcmV0
  pub: cHVibGlj
stringData:
  note: plain text
`,
  configMap: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: nginx-configuration
  namespace: ingress-nginx
data:
  proxy-body-size: 10m
binaryData:
  blob: AAEC
`,
  serviceAccount: `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: nginx-ingress-serviceaccount
  namespace: ingress-nginx
automountServiceAccountToken: false
secrets:
  - name: nginx-ingress-serviceaccount-token-x7k2p
`,
  event: `
apiVersion: v1
kind: Event
metadata:
  name: echo.15a3c4f0c1e1d3a2
  namespace: default
involvedObject:
  kind: Service
  name: echo
  namespace: default
reason: EnsuringLoadBalancer
message: Ensuring load balancer
type: Normal
count: 1
firstTimestamp: "2019-02-17T03:00:00Z"
lastTimestamp: "2019-02-17T03:00:05Z"
eventTime: null
source:
  component: service-controller
`,
  statefulSet: `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: sample-statefulset
spec:
  serviceName: sample-headless
  replicas: 3
  selector:
    matchLabels:
      app: sample-app
  template:
    metadata:
      labels:
        app: sample-app
    spec:
      containers:
        - name: nginx-container
          image: nginx:1.12
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              cpu: 0.5
              memory: 1Gi
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`,
  daemonSet: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 25%
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      tolerations:
        - operator: Exists
      containers:
        - name: fluentd
          image: fluentd:v1.3
          volumeMounts:
            - name: varlog
              mountPath: /var/log
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
`,
  job: `
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 3
  parallelism: 1
  backoffLimit: 4
  ttlSecondsAfterFinished: 100
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 30
      containers:
        - name: pi
          image: perl
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 3
`,
  endpointSlice: `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: echo-abc12
  labels:
    kubernetes.io/service-name: echo
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 8080
endpoints:
  - addresses: [10.1.0.12]
    conditions:
      ready: true
    nodeName: docker-for-desktop
    targetRef:
      kind: Pod
      name: echo-6zxr4
      namespace: default
`,
};

// 004's Service manifests, with the book's fake `apiVersion: example1` made real. The `//` notes are
// not YAML comments: they end up inside the values.
const SEED_004_HEADLESS = `
apiVersion: v1
kind: Service
metadata:
    name: example-headless
spec:
    type: ClusterIP             //typeでClusterIPを指定
    ClusterIP: None             //ClusterIPでNoneを指定
    ports:
    - name: "http-port"
      protocol: "TCP"
      port: 80
      targetPort: 80
    selector:
      app: example-app
`;
const SEED_004_CLUSTERIP = `
apiVersion: v1
kind: Service
metadata:
    name: example-clusterip
spec:
    type: ClusterIP
    ports:
    - name: "http-port"
      protocol: "TCP"
      port: 8080        //このport番号はEndpointのport番号のこと
      targetPort: 80    //指定したport番号を持つpod宛てにロードバランシング
    selector:
      app: example-app
`;

describe('schema', () => {
  it('describes every kind and apiVersion the API server accepts', () => {
    const served = [
      ...['Pod', 'Service', 'Endpoints', 'Namespace', 'Node', 'Secret', 'ConfigMap', 'ServiceAccount', 'Event'].map((k) => `v1/${k}`),
      ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((k) => `apps/v1/${k}`),
      'batch/v1/Job',
      'discovery.k8s.io/v1/EndpointSlice',
      'networking.k8s.io/v1/Ingress',
      'networking.k8s.io/v1/IngressClass',
      'networking.k8s.io/v1beta1/Ingress',
      'extensions/v1beta1/Ingress',
      ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((k) => `rbac.authorization.k8s.io/v1/${k}`),
      'batch/v1/CronJob',
      'policy/v1/PodDisruptionBudget',
      'scheduling.k8s.io/v1/PriorityClass',
      'v1/ResourceQuota',
      'v1/LimitRange',
      'autoscaling/v2/HorizontalPodAutoscaler',
      'autoscaling/v1/HorizontalPodAutoscaler',
      'certificates.k8s.io/v1/CertificateSigningRequest',
    ];
    expect(Object.keys(schema.kinds).sort()).toEqual(served.sort());
  });

  it('records the generator and its sources', () => {
    expect(schema.generator).toBe('scripts/gen-schema.mjs');
    expect(schema.source).toMatch(/kubernetes-types 1\.30\.\d+.*kubectl v1\.32\./);
  });
});

describe('valid manifests decode', () => {
  it.each(Object.entries(VALID))('%s', (_name, text) => {
    const obj = load(text);
    expect(decodeErrors(obj.apiVersion, obj.kind, obj, schema)).toEqual({ unknownFields: [], typeError: undefined });
    expect(strictDecodeError(obj)).toBeUndefined();
  });

  it('accepts null anywhere', () => {
    const obj = load(VALID.deployment) as any;
    obj.metadata.creationTimestamp = null;
    obj.metadata.labels.app = null;
    obj.spec.replicas = null;
    obj.spec.strategy = null;
    obj.spec.template.spec.containers[0].ports = null;
    obj.spec.template.spec.containers[1] = null;
    obj.status = null;
    expect(strictDecodeError(obj)).toBeUndefined();
  });

  it('accepts status, and fields newer than kubernetes-types 1.30', () => {
    expect(
      message(`
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  trafficDistribution: PreferClose
  ports: [{port: 80, targetPort: web}]
status:
  loadBalancer:
    ingress: [{ip: 1.2.3.4, ipMode: VIP}]
`),
    ).toBeUndefined();
    expect(
      message(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: {supplementalGroupsPolicy: Strict}
  resources: {limits: {cpu: 1}}
  volumes: [{name: v, image: {reference: "quay.io/x:1", pullPolicy: IfNotPresent}}]
  containers: [{name: c, image: nginx}]
`),
    ).toBeUndefined();
  });

  it('takes every RFC 3339 time and quantity the Go parsers take', () => {
    for (const t of ['2019-02-17T03:00:00Z', '2019-02-17T03:00:00.123456789+09:00', '2020-02-29T23:59:59-00:30', '2019-02-17T3:00:00Z']) {
      expect(strictDecodeError({ apiVersion: 'v1', kind: 'Event', metadata: { creationTimestamp: t } } as Obj), t).toBeUndefined();
    }
    for (const q of ['0', '100m', '1.5Gi', '2', 2, 0.5, '1e3', '1E', '+.5', '.', '-', ' 128Mi ', '12345678901234567890', '1e-12']) {
      const obj = { apiVersion: 'v1', kind: 'Node', status: { capacity: { cpu: q } } } as Obj;
      expect(strictDecodeError(obj), String(q)).toBeUndefined();
    }
  });
});

describe('unknown fields', () => {
  it('reports a misspelled container field with its list index', () => {
    expect(
      message(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx
    - name: b
      imagee: nginx
`),
    ).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[1].imagee"');
  });

  it('reports several, in the order of the sorted keys kubectl sends', () => {
    const obj = load(VALID.deployment) as any;
    obj.spec.template.spec.containers[1].ports[0].containerport = 8080;
    obj.spec.replicass = 3;
    obj.metadata.lables = { app: 'echo' };
    obj.sepc = {};
    expect(strictDecodeError(obj)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "metadata.lables", unknown field "sepc", unknown field "spec.replicass", ' +
        'unknown field "spec.template.spec.containers[1].ports[0].containerport"',
    );
  });

  it('reports the capitalised ClusterIP of the headless Service in 004', () => {
    expect(message(SEED_004_HEADLESS)).toBe(
      'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ClusterIP"',
    );
  });

  it('reports containers put under the template metadata (a real report)', () => {
    const obj = load(VALID.deployment) as any;
    obj.spec.template.metadata.containers = obj.spec.template.spec.containers;
    obj.spec.template.metadata.volumes = [];
    delete obj.spec.template.spec;
    expect(strictDecodeError(obj)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "spec.template.metadata.containers", unknown field "spec.template.metadata.volumes"',
    );
  });

  it('does not look inside an unknown field, nor at its value', () => {
    // From a real report: `spec` indented under metadata, with string replicas inside it.
    expect(
      message(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mongodb-deployment
  spec:
    replicas: "1"
    template: {spec: {containers: [{name: m, ports: [{containerPort: "27107"}]}]}}
`),
    ).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.spec"');
    expect(strictDecodeError({ apiVersion: 'v1', kind: 'Pod', spec: { foo: null } } as Obj)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"',
    );
  });

  it('reports keys of the legacy Ingress that v1 does not have, and the reverse', () => {
    const beta = load(VALID.ingressExtensions);
    expect(strictDecodeError({ ...beta, apiVersion: 'networking.k8s.io/v1' })).toBe(
      'Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: ' +
        'unknown field "spec.rules[0].http.paths[0].backend.serviceName", unknown field "spec.rules[0].http.paths[0].backend.servicePort"',
    );
    const v1 = load(VALID.ingress);
    expect(strictDecodeError({ ...v1, apiVersion: 'extensions/v1beta1' })).toBe(
      'Ingress in version "v1beta1" cannot be handled as a Ingress: strict decoding error: ' +
        'unknown field "spec.defaultBackend", unknown field "spec.rules[0].http.paths[0].backend.service"',
    );
  });

  it('stops at 100', () => {
    const spec: Record<string, number> = {};
    for (let i = 0; i < 150; i++) spec[`x${String(i).padStart(3, '0')}`] = i;
    const { unknownFields } = decodeErrors('v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', spec }, schema);
    expect(unknownFields).toHaveLength(100);
    expect(unknownFields[99]).toBe('spec.x099');
  });

  it('treats __proto__, constructor and prototype as plain unknown fields', () => {
    const obj = JSON.parse(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},' +
        '"labels":{"__proto__":"x","constructor":"y"}},"spec":{"prototype":1,"toString":2,"containers":[{"name":"c","__proto__":[]}]}}',
    );
    expect(strictDecodeError(obj)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.__proto__", ' +
        'unknown field "metadata.constructor", unknown field "spec.containers[0].__proto__", unknown field "spec.prototype", unknown field "spec.toString"',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(obj.metadata)).toBe(Object.prototype);
  });

  it('quotes odd field names the way Go does', () => {
    expect(strictDecodeError({ apiVersion: 'v1', kind: 'Pod', spec: { 'a"b\n\u0001é': 1 } } as Obj)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.a\\"b\\n\\x01é"',
    );
  });
});

describe('type errors', () => {
  const deployment = (patch: (o: any) => void) => {
    const obj = load(VALID.deployment);
    patch(obj);
    return strictDecodeError(obj);
  };
  const D = 'Deployment in version "v1" cannot be handled as a Deployment: ';

  it.each([
    ['a string for an int32', (o: any) => (o.spec.replicas = 'three'), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a fraction for an int32', (o: any) => (o.spec.replicas = 1.5), 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['an int32 overflow', (o: any) => (o.spec.replicas = 3e9), 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['an int64 overflow', (o: any) => (o.spec.template.spec.terminationGracePeriodSeconds = 1e19), 'json: cannot unmarshal number 10000000000000000000 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64'],
    ['an exponent for an int', (o: any) => (o.spec.replicas = 1e21), 'json: cannot unmarshal number 1e+21 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a number for a string, path without list indexes', (o: any) => (o.spec.template.spec.containers[1].image = 1), 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string'],
    ['a number for an env value (a real report)', (o: any) => (o.spec.template.spec.containers[0].env[0].value = 8080), 'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string'],
    ['a string for a struct', (o: any) => (o.spec = 'x'), 'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec'],
    ['a list for a struct', (o: any) => (o.spec.strategy = []), 'json: cannot unmarshal array into Go struct field DeploymentSpec.spec.strategy of type v1.DeploymentStrategy'],
    ['a list for a map', (o: any) => (o.metadata.labels = ['app']), 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string'],
    ['a number in the labels', (o: any) => (o.metadata.labels.tier = 1), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a bool in the template labels', (o: any) => (o.spec.template.metadata.labels.on = true), 'json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string'],
    ['an object for a list', (o: any) => (o.spec.template.spec.containers = { name: 'x' }), 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
    ['a string for a list of structs', (o: any) => (o.spec.template.spec.containers[0].ports = '80'), 'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort'],
    ['a number for a named string type', (o: any) => (o.spec.template.spec.containers[0].imagePullPolicy = 1), 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy'],
    ['a string for a bool', (o: any) => (o.spec.paused = 'yes'), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool'],
    ['a bool for an IntOrString', (o: any) => (o.spec.strategy = { rollingUpdate: { maxSurge: true } }), 'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'],
    ['a fraction for an IntOrString', (o: any) => (o.spec.strategy = { rollingUpdate: { maxUnavailable: 0.5 } }), 'json: cannot unmarshal number 0.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxUnavailable of type int32'],
    ['an object for an IntOrString', (o: any) => (o.spec.template.spec.containers[0].livenessProbe = { httpGet: { port: { n: 1 } } }), 'json: cannot unmarshal object into Go struct field HTTPGetAction.spec.template.spec.containers.livenessProbe.httpGet.port of type int32'],
    ['a bad quantity', (o: any) => (o.spec.template.spec.containers[0].resources = { limits: { memory: '128MB' } }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a quantity with a bad suffix (a real report)', (o: any) => (o.spec.template.spec.containers[0].resources = { requests: { memory: '192i' } }), "unable to parse quantity's suffix"],
    ['a bool quantity', (o: any) => (o.spec.template.spec.containers[0].resources = { requests: { cpu: true } }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a string for resources', (o: any) => (o.spec.template.spec.containers[0].resources = { limits: 'lots' }), 'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList'],
    ['a number for a time', (o: any) => (o.metadata.creationTimestamp = 1550372400), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'],
    ['a date for a time', (o: any) => (o.metadata.creationTimestamp = '2019-02-17'), 'parsing time "2019-02-17" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    ['a word for a time', (o: any) => (o.metadata.creationTimestamp = 'now'), 'parsing time "now" as "2006-01-02T15:04:05Z07:00": cannot parse "now" as "2006"'],
    ['a month out of range', (o: any) => (o.metadata.creationTimestamp = '2019-13-01T00:00:00Z'), 'parsing time "2019-13-01T00:00:00Z": month out of range'],
    ['a day out of range', (o: any) => (o.metadata.creationTimestamp = '2019-02-29T00:00:00Z'), 'parsing time "2019-02-29T00:00:00Z": day out of range'],
    ['a time without zone', (o: any) => (o.metadata.creationTimestamp = '2019-02-17T03:00:00'), 'parsing time "2019-02-17T03:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['text after a time', (o: any) => (o.metadata.creationTimestamp = '2019-02-17T03:00:00Z JST'), 'parsing time "2019-02-17T03:00:00Z JST": extra text: " JST"'],
    ['a time in other letters', (o: any) => (o.metadata.creationTimestamp = 'é'), 'parsing time "\\xc3\\xa9" as "2006-01-02T15:04:05Z07:00": cannot parse "\\xc3\\xa9" as "2006"'],
    ['a string for a uid', (o: any) => (o.metadata.uid = 42), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.uid of type types.UID'],
    ['a list at the top of a nested list', (o: any) => (o.spec.template.spec.containers[0].command = [['sh']]), 'json: cannot unmarshal array into Go struct field Container.spec.template.spec.containers.command of type string'],
  ])('%s', (_name, patch, detail) => {
    expect(deployment(patch)).toBe(D + detail);
  });

  it('keeps the first saved error, in sorted key order', () => {
    expect(deployment((o) => ((o.spec.replicas = 'x'), (o.metadata.labels = 1)))).toBe(
      D + 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    );
  });

  it('lets an error from a type of its own (IntOrString, Quantity, Time) win over an earlier one', () => {
    expect(
      deployment((o) => {
        o.metadata.labels = 1;
        o.spec.strategy = { rollingUpdate: { maxSurge: [1] } };
      }),
    ).toBe(D + 'json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32');
  });

  it('reports only the type error when there are unknown fields too', () => {
    const obj = load(VALID.deployment) as any;
    obj.spec.replicass = 1;
    obj.spec.replicas = '1';
    expect(decodeErrors('apps/v1', 'Deployment', obj, schema)).toEqual({
      unknownFields: ['spec.replicass'],
      typeError: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    });
    expect(strictDecodeError(obj)).toBe(D + 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it("reports the port of 004's ClusterIP Service, whose `//` note made it a string", () => {
    expect(message(SEED_004_CLUSTERIP)).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    );
  });

  it('checks Secret data as base64', () => {
    const secret = (data: unknown) => strictDecodeError({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: data } } as Obj);
    const S = 'Secret in version "v1" cannot be handled as a Secret: ';
    expect(secret('not base64')).toBe(S + 'illegal base64 data at input byte 3');
    expect(secret('abc')).toBe(S + 'illegal base64 data at input byte 0');
    expect(secret('YWJj\nZA==')).toBeUndefined();
    expect(secret('YQ=')).toBe(S + 'illegal base64 data at input byte 3');
    expect(secret('YQ==YQ==')).toBe(S + 'illegal base64 data at input byte 4');
    expect(secret('=')).toBe(S + 'illegal base64 data at input byte 0');
    expect(secret('éé')).toBe(S + 'illegal base64 data at input byte 0');
    expect(secret(42)).toBe(S + 'json: cannot unmarshal number into Go struct field Secret.data of type []uint8');
    expect(secret([104, 105])).toBeUndefined();
    expect(secret([256])).toBe(S + 'json: cannot unmarshal number 256 into Go struct field Secret.data of type uint8');
  });

  it('names the legacy Ingress types', () => {
    const obj = load(VALID.ingressExtensions) as any;
    obj.spec.rules[0].http.paths[0].backend.serviceName = 1;
    expect(strictDecodeError(obj)).toBe(
      'Ingress in version "v1beta1" cannot be handled as a Ingress: json: cannot unmarshal number into Go struct field IngressBackend.spec.rules.http.paths.backend.serviceName of type string',
    );
  });

  it('checks an Event time in microseconds', () => {
    const event = (eventTime: unknown) => strictDecodeError({ apiVersion: 'v1', kind: 'Event', eventTime } as Obj);
    expect(event('2019-02-17T03:00:00.123456Z')).toBeUndefined();
    expect(event('2019-02-17T03:00:00Z')).toBe(
      'Event in version "v1" cannot be handled as a Event: parsing time "2019-02-17T03:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
  });
});

describe('any JSON grafted into a valid manifest', () => {
  const manifests = Object.values(VALID).flatMap((t) => parseAllDocuments(t).map((d) => d.toJS() as Obj));
  const FORM = new RegExp(
    '^(\\w+) in version "[^"]*" cannot be handled as a \\1: ' +
      '(strict decoding error: unknown field ".*"(, unknown field ".*")*' +
      '|json: cannot unmarshal (string|bool|array|object|number( \\S+)?) into Go (struct field \\w+\\.\\S+|value) of type \\S+' +
      '|quantities must match .*|unable to parse .*|parsing time .*|illegal base64 data at input byte \\d+)$',
    's',
  );

  /** Every place a value can go: existing keys and indexes, and new keys. */
  function places(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([...path, i]), places(x, [...path, i], out)));
    else if (v && typeof v === 'object') {
      out.push([...path, '\0new']);
      for (const [k, x] of Object.entries(v)) out.push([...path, k]), places(x, [...path, k], out);
    }
    return out;
  }

  function graft(obj: Obj, at: (string | number)[], key: string, value: unknown): Obj {
    const copy = structuredClone(obj);
    let target: any = copy;
    for (const step of at.slice(0, -1)) target = target[step];
    const last = at[at.length - 1];
    // defineProperty: a `__proto__` key must be an own field, like JSON.parse makes it.
    Object.defineProperty(target, last === '\0new' ? key : last, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  }

  it('never throws, and either decodes or fails in one of the server forms', async () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'spec', 'metadata', 'status'));
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    await assertProperty(
      fc.asyncProperty(fc.nat(), fc.nat(), key, fc.jsonValue(), async (m, p, k, value) => {
        await nextTurn();
        const obj = manifests[m % manifests.length];
        const all = places(obj);
        const at = all[p % all.length];
        // apiVersion and kind chose the schema before decoding starts.
        fc.pre(at.length > 1 || !['apiVersion', 'kind'].includes(at[0] === '\0new' ? k : String(at[0])));
        const copy = graft(obj, at, k, value);
        const msg = strictDecodeError(copy);
        if (msg !== undefined) expect(msg).toMatch(FORM);
        expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
        expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('duplicate keys of a raw JSON body', () => {
  it('finds each repeat with its path, through arrays, escapes and nested objects', async () => {
    const { keyOrder, strictErrorsInOrder } = await import('../../src/api/strict/duplicates.js');
    const text = ' { "a" : [ {"x":1,"y":"}\\"","x":[2,3]} , {"x":1} ], "b\\"c":{"d":null}, "b\\"c":true, "e":-1.5e3 }';
    const order = keyOrder(text);
    expect(order.duplicates).toEqual([
      { path: 'a[0].x', ordinal: 3 },
      { path: 'b"c', ordinal: 7 },
    ]);
    expect([...order.first.keys()]).toEqual(['a', 'a[0].x', 'a[0].y', 'a[1].x', 'b"c', 'b"c.d', 'e']);
    expect(strictErrorsInOrder(['e', 'a[0].y'], order)).toEqual(['unknown field "a[0].y"', 'duplicate field "a[0].x"', 'duplicate field "b\\"c"', 'unknown field "e"']);
    expect(keyOrder('[1, {"k": 2}]').duplicates).toEqual([]);
  });
});
