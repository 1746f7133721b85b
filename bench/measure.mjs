// Runs kctl in this process and reports its peak resident set size and CPU time on stderr, for
// the benchmark (CPU time moves less than wall time on a machine shared with other work).
import { createRequire } from 'node:module';

process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`KCTL_BENCH_MAXRSS=${u.maxRSS}\nKCTL_BENCH_CPUMS=${(u.userCPUTime + u.systemCPUTime) / 1000}\n`);
});
// KCTL_BENCH_KCTL: another build's bin/kctl, to compare (bench/steps.mjs).
const kctl = process.env.KCTL_BENCH_KCTL ?? new URL('../bin/kctl', import.meta.url).pathname;
process.argv = [process.argv[0], kctl, ...process.argv.slice(2)];
createRequire(import.meta.url)(kctl);
