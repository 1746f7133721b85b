// What kubectl v1.32.3 itself sends: its typed clients POST protobuf bodies for the generator
// commands (create deployment|configmap|secret|…, auth can-i, create token). The bodies and
// `--dry-run=client -o json` for the same commands are kept in
// test/fixtures/protobuf/kubectl-v1.32.3.json; KCTL_UPDATE_FIXTURES=1 captures them anew.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject, encodeProtobufObject, PROTOBUF_CONTENT_TYPE } from '../../src/api/protobuf/index.js';
import { CaptureServer, runKubectl } from '../helpers/kube-capture.js';
import { KUBECTL_VERSION, kubectlBinary } from '../helpers/kubectl.js';

const FIXTURE = new URL('../fixtures/protobuf/kubectl-v1.32.3.json', import.meta.url);
const UPDATE = process.env.KCTL_UPDATE_FIXTURES === '1';

interface Case {
  args: string[];
  method: string;
  path: string;
  /** The body, base64. */
  body: string;
  /** kubectl's `--dry-run=client -o json` for the same command, where it has one. */
  json: Record<string, unknown> | null;
}

const COMMANDS: string[][] = [
  ['create', 'deployment', 'web', '--image=nginx', '--replicas=3', '--port=80'],
  ['create', 'deployment', 'multi', '--image=nginx', '--image=busybox', '-n', 'team-a'],
  ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'],
  ['create', 'secret', 'generic', 'sec', '--from-literal=password=s3cr3t', '--from-literal=empty='],
  ['create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p', '--docker-server=example.com'],
  ['create', 'namespace', 'team-a'],
  ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'],
  ['create', 'service', 'nodeport', 'np', '--tcp=80:web', '--node-port=30080'],
  ['create', 'service', 'externalname', 'ext', '--external-name=example.com'],
  ['create', 'service', 'clusterip', 'headless', '--clusterip=None'],
  ['create', 'job', 'pi', '--image=perl', '--', 'perl', '-e', 'print 1'],
  ['create', 'serviceaccount', 'robot'],
  ['create', 'ingress', 'ing', '--class=nginx', '--rule=example.com/path*=svc:80', '--rule=foo.com/=svc2:http,tls=mycert'],
  ['auth', 'can-i', 'create', 'pods'],
  ['create', 'token', 'robot', '--duration=10m', '--audience=api'],
];

/** The objects of the commands without a dry run, as encoding/json prints the Go structs kubectl fills. */
const NO_DRY_RUN: Record<string, Record<string, unknown>> = {
  'auth can-i create pods': {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
    status: { allowed: false },
  },
  'create token robot --duration=10m --audience=api': {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { audiences: ['api'], expirationSeconds: 600, boundObjectRef: null },
    status: { token: '', expirationTimestamp: null },
  },
};

const loadCases = (): Case[] => JSON.parse(readFileSync(FIXTURE, 'utf8')).cases;

async function capture(kubectl: string, args: string[]): Promise<Case> {
  const server = new CaptureServer();
  server.answer = (req) =>
    req.url.includes('/selfsubjectaccessreviews')
      ? [201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', status: { allowed: true } }]
      : req.url.includes('/token')
        ? [201, { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', status: { token: 'x', expirationTimestamp: null } }]
        : undefined;
  const url = await server.start();
  try {
    const run = await runKubectl(kubectl, url, args);
    expect(run.stderr).toBe('');
    const writes = server.requests.filter((r) => r.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect(writes[0].contentType).toBe(PROTOBUF_CONTENT_TYPE);
    let json: Case['json'] = null;
    if (UPDATE && !NO_DRY_RUN[args.join(' ')]) {
      const at = args.includes('--') ? args.indexOf('--') : args.length;
      const dry = await runKubectl(kubectl, url, [...args.slice(0, at), '--dry-run=client', '-o', 'json', ...args.slice(at)]);
      json = JSON.parse(dry.stdout);
    }
    return { args, method: writes[0].method, path: writes[0].url.replace(/\?.*/, ''), body: writes[0].body.toString('base64'), json };
  } finally {
    await server.stop();
  }
}

describe(`protobuf bodies of kubectl ${KUBECTL_VERSION}`, () => {
  const cases = UPDATE ? [] : loadCases();

  it('the fixture has every command', () => {
    if (UPDATE) return;
    expect(cases.map((c) => c.args)).toEqual(COMMANDS);
  });

  for (const c of cases) {
    const name = c.args.join(' ');
    it(`decodes ${name} as its JSON`, () => {
      const body = Buffer.from(c.body, 'base64');
      expect(decodeProtobufObject(body)).toEqual(c.json ?? NO_DRY_RUN[name]);
    });
    it(`encodes ${name} byte for byte`, () => {
      const body = Buffer.from(c.body, 'base64');
      const obj = decodeProtobufObject(body) as Record<string, unknown> & { apiVersion: string; kind: string };
      expect(Buffer.from(encodeProtobufObject(obj)).toString('hex')).toBe(body.toString('hex'));
    });
  }

  it('the fixture is what kubectl sends today', async () => {
    const kubectl = await kubectlBinary();
    const live = [];
    for (const args of COMMANDS) live.push(await capture(kubectl, args));
    if (UPDATE) {
      writeFileSync(FIXTURE, JSON.stringify({ source: `kubectl ${KUBECTL_VERSION}: request bodies and --dry-run=client -o json`, cases: live }, null, 1) + '\n');
      return;
    }
    expect(live.map(({ args, method, path, body }) => ({ args, method, path, body }))).toEqual(loadCases().map(({ args, method, path, body }) => ({ args, method, path, body })));
  }, 120_000);
});
