// kctl patch, replace, edit, diff and apply's additions beside kubectl v1.32 through kctl serve,
// on one state: kubectl works on objects named *-k, kctl on the same objects named *-c, and
// what they print must be the same once the names (and what the server generates) are.

import { chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, Sandbox, type Result } from '../helpers/kctl.js';
import { kubectlBinary } from '../helpers/kubectl.js';
import { startServe, type Served } from '../helpers/serve.js';

const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };

/** What differs between two runs by nature: names, generated fields, temporary paths, times. */
function normal(text: string): string {
  return text
    .replace(/-[kc]\b/g, '-X')
    .replace(/web-X-[a-z0-9]{8,10}\b/g, 'web-X-HASH')
    .replace(/kube(ctl)?-edit-\d+|kctl-edit-\d+/g, 'EDIT')
    .replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1')
    .replace(/\t\d{4}-\d\d-\d\d [\d:.]+ \+0000/g, '\tTIME')
    .replace(/(uid|resourceVersion|creationTimestamp|generation|time|lastUpdateTime|lastTransitionTime): .*/g, '$1: X')
    .replace(/"(uid|resourceVersion|creationTimestamp|lastUpdateTime|lastTransitionTime)": ?"[^"]*"/g, '"$1":"X"')
    .replace(/"(generation|observedGeneration)": \d+/g, '"$1": X')
    .replace(/W\d{4} [\d:.]+ +\d+ /g, 'W ');
}

