// Runs kctl in this process and reports its peak resident set size on stderr, for the benchmark.
process.on('exit', () => process.stderr.write(`KCTL_BENCH_MAXRSS=${process.resourceUsage().maxRSS}\n`));
process.argv = [process.argv[0], new URL('../bin/kctl', import.meta.url).pathname, ...process.argv.slice(2)];
await import('../dist/kctl.js');
