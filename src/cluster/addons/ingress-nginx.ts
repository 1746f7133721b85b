// Built-in equivalents of ingress-nginx's install manifests: the 0.x layout the 実践 notes apply
// (mandatory.yaml + a provider Service: default-http-backend, nginx-ingress-controller, Service
// ingress-nginx) and today's deploy.yaml (ingress-nginx-controller, IngressClass nginx). Only
// kinds kctl serves are included: no RBAC, admission webhook or certificate Jobs.

import type { KObject } from '../../api/types.js';

/** The release the default cluster runs (`config.ingressNginx`). */
export const BUILTIN_RELEASE = '1.12.1';

const NS = 'ingress-nginx';

type Labels = Record<string, string>;

function obj(apiVersion: string, kind: string, name: string, labels: Labels, rest: Record<string, unknown>, namespaced = true): KObject {
  return { apiVersion, kind, metadata: { name, ...(namespaced ? { namespace: NS } : {}), labels }, ...rest } as KObject;
}

const fieldEnv = [
  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
];

const healthProbe = { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 };

/** deploy/mandatory.yaml of the nginx-0.x tags. Labels gained the app.kubernetes.io form in 0.18. */
export function legacyMandatory(release: string): KObject[] {
  const modernLabels = !/^0\.(\d|1[0-7])\./.test(release);
  const backendLabels: Labels = modernLabels ? { 'app.kubernetes.io/name': 'default-http-backend', 'app.kubernetes.io/part-of': 'ingress-nginx' } : { app: 'default-http-backend' };
  const labels = legacyLabels(release);
  const cm = (name: string) => obj('v1', 'ConfigMap', name, labels, {});
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    obj('apps/v1', 'Deployment', 'default-http-backend', backendLabels, {
      spec: {
        replicas: 1,
        selector: { matchLabels: backendLabels },
        template: {
          metadata: { labels: backendLabels },
          spec: {
            terminationGracePeriodSeconds: 60,
            containers: [
              {
                name: 'default-http-backend',
                image: modernLabels ? 'k8s.gcr.io/defaultbackend-amd64:1.5' : 'gcr.io/google_containers/defaultbackend:1.4',
                livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 30, timeoutSeconds: 5 },
                ports: [{ containerPort: 8080 }],
                resources: { limits: { cpu: '10m', memory: '20Mi' }, requests: { cpu: '10m', memory: '20Mi' } },
              },
            ],
          },
        },
      },
    }),
    obj('v1', 'Service', 'default-http-backend', backendLabels, { spec: { ports: [{ port: 80, targetPort: 8080 }], selector: backendLabels } }),
    cm('nginx-configuration'),
    cm('tcp-services'),
    cm('udp-services'),
    obj('v1', 'ServiceAccount', 'nginx-ingress-serviceaccount', labels, {}),
    obj('apps/v1', 'Deployment', 'nginx-ingress-controller', labels, {
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { 'prometheus.io/port': '10254', 'prometheus.io/scrape': 'true' } },
          spec: {
            serviceAccountName: 'nginx-ingress-serviceaccount',
            containers: [
              {
                name: 'nginx-ingress-controller',
                image: `quay.io/kubernetes-ingress-controller/nginx-ingress-controller:${release}`,
                args: [
                  '/nginx-ingress-controller',
                  '--default-backend-service=$(POD_NAMESPACE)/default-http-backend',
                  '--configmap=$(POD_NAMESPACE)/nginx-configuration',
                  '--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services',
                  '--udp-services-configmap=$(POD_NAMESPACE)/udp-services',
                  '--publish-service=$(POD_NAMESPACE)/ingress-nginx',
                  '--annotations-prefix=nginx.ingress.kubernetes.io',
                ],
                env: fieldEnv,
                ports: [
                  { name: 'http', containerPort: 80 },
                  { name: 'https', containerPort: 443 },
                ],
                livenessProbe: { ...healthProbe, failureThreshold: 3, initialDelaySeconds: 10 },
                readinessProbe: { ...healthProbe, failureThreshold: 3 },
              },
            ],
          },
        },
      },
    }),
  ];
}

function legacyLabels(release: string): Labels {
  return /^0\.(\d|1[0-7])\./.test(release) ? { app: 'ingress-nginx' } : { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/part-of': 'ingress-nginx' };
}

/** deploy/provider/cloud-generic.yaml (LoadBalancer) or baremetal/service-nodeport.yaml. */
export function legacyService(release: string, type: 'LoadBalancer' | 'NodePort'): KObject[] {
  const labels = legacyLabels(release);
  const ports = [
    { name: 'http', port: 80, targetPort: 'http' },
    { name: 'https', port: 443, targetPort: 'https' },
  ];
  const spec = type === 'LoadBalancer' ? { externalTrafficPolicy: 'Local', type, selector: labels, ports } : { type, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })), selector: labels };
  return [obj('v1', 'Service', 'ingress-nginx', labels, { spec })];
}

