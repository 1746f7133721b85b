// Whatever runs in a simulated container touches only that container: no host file is read or
// written, no host process started, no host socket reached, and hostile input ends quickly.

import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('the container sandbox', () => {
  const sb = new Sandbox('31');
  let server: Server;
  let hits = 0;
  let port = 0;
  const marker = join(sb.dir, 'marker.txt');
  const sh = (script: string) => sb.run(['exec', 'box', '--', 'sh', '-c', script]);

  beforeAll(async () => {
    writeFileSync(marker, 'host file\n');
    await sb.ok(['run', 'box', '--image=centos:7', '--', 'sleep', '3600']);
    await sb.ok(['run', 'other', '--image=centos:7', '--', 'sleep', '3600']);
    server = createServer((_req, res) => {
      hits++;
      res.end('host server\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    sb.cleanup();
  });

  it("reads the image's files, not the host's", async () => {
    const passwd = await sb.ok(['exec', 'box', '--', 'cat', '/etc/passwd']);
    expect(passwd.startsWith('root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\n')).toBe(true);
    expect(passwd).not.toBe(readFileSync('/etc/passwd', 'utf8'));
    expect(await sh(`cat ${marker}`)).toMatchObject({ code: 1, stdout: '', stderr: `cat: ${marker}: No such file or directory\ncommand terminated with exit code 1\n` });
  });

  it('keeps writes, command substitutions and redirections inside the container', async () => {
    const r = await sh(`mkdir -p ${sb.dir} && echo $(hostname) > ${marker} && echo \`cat /etc/hostname\` >> ${marker} && cat ${marker} && echo x > /etc/evil`);
    expect(r).toMatchObject({ code: 0, stdout: 'box\nbox\n' });
    expect(readFileSync(marker, 'utf8')).toBe('host file\n');
    expect(existsSync('/etc/evil')).toBe(false);
    // The next command sees the container's files; the other container does not.
    expect(await sb.ok(['exec', 'box', '--', 'cat', marker])).toBe('box\nbox\n');
    expect((await sb.run(['exec', 'other', '--', 'cat', '/etc/evil'])).code).toBe(1);
    expect((await sh('echo x > /proc/evil; echo x > /sys/evil; echo x > /dev/evil')).stderr).toContain('Permission denied');
  });

  it('survives rm -rf / in one container, with the others and the host intact', async () => {
    const r = await sh('rm -rf / 2>/dev/null; ls -A /');
    expect(r.stdout).toBe('dev\n');
    expect(await sb.ok(['exec', 'other', '--', 'cat', '/etc/hostname'])).toBe('other\n');
    expect(readFileSync(marker, 'utf8')).toBe('host file\n');
    expect(await sb.ok(['get', 'pod', 'box', '-o', 'jsonpath={.status.phase}'])).toBe('Running');
  });

  it('never reaches a server on the host', async () => {
    expect(await sb.run(['exec', 'other', '--', 'curl', '-sS', `http://127.0.0.1:${port}/`])).toMatchObject({ code: 7 });
    expect(await sb.run(['host', '--', 'curl', '-sS', `http://127.0.0.1:${port}/`])).toMatchObject({ code: 7 });
    expect((await sb.run(['host', '--', 'sh', '-c', `curl -s http://localhost:${port}/; wget -q -O- http://127.0.0.1:${port}/`])).stdout).toBe('');
    expect(hits).toBe(0);
  });

  it('ends runaway and oversized input quickly, keeping the state file small', async () => {
    const loop = await sb.run(['exec', 'other', '--', 'sh', '-c', 'while true; do :; done']);
    expect(loop.code).toBe(152);
    const big = await sb.run(['exec', 'other', '--', 'sh', '-c', 's=x; i=0; while [ $i -lt 21 ]; do s=$s$s; i=$((i+1)); done; echo $s > /tmp/big; ls /tmp']);
    expect(big.stderr).toContain('No space left on device');
    const long = await sb.run(['exec', 'other', '--', 'sh', '-c', `echo ${'y'.repeat(100_000)} | wc -c`]);
    expect(long).toMatchObject({ code: 0, stdout: '100001\n' });
    const flood = await sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'flood', '--', 'sh', '-c', 'while true; do echo flooding the log; done']);
    expect(flood.code).not.toBe(0);
    // /tmp/big keeps the mebibyte that fitted, as a real disk keeps a short write.
    expect(await sb.ok(['exec', 'other', '--', 'wc', '-c', '/tmp/big'])).toBe('1048576 /tmp/big\n');
    expect(statSync(sb.state).size).toBeLessThan(1_000_000 + 1024 * 1024);
  });

  it('serves no file outside the document root', async () => {
    await sb.ok(['run', 'web', '--image=nginx']);
    const ip = await sb.ok(['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
    const r = await sb.ok(['exec', 'other', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${ip}/../../etc/passwd`]);
    expect(r).toBe('400');
    expect(await sb.ok(['exec', 'other', '--', 'curl', '-s', `http://${ip}/`])).toContain('<title>Welcome to nginx!</title>');
  });
});
