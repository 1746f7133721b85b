// The Service-types notes (seed 004) with the upstream kubectl v1.32 through `kctl serve`: what the
// API server refuses (a ClusterIP changed by apply, node ports out of range or taken) reads the
// same through kubectl as through kctl, and the verbs a learner reaches for around the books'
// exercises (expose, scale, label, edit) change the one cluster both see.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBooks, type Books } from '../helpers/books.js';
import { runProcess, Sandbox } from '../helpers/kctl.js';
import { kubectlBinary } from '../helpers/kubectl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('Service types (seed 004) through kubectl v1.32 and kctl serve', () => {
  const sb = new Sandbox('9');
  let b: Books;
  /** A variant of a sample, written into the sandbox. */
  const variant = (name: string, sample: string, edit: (text: string) => string) => {
    const file = join(sb.dir, name);
    writeFileSync(file, edit(readFileSync(SAMPLES + sample, 'utf8')));
    return file;
  };
  /** kubectl fails with exactly kctl's words, and changes nothing. */
  const refused = async (args: string[], message: string) => {
    const before = readFileSync(sb.state, 'utf8');
    const theirs = await b.k(...args);
    expect(theirs).toEqual({ stdout: '', stderr: `${message}\n`, code: 1 });
    expect(await b.kctl(...args)).toEqual(theirs);
    expect(readFileSync(sb.state, 'utf8')).toBe(before);
  };

  beforeAll(async () => {
    b = await serveBooks(sb);
    for (const f of ['sample-deployment.yaml', 'sample-clusterip.yaml', 'sample-nodeport.yaml', 'sample-lb.yaml']) await b.ok('apply', '-f', SAMPLES + f);
  });
  afterAll(async () => {
    await b?.stop();
    sb.cleanup();
  });

  it('a ClusterIP, once set, is not changed by apply: v1.32 names spec.clusterIPs[0]', async () => {
    const changed = variant('cip.yaml', 'sample-clusterip.yaml', (t) => t.replace('spec:', 'spec:\n  clusterIP: 10.96.0.5'));
    await refused(['apply', '-f', changed], 'The Service "sample-clusterip" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set');
    const headless = variant('none.yaml', 'sample-clusterip.yaml', (t) => t.replace('spec:', 'spec:\n  clusterIP: None'));
    await refused(['apply', '-f', headless], 'The Service "sample-clusterip" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set');
  });

  it('node ports: only 30000-32767, and never one another Service holds', async () => {
    await refused(
      ['apply', '-f', SAMPLES + 'sample-nodeport-fail.yaml'],
      'The Service "sample-nodeport-fail" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    const copy = variant('np2.yaml', 'sample-nodeport.yaml', (t) => t.replace('name: sample-nodeport', 'name: sample-nodeport-fail2'));
    await refused(['apply', '-f', copy], 'The Service "sample-nodeport-fail2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    await refused(['create', '-f', SAMPLES + 'sample-clusterip.yaml'], `Error from server (AlreadyExists): error when creating "${SAMPLES}sample-clusterip.yaml": services "sample-clusterip" already exists`);
  });

  it('a LoadBalancer keeps its source ranges', async () => {
    expect(await b.same('get', 'svc', 'sample-lb', '-o', 'jsonpath={.spec.loadBalancerSourceRanges}')).toBe('["10.0.0.0/8"]');
  });

  it('names go with each of several types, as in `get deploy,svc NAME`', async () => {
    expect(await b.same('get', 'deploy,svc', 'sample-deployment', 'sample-lb', '-o', 'name', '--ignore-not-found')).toBe('deployment.apps/sample-deployment\nservice/sample-lb\n');
    const missing = await b.k('describe', 'deploy,svc', 'nosuch');
    expect(missing).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nosuch" not found\nError from server (NotFound): services "nosuch" not found\n', code: 1 });
    expect(await b.kctl('describe', 'deploy,svc', 'nosuch')).toEqual(missing);
  });

  it('expose, scale, label and edit through the server show in kctl', async () => {
    expect(await b.ok('expose', 'deployment', 'sample-deployment', '--name=exposed', '--port=8080', '--target-port=80')).toBe('service/exposed exposed\n');
    expect(await b.same('describe', 'service', 'exposed')).toMatch(/^Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/m);
    expect(await b.ok('scale', 'deployment', 'sample-deployment', '--replicas=2')).toBe('deployment.apps/sample-deployment scaled\n');
    const pods = (await b.kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'name')).stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
    expect(await b.ok('label', 'pod', '-l', 'app=sample-app', 'tier=web')).toBe(pods.map((p) => `${p} labeled\n`).join(''));
    expect(await b.same('get', 'pods', '-l', 'tier=web', '-o', 'name')).toBe(pods.map((p) => `${p}\n`).join(''));
    // What scale finds it scales, then it reports the rest; finding nothing, it says so.
    for (const [args, stderr] of [
      [['scale', 'deployment', 'nosuch', '--replicas=2'], 'error: no objects passed to scale deployments.apps "nosuch" not found\n'],
      [['scale', 'deployment', 'nosuch1', 'nosuch2', '--replicas=2'], 'error: no objects passed to scale [deployments.apps "nosuch1" not found, deployments.apps "nosuch2" not found]\n'],
      [['scale', 'deployment', '-l', 'app=none', '--replicas=2'], 'error: no objects passed to scale\n'],
      [['scale', 'deployment', 'nosuch', 'sample-deployment', '--replicas=2'], 'Error from server (NotFound): deployments.apps "nosuch" not found\n'],
    ] as const) {
      const theirs = await b.k(...args);
      expect(theirs).toEqual({ stdout: (args as readonly string[]).includes('sample-deployment') ? 'deployment.apps/sample-deployment scaled\n' : '', stderr, code: 1 });
      expect(await b.kctl(...args)).toEqual(theirs);
    }
    // label and annotate change what they find, then report the missing in the server's words.
    for (const args of [
      ['label', 'deployment', 'nosuch1', 'nosuch2', 'a=b'],
      ['label', 'deployment', 'sample-deployment', 'nosuch', 'a=b'],
      ['annotate', 'deployment', 'sample-deployment', 'nosuch', 'a=b'],
    ]) {
      const theirs = await b.k(...args);
      expect(theirs.stderr).toMatch(/^(Error from server \(NotFound\): deployments\.apps "nosuch\d?" not found\n)+$/);
      expect(theirs.code).toBe(1);
      // kctl's second run finds a=b already there.
      const ours = await b.kctl(...args);
      expect({ ...ours, stdout: ours.stdout.replace(' not labeled', ' labeled') }).toEqual(theirs);
    }
    // kubectl edit runs $EDITOR on the object it read, then patches what changed.
    const editor = join(sb.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/^  replicas: 2$/  replicas: 4/" "$1"\n', { mode: 0o755 });
    const env = { ...process.env, HOME: sb.dir, KUBECONFIG: b.served.kubeconfig, EDITOR: editor };
    const edit = await runProcess(await kubectlBinary(), ['--cache-dir', join(sb.dir, '.kube-cache'), 'edit', 'deployment', 'sample-deployment'], { env, cwd: sb.dir });
    expect(edit).toEqual({ stdout: 'deployment.apps/sample-deployment edited\n', stderr: '', code: 0 });
    expect((await b.kctl('get', 'deployment', 'sample-deployment', '-o', 'jsonpath={.status.readyReplicas}')).stdout).toBe('4');
  });
});
