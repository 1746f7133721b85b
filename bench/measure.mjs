// Runs kctl in this process and reports its peak resident set size on stderr, for the benchmark.
import { createRequire } from 'node:module';

process.on('exit', () => process.stderr.write(`KCTL_BENCH_MAXRSS=${process.resourceUsage().maxRSS}\n`));
// KCTL_BENCH_KCTL: another build's bin/kctl, to compare (bench/steps.mjs).
const kctl = process.env.KCTL_BENCH_KCTL ?? new URL('../bin/kctl', import.meta.url).pathname;
process.argv = [process.argv[0], kctl, ...process.argv.slice(2)];
createRequire(import.meta.url)(kctl);
