import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FsError,
  MAX_DIFF_SIZE,
  MAX_FILE_SIZE,
  OverlayFS,
  resolvePath,
  type FsDiff,
  type LowerLayer,
} from '../../src/runtime/overlayfs.js';
import { assertProperty, nextTurn } from '../helpers/seed.js';

const image = (): LowerLayer => ({
  files: {
    '/etc/hostname': 'web-1\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
    '/bin/sh': '',
    '/usr/share/doc/readme': 'doc',
  },
  dirs: ['/tmp', '/root', '/var/empty'],
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof FsError ? e.code : `other: ${String(e)}`;
  }
  return 'no error';
}

describe('resolvePath', () => {
  it('normalises relative and absolute paths', () => {
    expect(resolvePath('/a/b', 'c')).toBe('/a/b/c');
    expect(resolvePath('/a/b', '../c/./d/')).toBe('/a/c/d');
    expect(resolvePath('/a', '/x//y/../z')).toBe('/x/z');
    expect(resolvePath('/', '../../..')).toBe('/');
    expect(resolvePath('/a', '.')).toBe('/a');
  });
});

describe('OverlayFS', () => {
  it('reads the lower layer and implies its directories', () => {
    const fs = new OverlayFS(image(), {});
    expect(fs.readFile('/etc/hostname')).toBe('web-1\n');
    expect(fs.stat('/usr/share')).toEqual({ type: 'dir', size: 4096, mode: 0o755 });
    expect(fs.stat('/bin/sh')?.mode).toBe(0o755);
    expect(fs.stat('/etc/passwd')?.mode).toBe(0o644);
    expect(fs.list('/')).toEqual(['bin', 'dev', 'etc', 'root', 'tmp', 'usr', 'var']);
    expect(fs.list('/var')).toEqual(['empty']);
    expect(fs.readFile('/etc')).toBeNull();
    expect(fs.readFile('/nope')).toBeNull();
  });

  it('records writes in the diff only', () => {
    const lower = image();
    const diff: FsDiff = {};
    const fs = new OverlayFS(lower, diff);
    fs.writeFile('/etc/hostname', 'changed\n');
    fs.mkdir('/data');
    fs.writeFile('/data/x', 'y');
    expect(fs.readFile('/etc/hostname')).toBe('changed\n');
    expect(lower.files['/etc/hostname']).toBe('web-1\n');
    expect(diff).toEqual({
      '/etc/hostname': { t: 'f', c: 'changed\n' },
      '/data': { t: 'd' },
      '/data/x': { t: 'f', c: 'y' },
    });
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    // A new instance over the same diff sees the same tree.
    const again = new OverlayFS(lower, diff);
    expect(again.list('/data')).toEqual(['x']);
    expect(again.diffSize).toBe(fs.diffSize);
  });

  it('whites out removed lower entries and can recreate them', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS(image(), diff);
    expect(code(() => fs.remove('/usr/share/doc'))).toBe('ENOTEMPTY');
    fs.remove('/usr/share/doc/readme');
    fs.remove('/usr/share/doc');
    expect(fs.stat('/usr/share/doc')).toBeNull();
    expect(fs.list('/usr/share')).toEqual([]);
    expect(diff['/usr/share/doc']).toEqual({ t: 'x' });
    fs.mkdir('/usr/share/doc');
    expect(fs.list('/usr/share/doc')).toEqual([]);
    expect(fs.readFile('/usr/share/doc/readme')).toBeNull();
  });

  it('removes upper-only entries from the diff entirely', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS(image(), diff);
    fs.writeFile('/tmp/a', 'x');
    fs.remove('/tmp/a');
    expect(diff).toEqual({});
    expect(fs.diffSize).toBe(0);
  });

  it('reports errno-style errors', () => {
    const fs = new OverlayFS(image(), {});
    expect(code(() => fs.writeFile('/a/b', 'x'))).toBe('ENOENT');
    expect(code(() => fs.writeFile('/etc/passwd/x', 'x'))).toBe('ENOTDIR');
    expect(code(() => fs.writeFile('/etc', 'x'))).toBe('EISDIR');
    expect(code(() => fs.mkdir('/etc'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/x/y'))).toBe('ENOENT');
    expect(code(() => fs.remove('/nope'))).toBe('ENOENT');
    expect(code(() => fs.list('/etc/passwd'))).toBe('ENOTDIR');
    expect(code(() => fs.list('/nope'))).toBe('ENOENT');
    expect(code(() => fs.writeFile('/proc/sys', 'x'))).toBe('EACCES');
    expect(code(() => fs.mkdir('/sys/x'))).toBe('EACCES');
    expect(new FsError('ENOENT', '/x').message).toBe('No such file or directory');
  });

  it('provides /dev/null', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS({ files: {} }, diff);
    fs.writeFile('/dev/null', 'gone');
    expect(fs.readFile('/dev/null')).toBe('');
    expect(fs.stat('/dev/null')?.type).toBe('file');
    expect(diff).toEqual({});
  });

  it('bounds file and diff sizes with ENOSPC', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS(image(), diff);
    expect(code(() => fs.writeFile('/tmp/big', 'x'.repeat(MAX_FILE_SIZE + 1)))).toBe('ENOSPC');
    const chunk = 'x'.repeat(MAX_FILE_SIZE - 100);
    let written = 0;
    let err = 'no error';
    for (let i = 0; i < 20 && err === 'no error'; i++) {
      err = code(() => fs.writeFile(`/tmp/f${i}`, chunk));
      if (err === 'no error') written++;
    }
    expect(err).toBe('ENOSPC');
    expect(written).toBe(Math.floor(MAX_DIFF_SIZE / MAX_FILE_SIZE));
    expect(fs.diffSize).toBeLessThanOrEqual(MAX_DIFF_SIZE);
    // Freeing space makes room again; overwriting in place is accounted as a delta.
    fs.remove('/tmp/f0');
    fs.writeFile('/tmp/again', chunk);
    fs.writeFile('/tmp/again', 'small');
    expect(fs.diffSize).toBeLessThan(MAX_DIFF_SIZE);
  });

  it('appends what fits on a filling disk, then fails with ENOSPC', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS(image(), diff);
    fs.writeFile('/tmp/f', 'x'.repeat(MAX_FILE_SIZE - 3));
    expect(code(() => fs.appendFile('/tmp/f', 'abcdef'))).toBe('ENOSPC');
    expect(fs.readFile('/tmp/f')!.slice(-4)).toBe('xabc');
    expect(code(() => fs.appendFile('/tmp/f', 'g'))).toBe('ENOSPC');
    expect(fs.stat('/tmp/f')!.size).toBe(MAX_FILE_SIZE);
    // The whole upper layer: fill it to a few bytes short, then a lower file copied up takes what is left.
    for (let i = 0; fs.diffSize + MAX_FILE_SIZE + 20 < MAX_DIFF_SIZE; i++) fs.writeFile(`/tmp/g${i}`, 'y'.repeat(MAX_FILE_SIZE));
    fs.writeFile('/tmp/last', 'z'.repeat(MAX_DIFF_SIZE - fs.diffSize - '/tmp/last'.length - '/etc/hostname'.length - 'web-1\n'.length - 2));
    expect(code(() => fs.appendFile('/etc/hostname', 'abc'))).toBe('ENOSPC');
    expect(fs.readFile('/etc/hostname')).toBe('web-1\nab');
    expect(fs.diffSize).toBe(MAX_DIFF_SIZE);
    expect(code(() => fs.appendFile('/tmp/none', 'a'))).toBe('ENOENT');
    expect(code(() => fs.appendFile('/tmp', 'a'))).toBe('EISDIR');
  });

  it('keeps modes through chmod and rewrites', () => {
    const diff: FsDiff = {};
    const fs = new OverlayFS(image(), diff);
    fs.writeFile('/tmp/s', 'echo');
    fs.chmod('/tmp/s', 0o700);
    fs.writeFile('/tmp/s', 'echo hi');
    expect(fs.stat('/tmp/s')?.mode).toBe(0o700);
    fs.chmod('/etc/passwd', 0o600);
    expect(fs.readFile('/etc/passwd')).toContain('root');
    expect(fs.stat('/etc/passwd')?.mode).toBe(0o600);
  });

  it('hides lower children of a directory replaced by a file', () => {
    const diff: FsDiff = { '/usr/share': { t: 'f', c: 'now a file' } };
    const fs = new OverlayFS(image(), diff);
    expect(fs.stat('/usr/share/doc/readme')).toBeNull();
    expect(fs.list('/usr')).toEqual(['share']);
    expect(fs.stat('/usr/share')?.type).toBe('file');
  });
});

