// kctl host at a terminal: its programs write to that terminal, so curl hides its progress meter
// there, as on any machine; piped, the meter goes to stderr.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox } from '../helpers/kctl.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('kctl host and the terminal', () => {
  const sb = new Sandbox();
  let url = '';
  beforeAll(async () => {
    await sb.ok(['create', 'deployment', 'echo', '--image=gihyodocker/echo:latest']);
    await sb.ok(['expose', 'deployment', 'echo', '--type=NodePort', '--port=8080']);
    const port = await sb.ok(['get', 'svc', 'echo', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
    const node = await sb.ok(['get', 'nodes', '-o', 'jsonpath={.items[1].status.addresses[0].address}']);
    url = `http://${node}:${port}`;
  });
  afterAll(() => sb.cleanup());

  // `script` gives kctl a terminal; everything kctl writes to it comes back on script's stdout.
  const atTerminal = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('script', ['-qec', [process.execPath, KCTL, ...args].join(' '), '/dev/null'], { input: '', encoding: 'utf8', env: sb.env(env), cwd: sb.dir });

  it.runIf(hasScript)('curl at a terminal prints the body alone', () => {
    const r = atTerminal(['host', '--', 'curl', url], { TERM: 'xterm-256color' });
    expect(r.stdout).toBe('Hello Docker!!');
    expect(atTerminal(['host', '--', 'printenv', 'TERM'], { TERM: 'xterm-256color' }).stdout).toBe('xterm-256color\r\n');
  });

  it('piped, curl shows its meter on stderr and the machine has no TERM', async () => {
    const r = await sb.run(['host', '--', 'curl', url]);
    expect(r.stdout).toBe('Hello Docker!!');
    expect(r.stderr).toMatch(/^ {2}% Total {4}% Received % Xferd/);
    expect(await sb.run(['host', '--', 'printenv', 'TERM'], { env: { TERM: 'xterm' } })).toEqual({ stdout: '', stderr: '', code: 1 });
  });
});
