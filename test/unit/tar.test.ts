// The containers' tar: archives it writes are read by GNU tar, archives GNU tar writes (GNU and
// PAX forms, long names included) are extracted into the simulated filesystem, and its errors
// are GNU's, with its exit status.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, sh, world } from '../helpers/shell.js';

const hostTar = spawnSync('tar', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('tar (GNU tar)');
const tmp = mkdtempSync(join(tmpdir(), 'kctl-tar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LONG = `${'d'.repeat(60)}/${'f'.repeat(70)}.txt`;

describe('tar', () => {
  it('c writes an archive of a tree, names without the leading slash, padded to a 10 KiB record', async () => {
    const w = world();
    await sh(`mkdir -p /srv/site/css; echo '<h1>hi</h1>' > /srv/site/index.html; echo 'body{}' > /srv/site/css/a.css`, { world: w });
    const r = await run(['tar', 'cf', '-', '/srv/site'], { world: w });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("tar: Removing leading `/' from member names\n");
    const bytes = Buffer.from(r.stdout, 'utf8');
    expect(bytes.length % 10240).toBe(0);
    const t = await run(['tar', 'tf', '-'], { world: w, stdin: r.stdout });
    expect(t.stdout).toBe('srv/site/\nsrv/site/css/\nsrv/site/css/a.css\nsrv/site/index.html\n');
    if (hostTar) {
      writeFileSync(join(tmp, 'site.tar'), bytes);
      mkdirSync(join(tmp, 'out'));
      const x = spawnSync('tar', ['xf', join(tmp, 'site.tar'), '-C', join(tmp, 'out')], { encoding: 'utf8' });
      expect(x.stderr).toBe('');
      expect(readFileSync(join(tmp, 'out/srv/site/css/a.css'), 'utf8')).toBe('body{}\n');
    }
  });

  it('a long name and UTF-8 contents survive a round trip through the container', async () => {
    const w = world();
    await sh(`mkdir -p /a/${LONG.split('/')[0]}; printf 'grüße\\n' > /a/${LONG}`, { world: w });
    const c = await run(['tar', '-cf', '-', '-C', '/a', LONG], { world: w });
    expect(c.stderr).toBe('');
    await sh('mkdir /b', { world: w });
    const x = await run(['tar', '-xmf', '-', '-C', '/b'], { world: w, stdin: c.stdout });
    expect(x).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(w.fs.readFile(`/b/${LONG}`)).toBe('grüße\n');
  });

  it.skipIf(!hostTar)('x reads what GNU tar writes, in GNU and PAX form, creating the directories it needs', async () => {
    mkdirSync(join(tmp, 'src/deep/er'), { recursive: true });
    writeFileSync(join(tmp, 'src/deep/er/x.txt'), 'x\n');
    mkdirSync(join(tmp, 'src', LONG.split('/')[0]), { recursive: true });
    writeFileSync(join(tmp, 'src', LONG), 'long\n');
    for (const format of ['gnu', 'pax', 'ustar']) {
      const args = ['cf', '-', `--format=${format}`, '-C', join(tmp, 'src'), 'deep', ...(format === 'ustar' ? [] : [LONG])];
      const archive = spawnSync('tar', args, { encoding: 'buffer' }).stdout;
      const w = world();
      await sh('mkdir /dst', { world: w });
      const x = await run(['tar', '--no-same-owner', '--no-same-permissions', '-xmf', '-', '-C', '/dst'], { world: w, stdin: archive.toString('utf8') });
      expect({ format, ...x, world: undefined }).toMatchObject({ format, status: 0, stderr: '' });
      expect(w.fs.readFile('/dst/deep/er/x.txt')).toBe('x\n');
      if (format !== 'ustar') expect(w.fs.readFile(`/dst/${LONG}`)).toBe('long\n');
    }
  });

  it("fails as GNU tar does: no mode, nothing to archive, a missing file, a missing -C, input that isn't tar", async () => {
    expect(await run(['tar', 'f', '-'])).toMatchObject({
      status: 2,
      stderr: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n",
    });
    expect(await run(['tar', 'cf', '-'])).toMatchObject({ status: 2, stderr: "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" });
    const missing = await run(['tar', 'cf', '-', '/etc/hostname', '/nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n");
    expect(await run(['tar', 'xf', '-', '-C', '/nodir'], { stdin: 'x' })).toMatchObject({
      status: 2,
      stderr: 'tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n',
    });
    expect(await run(['tar', 'xf', '-', '-C', '/tmp'], { stdin: 'not an archive at all\n'.repeat(30) })).toMatchObject({
      status: 2,
      stderr: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n',
    });
    expect(await run(['tar', 'xq'])).toMatchObject({ status: 2, stderr: "tar: invalid option -- 'q'\nTry 'tar --help' or 'tar --usage' for more information.\n" });
  });

  it('f names an archive file in the container', async () => {
    const w = world();
    expect((await run(['tar', 'cf', '/tmp/etc.tar', '-C', '/etc', 'hostname'], { world: w })).status).toBe(0);
    await sh('mkdir /restore', { world: w });
    expect((await run(['tar', 'xvf', '/tmp/etc.tar', '-C', '/restore'], { world: w })).stdout).toBe('hostname\n');
    expect(w.fs.readFile('/restore/hostname')).toBe('web-1\n');
  });
});