describe('kctl write verbs beside kubectl v1.32', () => {
  const sb = new Sandbox();
  let served: Served;
  const editorCopy = join(sb.dir, 'copied');

  beforeAll(async () => {
    served = await startServe(sb, [], env);
    await sb.ok(['create', 'deployment', 'web-k', '--image=nginx'], { env });
    await sb.ok(['create', 'deployment', 'web-c', '--image=nginx'], { env });
  });
  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  /** kubectl v1.32 on the served state, with a discovery cache of its own and extra environment. */
  async function kubectl(_sb: Sandbox, _served: Served, args: string[], opts: { env?: Record<string, string> } = {}): Promise<Result> {
    const e = { ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig, ...opts.env };
    return runProcess(await kubectlBinary(), ['--cache-dir', join(sb.dir, '.kube-cache'), ...args], { env: e, cwd: sb.dir });
  }

  /** kubectl on `*-k`, then kctl on `*-c`: both results, normalised. */
  async function both(args: string[], extra: Record<string, string> = {}): Promise<[Result, Result]> {
    const theirs = await kubectl(sb, served, args.map((a) => a.replaceAll('-X', '-k')), { env: extra });
    const ours = await sb.run(args.map((a) => a.replaceAll('-X', '-c')), { env: { ...env, ...extra } });
    const n = (r: Result) => ({ stdout: normal(r.stdout), stderr: normal(r.stderr), code: r.code });
    return [n(theirs), n(ours)];
  }
  const same = async (args: string[], extra: Record<string, string> = {}) => {
    const [theirs, ours] = await both(args, extra);
    expect(ours, args.join(' ')).toEqual(theirs);
    return ours;
  };

  it('patch: strategic, merge and JSON patches, no change, subresources, dry runs, and kubectl errors', async () => {
    expect((await same(['patch', 'deploy', 'web-X', '-p', '{"spec":{"replicas":2}}'])).stdout).toBe('deployment.apps/web-X patched\n');
    expect((await same(['patch', 'deploy/web-X', '--type=merge', '-p', 'spec: {replicas: 2}'])).stdout).toBe('deployment.apps/web-X patched (no change)\n');
    await same(['patch', 'deploy', 'web-X', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}', '-o', 'name']);
    await same(['patch', 'deploy', 'web-X', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1}]', '--dry-run=server']);
    expect((await same(['patch', 'deploy', 'web-X', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]'])).stderr).toBe(
      'The request is invalid: : testing value /spec/replicas failed: test failed\n',
    );
    expect((await same(['patch', 'deploy', 'web-X', '-p', 'spec: replicas: 3'])).stderr).toBe('error: unable to parse "spec: replicas: 3": yaml: mapping values are not allowed in this context\n');
    for (const args of [['-p', 'abc'], ['--type=foo', '-p', '{}'], ['--local', '-p', '{}']]) {
      expect((await same(['patch', 'deploy', 'web-X', ...args])).code).toBe(1);
    }
    await same(['patch', 'cm', 'nope-X', '--subresource=scale', '-p', '{}']);
    await same(['patch', 'deploy', '-p', '{}']);
  });

  it('replace and replace --force', async () => {
    const file = (n: string) => sb.file(`cm-${n}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${n}\ndata:\n  a: "1"\n`);
    file('k');
    file('c');
    expect((await same(['replace', '-f', 'cm-X.yaml'])).stderr).toBe('Error from server (NotFound): error when replacing "cm-X.yaml": configmaps "cm-X" not found\n');
    expect((await same(['replace', '--force', '-f', 'cm-X.yaml'])).stdout).toBe('configmap/cm-X replaced\n');
    expect((await same(['replace', '--force', '--save-config', '-f', 'cm-X.yaml'])).stdout).toBe('configmap "cm-X" deleted\nconfigmap/cm-X replaced\n');
    await same(['replace', '-f', 'cm-X.yaml', '--grace-period=0']);
  });

  it('edit: the temporary file kubectl writes, the patch, and the re-open loop on an invalid change', async () => {
    // Copies each version of the file aside; the first run sets replicas to 4, a later one to -1.
    const editor = sb.file(
      'editor.sh',
      `#!/bin/sh\nn=$(ls "${editorCopy}".* 2>/dev/null | wc -l)\ncp "$1" "${editorCopy}.$n"\nif [ -n "$TO" ] && [ $n = 0 ]; then sed -i "0,/replicas: .*/s//replicas: $TO/" "$1"; fi\n`,
    );
    chmodSync(editor, 0o755);
    const copies = () => {
      const files = readdirSync(sb.dir).filter((f) => f.startsWith('copied.')).sort();
      const texts = files.map((f) => normal(readFileSync(join(sb.dir, f), 'utf8')));
      for (const f of files) rmSync(join(sb.dir, f));
      return texts;
    };
    const run = async (args: string[], to: string) => {
      const theirs = await kubectl(sb, served, args.map((a) => a.replaceAll('-X', '-k')), { env: { EDITOR: editor, TO: to, TMPDIR: sb.dir } });
      const theirFiles = copies();
      const ours = await sb.run(args.map((a) => a.replaceAll('-X', '-c')), { env: { ...env, EDITOR: editor, TO: to, TMPDIR: sb.dir } });
      expect(copies(), args.join(' ')).toEqual(theirFiles);
      expect({ ...ours, stdout: normal(ours.stdout), stderr: normal(ours.stderr) }).toEqual({ ...theirs, stdout: normal(theirs.stdout), stderr: normal(theirs.stderr) });
      return theirFiles;
    };
    const [shown] = await run(['edit', 'deploy/web-X', '--output-patch'], '4');
    expect(shown).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/);
    await run(['edit', 'deploy', 'web-X'], '');
    const loop = await run(['edit', 'deploy', 'web-X'], '-1');
    expect(loop[1]).toContain('# deployments.apps "web-X" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n');
    await run(['edit', 'deploy', 'web-X', '-o', 'json'], '');
  });

  it('diff: the live and merged versions through diff -u -N, exit 1 on differences, 0 without, 2 on errors', async () => {
    for (const n of ['k', 'c']) {
      sb.file(`d-${n}.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${n}\nspec:\n  replicas: 5\n  selector:\n    matchLabels: {app: web-${n}}\n  template:\n    metadata:\n      labels: {app: web-${n}}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new-${n}\n`);
    }
    const diff = await same(['diff', '-f', 'd-X.yaml']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('diff -u -N /tmp/LIVE/apps.v1.Deployment.default.web-X /tmp/MERGED/apps.v1.Deployment.default.web-X\n');
    expect(diff.stdout).toContain('+++ /tmp/MERGED/v1.ConfigMap.default.new-X\tTIME\n@@ -0,0 +1,8 @@\n');
    expect((await same(['diff', '-f', 'nope.yaml'])).code).toBe(2);
    await same(['diff', '-f', 'd-X.yaml'], { KUBECTL_EXTERNAL_DIFF: 'true' });
  });

  it('apply --server-side conflicts, --prune with an allowlist, and the last-applied subcommands', async () => {
    for (const n of ['k', 'c']) {
      sb.file(`p-${n}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pa-${n}, labels: {set: p-${n}}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: pb-${n}, labels: {set: p-${n}}}\n`);
      sb.file(`q-${n}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pa-${n}, labels: {set: p-${n}}}\ndata: {a: b}\n`);
    }
    await same(['apply', '-f', 'p-X.yaml']);
    expect((await same(['apply', '--prune', '-l', 'set=p-X', '--prune-allowlist=core/v1/ConfigMap', '-f', 'q-X.yaml'])).stdout).toBe('configmap/pa-X configured\nconfigmap/pb-X pruned\n');
    await same(['apply', '--prune', '-f', 'q-X.yaml']);
    await same(['apply', 'view-last-applied', 'cm/pa-X', '-o', 'json']);
    await same(['apply', 'set-last-applied', '-f', 'p-X.yaml']);
    await same(['apply', 'view-last-applied', 'cm', '-l', 'set=p-X']);
    const conflict = await same(['apply', '--server-side', '--field-manager=other', '-f', 'd-X.yaml']);
    expect(conflict.stderr).toMatch(/^error: Apply failed with \d+ conflicts?: [\s\S]*\nPlease review the fields above--they currently have other managers/);
    await same(['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-f', 'd-X.yaml']);
  });
});
