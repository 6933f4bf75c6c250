import { cpus } from 'node:os';
import { appendThroughput } from './append-throughput.bench';
import { caseQueueBench } from './case-queue.bench';
import { directoryRebuildBench } from './directory-rebuild.bench';
import { kafkaLatencyBench } from './kafka-latency.bench';
import { kafkaRelayBench } from './kafka-relay.bench';
import { postgresAppendBench } from './postgres-append.bench';
import { rebuildAllBench } from './rebuild-all.bench';
import { registerOverHttp } from './register-over-http.bench';

/**
 * `./kinship bench`: the figures the issues ask for. Benchmarks, not tests: they print what they measured beside the
 * targets and never fail a build. `--quick` runs smaller loads; `--only NAME[,NAME]` runs some of them (append, http,
 * cases, postgres, kafka, latency, rebuild, rebuild-all). The engine benchmarks use the KINSHIP_TEST_* URLs, which `./kinship bench` sets
 * from deploy/local when they are not given.
 */
async function main() {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const line = (text: string) => console.log(text);
  line(`Kinship benchmarks on ${cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}\n`);

  if (wanted('append')) {
    const sequential = await appendThroughput(quick ? 2_000 : 10_000, 1);
    line(`SQLite single-event append, 1 writer (one fsync per acknowledged event): ${sequential.eventsPerSecond} events/s over ${sequential.events} appends`);
    const concurrent = await appendThroughput(quick ? 10_000 : 50_000, 16);
    line(`SQLite single-event append, 16 concurrent writers: ${concurrent.eventsPerSecond} events/s over ${concurrent.events} appends (target >= 10,000)`);
  }
  if (wanted('http')) {
    const http = await registerOverHttp({ durationSeconds: quick ? 5 : 20, connections: 16, totalRegistrations: quick ? 10_000 : 100_000 });
    line(
      `Register resident over HTTP (all-in-one process, 16 connections): ${http.commandsPerSecond} commands/s, ` +
        `p50 ${http.p50Ms} ms, p97.5 ${http.p97_5Ms} ms, p99 ${http.p99Ms} ms over ${http.requests} requests ` +
        `(${http.non2xx} non-2xx, ${http.errors} errors) (target >= 1,500/s, p99 <= 30 ms); ` +
        `the platform spent ${http.platformCpuMsPerCommand} ms of CPU per command`,
    );
    line(`All-in-one resident memory after ${http.registrations} registrations: ${http.rssAfterMiB} MiB`);
  }
  if (wanted('cases')) line(await caseQueueBench());
  const engines = {
    postgres: process.env['KINSHIP_TEST_POSTGRES_URL'],
    kafka: process.env['KINSHIP_TEST_KAFKA_BROKERS'],
    mongodb: process.env['KINSHIP_TEST_MONGODB_URL'],
  };
  if (wanted('postgres')) line(engines.postgres ? await postgresAppendBench(engines.postgres) : 'PostgreSQL append vs Emmett: skipped, KINSHIP_TEST_POSTGRES_URL not set');
  if (wanted('kafka')) line(engines.kafka ? await kafkaRelayBench(engines.kafka) : 'Kafka relay: skipped, KINSHIP_TEST_KAFKA_BROKERS not set');
  if (wanted('latency')) line(await kafkaLatencyBench(quick ? { durationSeconds: 5 } : {}));
  if (wanted('rebuild-all')) {
    // Quick: the history's first two and a half years; else all of it (told once, then kept under tmp/bench-history).
    const rebuild = await rebuildAllBench(quick ? { until: '2006-12' } : {});
    line(
      `Rebuild of every read model on the embedded SQLite store: ${rebuild.eventsPerSecond} events/s ` +
        `(${rebuild.events} events of the simulated history in ${rebuild.seconds} s; the platform spent ` +
        `${rebuild.platformCpuUsPerEvent} µs of CPU per event) (target >= 20,000 events/s)` +
        (rebuild.historySeconds === null ? '' : `; telling the history first took ${rebuild.historySeconds} s`),
    );
    line(`  switched after: ${Object.entries(rebuild.byProjection).map(([name, s]) => `${name} ${s} s`).join(', ')}`);
  }
  if (wanted('rebuild')) {
    line(
      engines.mongodb
        ? await directoryRebuildBench(engines.mongodb, quick ? { residents: 1_000, budgetSeconds: 60 } : {})
        : 'Directory rebuild into MongoDB: skipped, KINSHIP_TEST_MONGODB_URL not set',
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
