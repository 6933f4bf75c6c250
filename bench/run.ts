import { appendThroughput } from './append-throughput.bench';
import { caseQueueBench } from './case-queue.bench';
import { registerOverHttp } from './register-over-http.bench';

/**
 * `./kinship bench`: the figures issue #2 asks for. A benchmark, not a test: it prints what it measured against
 * the targets and never fails a build. `--quick` runs a smaller load for a smoke check.
 */
async function main() {
  const quick = process.argv.includes('--quick');
  console.log(`Kinship benchmarks on ${require('node:os').cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}\n`);

  const append = await appendThroughput(quick ? 5_000 : 50_000);
  console.log(`SQLite single-event append: ${append.eventsPerSecond} events/s over ${append.events} appends (target >= 10,000)`);

  const http = await registerOverHttp({ durationSeconds: quick ? 5 : 20, connections: 16, totalRegistrations: quick ? 10_000 : 100_000 });
  console.log(
    `Register resident over HTTP (all-in-one process, 16 connections): ${http.commandsPerSecond} commands/s, ` +
      `p50 ${http.p50Ms} ms, p97.5 ${http.p97_5Ms} ms, p99 ${http.p99Ms} ms over ${http.requests} requests ` +
      `(${http.non2xx} non-2xx, ${http.errors} errors) (target >= 1,500/s, p99 <= 30 ms)`,
  );
  console.log(`All-in-one resident memory after ${http.registrations} registrations: ${http.rssAfterMiB} MiB`);

  console.log(await caseQueueBench());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
