// Preloaded by dev/bench.js: prints this process's peak memory and CPU time when it exits.
process.on("exit", () => {
  const u = process.resourceUsage();
  const cpu = (u.userCPUTime + u.systemCPUTime) / 1000;
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${u.maxRSS}\nBENCH_CPU_MS=${cpu.toFixed(0)}\n`);
});