export type Provider = 'cloud' | 'kind' | 'baremetal' | 'builtin';

/**
 * deploy/static/provider/<provider>/deploy.yaml of the controller-v1.x tags. The built-in
 * install is the cloud one that also serves Ingresses without a class and allows snippets; it
 * asks for `loadBalancerIP` (the top of the pool) so Services users create get the first addresses.
 */
export function currentDeploy(release: string, provider: Provider, loadBalancerIP?: string): KObject[] {
  const base: Labels = { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
  const common: Labels = { ...base, 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': release };
  const controller: Labels = { 'app.kubernetes.io/component': 'controller', ...common };
  const selector: Labels = { 'app.kubernetes.io/component': 'controller', ...base };
  const lb = provider === 'cloud' || provider === 'builtin';
  const args = [
    '/nginx-ingress-controller',
    ...(provider === 'kind' ? ['--publish-status-address=localhost'] : ['--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller']),
    '--election-id=ingress-nginx-leader',
    '--controller-class=k8s.io/ingress-nginx',
    '--ingress-class=nginx',
    '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
    '--validating-webhook=:8443',
    '--validating-webhook-certificate=/usr/local/certificates/cert',
    '--validating-webhook-key=/usr/local/certificates/key',
    ...(provider === 'kind' || provider === 'builtin' ? ['--watch-ingress-without-class=true'] : []),
  ];
  const data = provider === 'builtin' ? { 'allow-snippet-annotations': 'true', 'annotations-risk-level': 'Critical' } : undefined;
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: base } },
    obj('v1', 'ServiceAccount', 'ingress-nginx', controller, { automountServiceAccountToken: true }),
    obj('v1', 'ServiceAccount', 'ingress-nginx-admission', { 'app.kubernetes.io/component': 'admission-webhook', ...common }, {}),
    obj('v1', 'ConfigMap', 'ingress-nginx-controller', controller, data ? { data } : {}),
    obj('v1', 'Service', 'ingress-nginx-controller', controller, {
      spec: {
        ...(lb ? { externalTrafficPolicy: 'Local' } : {}),
        ...(loadBalancerIP ? { loadBalancerIP } : {}),
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
        selector,
        type: lb ? 'LoadBalancer' : 'NodePort',
      },
    }),
    obj('v1', 'Service', 'ingress-nginx-controller-admission', controller, {
      spec: { ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }], selector, type: 'ClusterIP' },
    }),
    obj('apps/v1', 'Deployment', 'ingress-nginx-controller', controller, {
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        ...(provider === 'kind' ? { strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' } } : {}),
        template: {
          metadata: { labels: { ...selector, 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': release } },
          spec: {
            containers: [
              {
                args,
                env: [...fieldEnv, { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' }],
                image: `registry.k8s.io/ingress-nginx/controller:v${release}`,
                imagePullPolicy: 'IfNotPresent',
                lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
                livenessProbe: { ...healthProbe, failureThreshold: 5, initialDelaySeconds: 10 },
                name: 'controller',
                ports: [
                  { containerPort: 80, name: 'http', protocol: 'TCP', ...(provider === 'kind' ? { hostPort: 80 } : {}) },
                  { containerPort: 443, name: 'https', protocol: 'TCP', ...(provider === 'kind' ? { hostPort: 443 } : {}) },
                  { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
                ],
                readinessProbe: { ...healthProbe, failureThreshold: 3, initialDelaySeconds: 10 },
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
              },
            ],
            dnsPolicy: 'ClusterFirst',
            // kind's manifest also selects nodes labelled ingress-ready=true; kctl's control plane
            // is not labelled, so that selector is left out.
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 300,
            ...(provider === 'kind' ? { tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' }] } : {}),
          },
        },
      },
    }),
    obj('networking.k8s.io/v1', 'IngressClass', 'nginx', controller, { spec: { controller: 'k8s.io/ingress-nginx' } }, false),
  ];
}

/** What the built-in install consists of, by resource and name (namespace ingress-nginx). */
export const BUILTIN_OBJECTS: [resource: string, name: string][] = [
  ['deployments', 'ingress-nginx-controller'],
  ['services', 'ingress-nginx-controller'],
  ['services', 'ingress-nginx-controller-admission'],
  ['configmaps', 'ingress-nginx-controller'],
  ['serviceaccounts', 'ingress-nginx'],
  ['serviceaccounts', 'ingress-nginx-admission'],
  ['ingressclasses', 'nginx'],
];
