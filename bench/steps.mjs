// A Deployment scaled from 10,000 to 100,000 replicas in steps of 10,000 on 200 nodes (22,000
// pods run, the rest stay Pending): each step is `kctl scale` repeated until the ReplicaSet has
// every pod, which takes one command where a command may create any number of pods and several
// where it works a budget per command. Used by bench/run.mjs; on its own
// (`node bench/steps.mjs [path/to/kctl]`) it prints the figures as JSON, for comparing builds.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MEASURE = fileURLToPath(new URL('./measure.mjs', import.meta.url));

/** Runs the steps with the kctl at `kctl` (bench/measure.mjs runs it in-process for its peak RSS). */
export function scaleSteps(kctl, { from = 10000, to = 100000, step = 10000, nodes = 200 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-steps-'));
  const env = { ...process.env, KCTL_STATE: join(dir, 'state.json'), KCTL_SEED: '42', NO_COLOR: '1', KCTL_BENCH_KCTL: kctl };
  const run = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [MEASURE, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`kctl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const figure = (name) => Number(new RegExp(`${name}=([\\d.]+)`).exec(r.stderr)?.[1] ?? 0);
    return { ms, cpuMs: figure('KCTL_BENCH_CPUMS'), rssMiB: figure('KCTL_BENCH_MAXRSS') / 1024, stdout: r.stdout };
  };
  const podsOf = () => Number(run(['get', 'deployment', 'big', '-o', 'jsonpath={.status.replicas}']).stdout || 0);
  try {
    run(['cluster', 'reset', '--nodes', String(nodes)]);
    run(['create', 'deployment', 'big', '--image=amsy810/echo-nginx:v2.0', '--replicas=1']);
    run(['create', 'service', 'clusterip', 'big', '--tcp=8080:80']);
    const reach = (n) => {
      const s = { replicas: n, commands: 0, ms: 0, cpuMs: 0, maxCommandMs: 0, peakRssMiB: 0 };
      do {
        const r = run(['scale', 'deployment', 'big', `--replicas=${n}`]);
        s.commands++;
        s.ms += r.ms;
        s.cpuMs += r.cpuMs;
        s.maxCommandMs = Math.max(s.maxCommandMs, r.ms);
        s.peakRssMiB = Math.max(s.peakRssMiB, r.rssMiB);
      } while (podsOf() < n);
      return s;
    };
    const start = reach(from);
    const steps = [];
    for (let n = from + step; n <= to; n += step) steps.push(reach(n));
    return { nodes, start, steps, totalMs: steps.reduce((t, s) => t + s.ms, 0), totalCpuMs: steps.reduce((t, s) => t + s.cpuMs, 0), stateMiB: statSync(env.KCTL_STATE).size / 1048576 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kctl = process.argv[2] ?? fileURLToPath(new URL('../bin/kctl', import.meta.url));
  console.log(JSON.stringify(scaleSteps(kctl), null, 2));
}
