import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore, uuidv7 } from '@kinship/eventsourcing';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

const APPENDERS = 16;
const POOL_SIZE = 10;

const metadata = { correlationId: 'bench', causationId: null, actor: { userId: 'bench', role: 'station-staff' as const }, source: 'bench' };
const data = (i: number) => ({ residentId: `r-${i}`, movedOutOn: '2026-11-20', reason: 'returned home' });

/** Runs `appendOne(i)` from `APPENDERS` concurrent loops of `perAppender` each; events per second. */
async function measure(perAppender: number, appendOne: (i: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: APPENDERS }, async (_, appender) => {
      for (let n = 0; n < perAppender; n += 1) await appendOne(appender * perAppender + n);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (APPENDERS * perAppender) / seconds;
}

/**
 * Single-event appends to new streams, 16 concurrent appenders, through our PostgreSQL event store and
 * through Emmett's (`@event-driven-io/emmett-postgresql`), each with a pool of 10 connections, on the
 * same server in the same run. Each runs in a database created for the run (dropped after), rounds
 * alternate so that neither gets a warmer server, and the best round of each counts.
 */
export async function postgresAppendBench(url: string, options: { eventsPerAppender?: number; rounds?: number } = {}): Promise<string> {
  const perAppender = options.eventsPerAppender ?? 500;
  const rounds = options.rounds ?? 3;
  const database = `kinship_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const fsync = (await admin.query<{ fsync: string }>('SHOW fsync')).rows[0].fsync;
  await admin.query(`CREATE DATABASE ${database}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${database}`;

  const ours = new PostgresEventStore({ connectionString: benchUrl.toString(), poolSize: POOL_SIZE });
  // Emmett gets a pool of the same size that the bench owns, so it can be ended before the database is dropped.
  const emmettPool = new Pool({ connectionString: benchUrl.toString(), max: POOL_SIZE });
  emmettPool.on('error', (error) => console.error('Emmett bench pool: an idle connection failed', error));
  const emmett = getPostgreSQLEventStore(benchUrl.toString(), { connectionOptions: { pool: emmettPool } });
  const run = `${process.pid}x${Date.now().toString(36)}`;
  try {
    await ours.migrate();
    await emmett.schema.migrate();
    const appendOurs = (prefix: string) => (i: number) =>
      ours.append(
        `resident-guangrui1-${prefix}${i}`,
        [
          {
            id: uuidv7(),
            type: 'registry.resident-moved-out',
            schemaVersion: 1,
            tenantId: 'guangrui-1',
            occurredAt: new Date().toISOString(),
            data: data(i),
            metadata,
          },
        ],
        { expectedVersion: 'no-stream' },
      );
    const appendEmmett = (prefix: string) => (i: number) =>
      emmett.appendToStream(
        `resident-guangrui1-${prefix}${i}`,
        [{ type: 'registry.resident-moved-out', data: data(i), metadata: { ...metadata, occurredAt: new Date().toISOString() } }],
        { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' },
      );

    // Warm up connections, prepared statements and caches before timing.
    await measure(20, appendOurs(`warm${run}-`));
    await measure(20, appendEmmett(`warm${run}-`));
    const oursRates: number[] = [];
    const emmettRates: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      oursRates.push(await measure(perAppender, appendOurs(`r${round}${run}-`)));
      emmettRates.push(await measure(perAppender, appendEmmett(`r${round}${run}-`)));
    }
    const best = (rates: number[]) => Math.max(...rates);
    const median = (rates: number[]) => [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)];
    const format = (rates: number[]) => rates.map((rate) => Math.round(rate)).join(' / ');
    return (
      `PostgreSQL ${version} (fsync ${fsync}), single-event appends to new streams, ${APPENDERS} concurrent appenders x ` +
      `${perAppender} events, pool of ${POOL_SIZE} each, ${rounds} rounds: ours ${format(oursRates)} events/s, ` +
      `Emmett ${format(emmettRates)} events/s; best ${Math.round(best(oursRates))} vs ${Math.round(best(emmettRates))}: ` +
      `ours/Emmett = ${(best(oursRates) / best(emmettRates)).toFixed(1)}x ` +
      `(median ${(median(oursRates) / median(emmettRates)).toFixed(1)}x) (target >= 1.5x)`
    );
  } finally {
    await ours.close();
    await emmett.close();
    await emmettPool.end();
    // Not FORCE: the pools have just sent their goodbyes, and DROP waits a few seconds for those sessions to end.
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}
