// -f on dangling symbolic links and link loops: kubectl's messages (checked against kubectl
// v1.32), never Node's ENOENT/ELOOP, and the state file untouched.

import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('apply -f on broken symbolic links', () => {
  const sb = new Sandbox();
  let state: string;
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    const at = (p: string) => join(sb.dir, p);
    symlinkSync('nowhere.yaml', at('dangling.yaml'));
    symlinkSync('loop-b', at('loop-a'));
    symlinkSync('loop-a', at('loop-b'));
    mkdirSync(at('dir'));
    symlinkSync('../nowhere.yaml', at('dir/a-dangling.yaml'));
    symlinkSync('../loop-a', at('dir/b-loop.json'));
    symlinkSync('../nowhere', at('dir/c-not-a-manifest'));
    sb.file('dir/d-good.yaml', cm('linked-good'));
    mkdirSync(at('real'));
    symlinkSync('real', at('dirlink'));
    state = sb.stateText();
  });
  afterAll(() => sb.cleanup());

  const refuses = (path: string, stderr: string) =>
    it(path, async () => {
      expect(await sb.run(['apply', '-f', path])).toEqual({ code: 1, stdout: '', stderr });
      expect(sb.stateText()).toBe(state);
    });

  refuses('dangling.yaml', 'error: the path "dangling.yaml" does not exist\n');
  refuses('loop-a', 'error: the path "loop-a" cannot be accessed: stat loop-a: too many levels of symbolic links\n');
  refuses('dir/a-dangling.yaml', 'error: the path "dir/a-dangling.yaml" does not exist\n');
  // kubectl walks a path without following links: a link to a directory is opened as a file.
  refuses('dirlink', 'error: error parsing dirlink: read dirlink: is a directory\n');

  it('a directory applies its good files and names each broken link as kubectl does', async () => {
    const r = await sb.run(['apply', '-f', 'dir']);
    expect(r).toEqual({
      code: 1,
      stdout: 'configmap/linked-good created\n',
      stderr: 'open dir/a-dangling.yaml: no such file or directory\nopen dir/b-loop.json: too many levels of symbolic links\n',
    });
  });
});
