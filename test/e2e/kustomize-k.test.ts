// -k DIR: apply, get and delete read what the kustomization builds to.

import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const OVERLAY = fileURLToPath(new URL('../fixtures/kustomize/overlay', import.meta.url));
const WARNING = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";

describe('-k', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('applies and gets what the overlay builds, with kustomize warnings on stderr', async () => {
    const applied = await sb.run(['apply', '-k', OVERLAY]);
    expect(applied.stdout).toBe(
      'namespace/prod created\nconfigmap/prod-app-config-v1-h2425tf877 created\nsecret/prod-app-secret-v1-25k92892fb created\nservice/prod-web-v1 created\ndeployment.apps/prod-web-v1 created\n',
    );
    expect(applied.stderr).toBe(WARNING);
    const got = await sb.run(['get', '-k', OVERLAY, '-o', 'name']);
    expect(got.stdout).toBe('namespace/prod\nconfigmap/prod-app-config-v1-h2425tf877\nsecret/prod-app-secret-v1-25k92892fb\nservice/prod-web-v1\ndeployment.apps/prod-web-v1\n');
  });

  it('refuses -f with -k as kubectl does', async () => {
    const r = await sb.run(['delete', '-f', OVERLAY, '-k', OVERLAY]);
    expect([r.code, r.stderr]).toEqual([1, 'error: only one of -f or -k can be specified\n']);
  });
});
