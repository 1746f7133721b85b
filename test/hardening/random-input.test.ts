// Random manifests and command lines: kctl answers each with exit code 0 or 1, never a stack
// trace, and a failure leaves the state file byte for byte as it was.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { assertProperty } from '../helpers/seed.js';

const STACK = /\n\s+at .+\(.*:\d+:\d+\)|\n\s+at file:|TypeError|ReferenceError|RangeError/;

// Random manifests: some valid, some broken in the ways people break them.
const name = fc.oneof(fc.constantFrom('web', 'sample-pod', 'a', 'x-1'), fc.string({ maxLength: 12 }));
const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const manifest = fc.oneof(
  fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'v2', ''), kind: fc.constantFrom('Pod', 'Service', 'ConfigMap', 'Deployment', 'Nope'), metadata: fc.record({ name, labels: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }) }) }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: fc.record({ name }),
    spec: fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'Bogus'), ports: fc.array(fc.record({ port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.string({ maxLength: 4 })), nodePort: fc.integer({ min: 0, max: 40000 }) }), { maxLength: 2 }) }),
  }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Pod'),
    metadata: fc.record({ name }),
    spec: fc.record({ containers: fc.array(fc.record({ name, image: fc.constantFrom('nginx', ''), imagee: value }, { requiredKeys: ['name'] }), { maxLength: 2 }) }),
  }),
  fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 }),
);

describe('random input', () => {
  const sb = new Sandbox();
  beforeAll(() => sb.ok(['cluster', 'reset']));
  afterAll(() => sb.cleanup());

  it('random manifests never crash and fail without a trace', async () => {
    await assertProperty(
      fc.asyncProperty(fc.array(manifest, { minLength: 1, maxLength: 3 }), async (docs) => {
        const before = sb.stateText();
        const f = sb.file('random.yaml', docs.map((d) => JSON.stringify(d)).join('\n---\n'));
        const r = await sb.run(['apply', '-f', f]);
        // 0 or 1 are the only exit codes of a command that did not crash.
        expect([0, 1]).toContain(r.code);
        expect(r.stderr).not.toMatch(STACK);
        if (r.code === 0) expect(r.stdout).toMatch(/^(\S+ (created|configured|unchanged)\n)+$/);
        else {
          expect(r.stderr).not.toBe('');
          expect(sb.stateText()).toBe(before);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('random argv never crashes', async () => {
    const word = fc.oneof(
      fc.constantFrom('get', 'describe', 'delete', 'apply', 'create', 'label', 'scale', 'rollout', 'history', 'undo', 'pods', 'svc', 'deploy/x', 'pod,svc', 'all', '-o', 'yaml', 'json', 'jsonpath={.items[*', 'custom-columns=A', '-l', 'a in (b', '--field-selector', 'x=y', '-n', 'nope', '-A', '--sort-by', '{.x}', '--replicas', '-1', '-f', '/nonexistent', '--', 'x=y', 'a-', '--dry-run=client'),
      fc.string({ maxLength: 10 }),
    );
    await assertProperty(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 6 }), async (argv) => {
        const before = sb.stateText();
        const r = await sb.run(argv);
        // 0 or 1 are the only exit codes of a command that did not crash.
        expect([0, 1]).toContain(r.code);
        expect(r.stderr).not.toMatch(STACK);
        if (r.code !== 0) {
          expect(r.stderr).not.toBe('');
          expect(sb.stateText()).toBe(before);
        }
      }),
      { numRuns: 20 },
    );
  });
});
