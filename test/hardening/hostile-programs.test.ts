// Hostile work inside the simulated cluster: regexes built to make backtracking engines explode,
// programs that print without end, and loops that fill a container's disk. Each ends within the
// caps kctl sets (work units, bytes), which the answers below prove were not exceeded.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const EVIL_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: evil
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/server-snippet: |
      if ($http_x_evil ~ "^(a+)+$") { return 418; }
spec:
  rules:
  - host: evil.example.com
    http:
      paths:
      - path: /(b|bb)*c$
        pathType: ImplementationSpecific
        backend:
          service: {name: nothing, port: {number: 80}}
`;

describe('hostile programs', () => {
  const sb = new Sandbox('7');
  const exec = (...argv: string[]) => sb.run(['exec', 'box', '--', ...argv]);

  beforeAll(async () => {
    await sb.ok(['run', 'box', '--image=busybox', '--restart=Never', '--', 'sleep', '3600']);
    await sb.ok(['apply', '-f', sb.file('evil.yaml', EVIL_INGRESS)]);
  });
  afterAll(() => sb.cleanup());

  it('an nginx regex that backtracks exponentially answers at once', async () => {
    // 2^40 backtracking steps; PCRE's match limit (10M) is what kctl allows a search.
    const curl = (header: string, path = '/') =>
      sb.run(['host', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'Host: evil.example.com', '-H', `X-Evil: ${header}`, `http://10.240.1.254${path}`]);
    expect(await curl(`${'a'.repeat(40)}!`)).toMatchObject({ code: 0, stdout: '404' });
    expect(await curl('a'.repeat(40))).toMatchObject({ code: 0, stdout: '418' });
    expect(await curl('x', `/${'b'.repeat(5000)}!`)).toMatchObject({ code: 0, stdout: '404' });
    expect(await curl('x', `/${'b'.repeat(5000)}c`)).toMatchObject({ code: 0, stdout: '503' });
  });

  it('grep with a pattern of 250 stars over 2.7 MB counts within its work cap', async () => {
    // On a Thompson NFA that is 250 states × 2.7 MB, past grep's cap (before: 'regular expression
    // too expensive', after 95 s for the two; 0.9 MB took 11 s). RE2's DFA makes one pass.
    const r = await exec('sh', '-c', `seq 1 400000 | grep -cE '(${'.*'.repeat(10)}){25}x'; seq 1 400000 | grep -cE '(${'.*'.repeat(10)}){25}99$'`);
    expect(r).toEqual({ code: 0, stdout: '0\n4000\n', stderr: '' });
  });

  // These two run the shell to its step and output budgets (a CPU-minute of work between them):
  // `npm run test:long` runs them, the default suite leaves them out to stay within five minutes.
  it.skipIf(!process.env.KCTL_LONG_TESTS)('a program started without a shell stops at the output cap a shell command has', async () => {
    // Uncapped, seq 1 2000000 prints 14.9 MB (and seq 1 1000000000 gigabytes).
    const limit = 'seq: output limit exceeded (4194304 bytes)\n';
    const r = await exec('seq', '1', '2000000');
    expect(r.stdout.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(r.stdout.length).toBeGreaterThan(4_000_000);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 153, stderr: `${limit}command terminated with exit code 153\n` });
    const attached = await sb.run(['run', 'flood', '--image=busybox', '--restart=Never', '--rm', '-i', '--', 'seq', '1', '2000000']);
    expect(attached.stdout.length).toBeLessThanOrEqual(4 * 1024 * 1024 + 100);
    expect(attached.stderr).toContain(limit);
    await sb.ok(['run', 'detached', '--image=busybox', '--restart=Never', '--', 'seq', '1', '2000000']);
    expect(await sb.ok(['get', 'pod', 'detached', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}'])).toBe('153');
    expect((await sb.ok(['logs', 'detached'])).endsWith(`1000\n${limit}`.slice(-limit.length - 1))).toBe(true);
  });

  it('a detached program writing a 4 MB line leaves at most a megabyte of log in the state file', async () => {
    const before = sb.stateText().length;
    await sb.ok(['run', 'wide', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'printf "%04000000d\\n" 0']);
    expect(sb.stateText().length - before).toBeLessThan(1024 * 1024 + 64 * 1024);
    const log = await sb.ok(['logs', 'wide']);
    expect(log).toMatch(/^0+\n$/);
    expect(log.length).toBeGreaterThan(1000 * 1000);
    expect(log.length).toBeLessThanOrEqual(1024 * 1024);
    // The kubelet joins the 16 KiB pieces: one line, one timestamp.
    expect(await sb.ok(['logs', 'wide', '--timestamps'])).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 0+\n$/);
  });

  it.skipIf(!process.env.KCTL_LONG_TESTS)('a program filling the disk stops at its first failed write; a loop retrying it ends at the step budget', async () => {
    // Before, output to a file was held until the program ended, then dropped whole with the
    // shell's `write error`: seq 1 1000000000 ran on to the output cap and ended the shell.
    const seq = await exec('sh', '-c', 'seq 1 1000000000 > /tmp/f; echo $?; wc -c < /tmp/f; head -2 /tmp/f');
    expect(seq).toEqual({ code: 0, stdout: '1\n1048576\n1\n2\n', stderr: 'seq: write error: No space left on device\n' });
    // A real shell runs this loop for ever; kctl's ends at 100,000 commands, one error per failed cat.
    const loop = await exec('sh', '-c', 'echo x > /tmp/f; while true; do cat /tmp/f /tmp/f > /tmp/g; mv /tmp/g /tmp/f; done');
    expect(loop.code).toBe(152);
    const lines = loop.stderr.split('\n').filter(Boolean);
    expect(lines.slice(-2)).toEqual(['sh: step limit exceeded (100000 commands)', 'command terminated with exit code 152']);
    expect(new Set(lines.slice(0, -2))).toEqual(new Set(['cat: write error: No space left on device']));
    expect(lines.length).toBeLessThanOrEqual(100_000 / 3 + 2);
    expect(await sb.ok(['exec', 'box', '--', 'wc', '-c', '/tmp/f'])).toBe('1048576 /tmp/f\n');
  });
});
