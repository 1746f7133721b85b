// kctl config against the pinned kubectl: the same command on copies of the same kubeconfig
// gives the same stdout, stderr, exit code and resulting files. Then what kctl adds: its own
// kubeconfig standing in until written, contexts naming state files, version and plugins.

import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KCTL, runProcess, type Result } from '../helpers/kctl.js';
import { kubectlBinary } from '../helpers/kubectl.js';

const dir = mkdtempSync(join(tmpdir(), 'kctl-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = `apiVersion: v1
kind: Config
clusters:
- name: z
  cluster:
    server: https://x
    certificate-authority-data: aGVsbG8=
    extensions:
    - name: kctl
      extension: {state: /tmp/s.json, zz: 1, aa: two}
- name: a
  cluster: {server: "http://a", insecure-skip-tls-verify: true, bogus: 1}
users:
- name: u
  user: {password: pw, username: me, client-key-data: aGVsbG8=}
- name: e
  user:
    exec: {command: foo, apiVersion: client.authentication.k8s.io/v1}
contexts:
- name: c
  context: {cluster: z, user: u, namespace: ns1}
- name: d
  context: {cluster: a, user: e}
current-context: c
`;
const SECOND = `apiVersion: v1
kind: Config
current-context: other
clusters:
- name: z
  cluster: {server: https://shadowed}
- name: c2
  cluster: {server: https://two}
contexts:
- name: other
  context: {cluster: c2, user: u, namespace: n2}
`;

let n = 0;
/** Runs one command line in a fresh directory holding the given files; returns the result and the files after. */
async function inDir(bin: string[], args: string[], files: Record<string, string>, env: Record<string, string>): Promise<Result & { files: Record<string, string> }> {
  const cwd = join(dir, String(n++));
  mkdirSync(cwd);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const r = await runProcess(bin[0], [...bin.slice(1), ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, XDG_CACHE_HOME: join(cwd, '.cache'), ...env } });
  const after: Record<string, string> = {};
  for (const name of readdirSync(cwd)) if (!name.startsWith('.')) after[name] = readFileSync(join(cwd, name), 'utf8');
  return { ...r, files: after };
}

async function same(args: string[], files: Record<string, string> = { config: BASE }, env: Record<string, string> = {}): Promise<void> {
  const kubectl = await kubectlBinary();
  const theirs = await inDir([kubectl], args, files, env);
  const ours = await inDir([process.execPath, KCTL], args, files, env);
  const k = (s: string) => s.replace(/kubectl/g, 'kctl');
  expect({ args, out: ours.stdout, err: ours.stderr, code: ours.code, files: ours.files }).toEqual({
    args,
    out: k(theirs.stdout),
    err: k(theirs.stderr),
    code: theirs.code,
    files: theirs.files,
  });
}

describe('kctl config matches kubectl config on the same file', () => {
  const cases = [
    'view',
    'view --raw -o json',
    'view --minify --flatten',
    'get-contexts c nope',
    'use-context d',
    'set-context --current --namespace=x',
    'set-context a b',
    'set-cluster a --server=https://q --insecure-skip-tls-verify=false --tls-server-name=n',
    'set-credentials t --token=abc --exec-arg=a --exec-env=K=V',
    'set users.u.client-key-data notb64',
    'unset users.u.password',
    'delete-context c',
    'rename-context d e',
  ];
  for (const c of cases) it(c, () => same(['--kubeconfig=config', 'config', ...c.split(' ')]), 20_000);

  it('merges a KUBECONFIG list and writes each change where kubectl writes it', async () => {
    const files = { one: BASE, two: SECOND };
    for (const c of ['set-context other --namespace=q', 'set-context fresh --cluster=c2', 'unset current-context']) {
      await same(['config', ...c.split(' ')], files, { KUBECONFIG: 'one:two:three' });
    }
  }, 30_000);

  it('prints version --client -o json as kubectl does', async () => {
    await same(['version', '--client', '-o', 'json']);
  }, 20_000);
});

describe("kctl's own kubeconfig and contexts", () => {
  const home = join(dir, 'home');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), XDG_STATE_HOME: join(home, 'st'), XDG_CACHE_HOME: join(home, 'cache'), KCTL_SEED: '1', NO_COLOR: '1' };
  delete env.KCTL_STATE;
  delete env.KUBECONFIG;
  delete env.KCTL_KUBECONFIG;
  const kctl = (...args: string[]) => runProcess(process.execPath, [KCTL, ...args], { env });

  it('acts as context kctl until a change writes its file; the context namespace is every verb default', async () => {
    expect((await kctl('config', 'get-contexts')).stdout).toBe('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n*         kctl   kctl      kctl       \n');
    expect(existsSync(join(home, 'cfg'))).toBe(false);
    await kctl('create', 'namespace', 'shop');
    await kctl('run', 'web', '--image=nginx', '-n', 'shop');
    expect((await kctl('config', 'set-context', '--current', '--namespace=shop')).stdout).toBe('Context "kctl" modified.\n');
    const file = readFileSync(join(home, 'cfg', 'kctl', 'config'), 'utf8');
    expect(file).toContain(`state: ${join(home, 'st', 'kctl', 'state.json')}`);
    expect(file).toContain('current-context: kctl');
    expect((await kctl('get', 'pods', '-o', 'name')).stdout).toBe('pod/web\n');
    expect((await kctl('get', 'pods', '-n', 'default')).stderr).toBe('No resources found in default namespace.\n');
    expect(existsSync(join(home, '.kube'))).toBe(false);
  }, 30_000);

  it('reaches the state file of the chosen context; --state still wins', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const kc = join(dir, 'two-clusters');
    const cluster = (name: string, state: string) => `- name: ${name}\n  cluster:\n    server: ""\n    extensions:\n    - name: kctl\n      extension: {state: ${state}}\n`;
    writeFileSync(kc, `apiVersion: v1\nkind: Config\nclusters:\n${cluster('a', a)}${cluster('b', b)}contexts:\n- name: a\n  context: {cluster: a, user: ""}\n- name: b\n  context: {cluster: b, user: ""}\ncurrent-context: a\n`);
    expect((await kctl('--kubeconfig', kc, '--context', 'b', 'create', 'namespace', 'only-b')).code).toBe(0);
    expect((await kctl('--kubeconfig', kc, 'get', 'ns', 'only-b')).stderr).toBe('Error from server (NotFound): namespaces "only-b" not found\n');
    expect((await kctl('--kubeconfig', kc, '--state', b, 'get', 'ns', 'only-b', '-o', 'name')).stdout).toBe('namespace/only-b\n');
    expect((await kctl('--kubeconfig', kc, 'config', 'use-context', 'b')).stdout).toBe('Switched to context "b".\n');
    expect((await kctl('--kubeconfig', kc, 'get', 'ns', 'only-b', '-o', 'name')).stdout).toBe('namespace/only-b\n');
    const missing = await kctl('--kubeconfig', kc, '--context', 'nope', 'get', 'pods');
    expect([missing.stderr, missing.code]).toEqual(['Error in configuration: context was not found for specified context: nope\n', 1]);
  }, 30_000);
});

describe('kctl plugins', () => {
  it('runs kctl-foo-bar for `kctl foo bar`, passing the rest and its exit code; plugin list warns as kubectl', async () => {
    const bin = join(dir, 'plugins');
    mkdirSync(bin);
    writeFileSync(join(bin, 'kctl-foo-bar'), '#!/bin/sh\necho "args: $*"\nexit 7\n');
    chmodSync(join(bin, 'kctl-foo-bar'), 0o755);
    copyFileSync(join(bin, 'kctl-foo-bar'), join(bin, 'kctl-version'));
    chmodSync(join(bin, 'kctl-version'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const r = await runProcess(process.execPath, [KCTL, 'foo', 'bar', 'x', '--flag'], { env });
    expect([r.stdout, r.code]).toEqual(['args: x --flag\n', 7]);
    const list = await runProcess(process.execPath, [KCTL, 'plugin', 'list'], { env: { ...env, PATH: bin } });
    expect(list.stdout).toBe(`The following compatible plugins are available:\n\n${bin}/kctl-foo-bar\n${bin}/kctl-version\n`);
    expect([list.stderr, list.code]).toEqual(['  - warning: kctl-version overwrites existing command: "kctl version"\nerror: one plugin warning was found\n', 1]);
  }, 20_000);
});