describe('OverlayFS against a plain model', () => {
  type Entry = { type: 'file'; content: string } | { type: 'dir' };
  const paths = ['/a', '/a/b', '/a/b/c', '/a/d', '/e', '/e/f', '/etc', '/etc/hostname', '/dev/null', '/dev/x', '/proc/x'];
  const lower: LowerLayer = { files: { '/a/b/c': 'lower', '/e/f': 'ef' }, dirs: ['/a/d'] };

  function model(): Map<string, Entry> {
    const m = new Map<string, Entry>([['/', { type: 'dir' }], ['/a', { type: 'dir' }], ['/a/b', { type: 'dir' }], ['/a/d', { type: 'dir' }], ['/e', { type: 'dir' }], ['/dev', { type: 'dir' }]]);
    m.set('/a/b/c', { type: 'file', content: 'lower' });
    m.set('/e/f', { type: 'file', content: 'ef' });
    m.set('/dev/null', { type: 'file', content: '' });
    return m;
  }

  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  const children = (m: Map<string, Entry>, p: string) => [...m.keys()].filter((k) => k !== '/' && parent(k) === p);

  function apply(m: Map<string, Entry>, op: { kind: 'write' | 'mkdir' | 'remove'; path: string; content: string }): string {
    const cur = m.get(op.path);
    const par = m.get(parent(op.path));
    if (op.kind === 'remove') {
      if (!cur) return 'ENOENT';
      if (op.path === '/dev/null') return 'EACCES';
      if (cur.type === 'dir' && children(m, op.path).length) return 'ENOTEMPTY';
      m.delete(op.path);
      return 'ok';
    }
    if (op.kind === 'mkdir' && cur) return 'EEXIST';
    if (op.kind === 'write' && op.path === '/dev/null') return 'ok';
    if (op.kind === 'write' && cur?.type === 'dir') return 'EISDIR';
    if (op.path.startsWith('/proc/')) return 'EACCES';
    if (!par) return 'ENOENT';
    if (par.type !== 'dir') return 'ENOTDIR';
    m.set(op.path, op.kind === 'mkdir' ? { type: 'dir' } : { type: 'file', content: op.content });
    return 'ok';
  }

  function outcome(fn: () => void): string {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return e instanceof FsError ? e.code : String(e);
    }
  }

  it('behaves like a plain tree under any sequence of operations, and the diff reloads', async () => {
    const op = fc.record({ kind: fc.constantFrom('write' as const, 'mkdir' as const, 'remove' as const), path: fc.constantFrom(...paths), content: fc.string({ maxLength: 5 }) });
    await assertProperty(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        await nextTurn();
        const m = model();
        const diff: FsDiff = {};
        const fs = new OverlayFS(lower, diff);
        for (const o of ops) {
          const got = outcome(() => (o.kind === 'write' ? fs.writeFile(o.path, o.content) : o.kind === 'mkdir' ? fs.mkdir(o.path) : fs.remove(o.path)));
          expect(got).toBe(apply(m, o));
        }
        const reloaded = new OverlayFS(lower, JSON.parse(JSON.stringify(diff)) as FsDiff);
        for (const view of [fs, reloaded]) {
          for (const p of [...paths, '/', '/dev']) {
            const e = m.get(p);
            expect(view.stat(p)?.type ?? null).toBe(e?.type ?? null);
            expect(view.readFile(p)).toBe(e?.type === 'file' ? e.content : null);
            if (e?.type === 'dir') expect(view.list(p)).toEqual(children(m, p).map((k) => k.slice(k.lastIndexOf('/') + 1)).sort());
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
