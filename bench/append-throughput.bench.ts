import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Single-event appends to the SQLite store, one append per command as command handling does them, from `writers`
 * concurrent callers (1: strictly one after the other). An append is acknowledged only once the log is synced to disk
 * (ADR 0014), so a lone writer waits for one fsync per event while concurrent writers share them, as the requests of a
 * busy station do.
 */
export async function appendThroughput(events: number, writers = 1): Promise<{ eventsPerSecond: number; events: number; writers: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-bench-append-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  const metadata = { correlationId: 'bench', causationId: null, actor: { userId: 'bench', role: 'station-staff' as const }, source: 'bench' };
  const event = (i: number) => ({
    id: uuidv7(),
    type: 'registry.resident-moved-out',
    schemaVersion: 1,
    tenantId: 'guangrui-1',
    occurredAt: new Date().toISOString(),
    data: { residentId: `r-${i}`, movedOutOn: '2026-11-20', reason: 'returned home' },
    metadata,
  });
  try {
    // Warm up statement caches and the WAL before timing.
    for (let i = 0; i < 1000; i += 1) await store.append(`resident-guangrui-1-warm${i}`, [event(i)], { expectedVersion: 'no-stream' });
    const started = process.hrtime.bigint();
    let next = 0;
    const writer = async () => {
      for (let i = next++; i < events; i = next++) {
        await store.append(`resident-guangrui-1-r${i}`, [event(i)], { expectedVersion: 'no-stream' });
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { eventsPerSecond: Math.round(events / seconds), events, writers };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
