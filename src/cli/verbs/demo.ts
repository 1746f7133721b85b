// kctl demo: replays one exercise of the books on a throw-away state file, printing each
// command and its output as a terminal session would show them.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

interface Exercise {
  title: string;
  steps: string[][];
}

const PG = 'samples/perfect-guide/ch06';
const JS = 'samples/jissen/ch05';

export const EXERCISES: Record<string, Exercise> = {
  clusterip: {
    title: 'Kubernetes完全ガイド 6章: a ClusterIP Service balancing over three pods',
    steps: [
      ['apply', '-f', `${PG}/sample-deployment.yaml`],
      ['apply', '-f', `${PG}/sample-clusterip.yaml`],
      ['get', 'deployments'],
      ['get', 'pods', '-l', 'app=sample-app', '-o', 'custom-columns=NAME:{metadata.name},IP:{status.podIP}'],
      ['get', 'service', 'sample-clusterip'],
      ['describe', 'service', 'sample-clusterip'],
      ['exec', '@pod0', '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html'],
      ['exec', '@pod1', '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html'],
      ['exec', '@pod2', '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html'],
      ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', 'http://sample-clusterip:8080'],
      ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', 'http://sample-clusterip:8080'],
      ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', 'http://sample-clusterip:8080'],
      ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--', 'dig', 'sample-clusterip.default.svc.cluster.local', '+short'],
    ],
  },
  rollout: {
    title: 'Docker/Kubernetes実践コンテナ開発入門 5章: Deployment revisions and rollback',
    steps: [
      ['apply', '-f', `${JS}/simple-deployment.yaml`, '--record'],
      ['get', 'pod,replicaset,deployment', '--selector', 'app=echo'],
      ['rollout', 'history', 'deployment', 'echo'],
      ['apply', '-f', `${JS}/simple-deployment-4-replicas.yaml`, '--record'],
      ['rollout', 'history', 'deployment', 'echo'],
      ['apply', '-f', `${JS}/simple-deployment-patched.yaml`, '--record'],
      ['get', 'pod,replicaset,deployment', '--selector', 'app=echo'],
      ['rollout', 'history', 'deployment', 'echo'],
      ['rollout', 'undo', 'deployment', 'echo'],
      ['rollout', 'history', 'deployment', 'echo'],
    ],
  },
};

/** The folder holding samples/, found from wherever the bundle lives. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'samples')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new CliError('cannot find the samples folder next to kctl');
}

const demoAction: Action = async (session, args) => {
  const name = args[0] ?? 'clusterip';
  const ex = EXERCISES[name];
  if (!ex) throw new CliError(`unknown exercise "${name}"; one of: ${Object.keys(EXERCISES).join(', ')}`, 'demo');
  const { run } = await import('../root.js');
  const dir = mkdtempSync(join(tmpdir(), 'kctl-demo-'));
  const root = projectRoot();
  const cwd = process.cwd();
  process.chdir(root);
  const env = { ...session.env, KCTL_STATE: join(dir, 'state.json'), KCTL_SEED: session.env.KCTL_SEED ?? '1' };
  const out = session.io;
  out.out(`# ${ex.title}\n# (a throw-away cluster in ${dir})\n\n`);
  try {
    let pods: string[] = [];
    for (const step of ex.steps) {
      const argv = step.map((a) => (/^@pod\d$/.test(a) ? pods[Number(a.slice(4))] ?? a : a));
      out.out(`$ kctl ${argv.map((a) => (/[\s{}*?]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
      const code = await run(argv, { env, io: { ...out, readStdin: async () => '', stdinIsTTY: false } });
      if (code !== 0) out.out(`(exit code ${code})\n`);
      out.out('\n');
      if (argv[0] === 'apply' && !pods.length) {
        let names = '';
        await run(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].metadata.name}'], { env, io: { ...out, out: (s) => (names += s), err: () => undefined, readStdin: async () => '', stdinIsTTY: false } });
        pods = names.split(' ').filter(Boolean);
      }
    }
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
};

export function registerDemo(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('demo')
    .description(`Replay an exercise of the books on a throw-away cluster (${Object.keys(EXERCISES).join(', ')})`)
    .argument('[exercise]')
    .addHelpText('after', `
Examples:
  # The Services chapter's ClusterIP exercise
  kctl demo clusterip

  # The Deployment rollout and rollback exercise
  kctl demo rollout`)
    .action(wrap(demoAction));
}
