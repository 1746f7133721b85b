// The image catalogue: references to entries, and the checks on a user's catalogue file.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImageCatalog, ImageCatalogError, parseReference } from '../../src/runtime/images/index.js';
import { loadUserImages } from '../../src/runtime/images/user.js';
import { programPaths } from '../../src/runtime/programs/names.js';
import { assertProperty } from '../helpers/seed.js';

const catalog = new ImageCatalog();
const entry = (ref: string) => catalog.resolve(ref);

describe('references', () => {
  it('drops Docker Hub prefixes and defaults the tag', () => {
    expect(parseReference('nginx')).toEqual({ repo: 'nginx', tag: 'latest' });
    expect(parseReference('docker.io/library/nginx:1.27@sha256:abc')).toEqual({ repo: 'nginx', tag: '1.27' });
    expect(parseReference('localhost:5000/team/app')).toEqual({ repo: 'localhost:5000/team/app', tag: 'latest' });
    expect(parseReference('registry.k8s.io/coredns/coredns:v1.11.3')).toEqual({ repo: 'registry.k8s.io/coredns/coredns', tag: 'v1.11.3' });
  });

  it("finds the books' images with the tools and versions they ship", () => {
    expect(entry('centos:6').spec).toMatchObject({ base: 'centos6', curl: '7.19.7', dig: '9.8' });
    expect(entry('centos:centos6.10').spec.base).toBe('centos6');
    expect(entry('centos:7').spec).toMatchObject({ base: 'centos7', curl: '7.29.0', dig: '9.11' });
    expect(entry('amsy810/tools:v2.0').spec).toMatchObject({ base: 'ubuntu', curl: '7.68.0', dig: '9.16' });
    expect(entry('docker.io/amsy810/echo-nginx:v2.0').spec.servers).toEqual([{ port: '${NGINX_PORT:-80}', kind: 'echo-nginx' }]);
    expect(entry('gihyodocker/echo:latest').spec.servers?.[0]).toMatchObject({ port: 8080, kind: 'gihyo-echo' });
    expect(entry('registry.k8s.io/coredns/coredns:v1.11.3').spec.base).toBe('distroless');
    expect(entry('example.com/unknown:9').spec.opaque).toBe(true);
  });

  it('gives each image the programs of its distribution', () => {
    const names = (ref: string) => [...programPaths(entry(ref)).keys()];
    expect(names('busybox')).toEqual(expect.arrayContaining(['sh', 'ash', 'wget', 'nslookup', 'ping', 'cat']));
    expect(names('busybox')).not.toContain('curl');
    expect(names('alpine')).not.toContain('bash');
    expect(names('gihyodocker/fundamental:0.1.0')).toEqual(expect.arrayContaining(['bash', 'curl', 'dig']));
    expect(names('centos:6')).toEqual(expect.arrayContaining(['bash', 'curl', 'dig', 'ping']));
    expect(names('registry.k8s.io/etcd:3.5.16-0')).toEqual([]);
    expect(programPaths(entry('busybox')).get('wget')).toBe('/bin');
    expect(programPaths(entry('centos:7')).get('curl')).toBe('/usr/bin');
  });

  it('resolves every reference to some entry', () => {
    assertProperty(fc.property(fc.string(), (ref) => !!new ImageCatalog().resolve(ref).spec.base));
  });
});

describe('a user catalogue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-images-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('comes before the built-in entries', () => {
    const user = loadUserImages(file('ok.yaml', 'images:\n  - match: ["nginx:1.2*"]\n    base: alpine\n    servers: [{port: 8080, response: {body: hi}}]\n'));
    const c = new ImageCatalog(user);
    expect(c.resolve('nginx:1.25').spec).toMatchObject({ base: 'alpine', servers: [{ port: 8080, kind: 'static', response: { body: 'hi' } }] });
    expect(c.resolve('nginx:1.19').spec).toMatchObject({ base: 'debian' });
    expect(c.resolve('nginx:latest').spec.base).toBe('debian');
    expect(loadUserImages(undefined)).toEqual([]);
  });

  it('names the file and the field of every mistake', () => {
    const cases: [string, string][] = [
      ['images: 3\n', 'images: must be a list'],
      ['images:\n  - base: debian\n', 'images[0].match: required'],
      ['images:\n  - match: x\n    base: windows\n', 'images[0].base: must be one of debian, ubuntu, centos6, centos7, alpine, busybox, distroless'],
      ['images:\n  - match: x\n    colour: red\n', 'images[0].colour: unknown field'],
      ['images:\n  - match: x\n    files: {etc/x: y}\n', 'images[0].files.etc/x: paths must be absolute'],
      ['images:\n  - match: x\n    servers: [{port: 70000, kind: nginx}]\n', 'images[0].servers[0].port: must be between 1 and 65535'],
      ['images:\n  - match: x\n    dig: "8"\n', 'images[0].dig: must be one of 9.8, 9.11, 9.16, 9.18'],
      ['images:\n  - match: x\n    servers: [{port: 80, response: {status: 999}}]\n', 'images[0].servers[0].response.status: must be an HTTP status'],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const p = file(`bad${i}.yaml`, text);
      expect(() => loadUserImages(p)).toThrow(ImageCatalogError);
      expect(() => loadUserImages(p)).toThrow(`image catalogue ${p}: ${message}`);
    }
    expect(() => loadUserImages(join(dir, 'missing.yaml'))).toThrow(`image catalogue ${join(dir, 'missing.yaml')}: cannot read it (ENOENT)`);
  });
});
