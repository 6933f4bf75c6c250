import { NewEvent, registryStreams, registryUpcasters, ResidentRegistered } from '@kinship/contracts';
import { MongoDocumentStore } from '@kinship/documents';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { createEmbeddedMessaging } from '@kinship/messaging';
import { generateResidentIdNumber, KeyedHasher, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { ProjectionRunner, RESIDENT_DIRECTORY, RESIDENTS, residentDirectoryProjection } from '@kinship/projections';
import { GUANGRUI_ORG_UNITS, SqliteOrgDirectory } from '@kinship/tenancy';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mongoose';

const MASTER_KEY = randomBytes(32);
const STATIONS = GUANGRUI_ORG_UNITS.filter((unit) => unit.kind === 'station').map((unit) => unit.id);
const DAY_MS = 86_400_000;

export interface DirectoryRebuildOptions {
  /** Registrations in the log (default 20 000). */
  residents?: number;
  /** The rebuild stops here if it has not caught up, and reports the rate it reached (default 120 s). */
  budgetSeconds?: number;
}

/**
 * Rebuild speed of the resident directory into MongoDB (DESIGN §4: read models are rebuilt from events):
 * registrations in a SQLite event store, then the directory projection run over a `MongoDocumentStore`
 * from position 0 until it has caught up (or the time budget runs out). Returns the line to print.
 */
export async function directoryRebuildBench(mongoUrl: string, options: DirectoryRebuildOptions = {}): Promise<string> {
  const residents = options.residents ?? 20_000;
  const budgetMs = (options.budgetSeconds ?? 120) * 1000;
  const dbName = `kinship_bench_directory_${randomBytes(4).toString('hex')}`;
  const connection = await createConnection(mongoUrl, { dbName, serverSelectionTimeoutMS: 10_000 }).asPromise();
  const dir = mkdtempSync(join(tmpdir(), 'kinship-bench-directory-'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), upcasters: registryUpcasters });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey: MASTER_KEY });
  const org = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  const cipher = new PersonalDataCipher(keys);
  const hasher = new KeyedHasher(MASTER_KEY);
  const { bus } = createEmbeddedMessaging({
    store: events,
    checkpoints: events.checkpoints,
    database: events.database,
    logger: { error: (context, message) => console.error(message, context), warn: () => undefined, info: () => undefined },
  });
  let runner: ProjectionRunner | null = null;
  try {
    for (const unit of GUANGRUI_ORG_UNITS) await org.add({ ...unit });
    for (let i = 0; i < residents; i += 1) await events.append(...(await registration(i, cipher, hasher)));
    const head = await events.headPosition();

    const store = await MongoDocumentStore.open({ connection });
    runner = new ProjectionRunner({
      store,
      bus,
      head: events,
      projections: [residentDirectoryProjection({ cipher, hasher, org })],
    });
    const started = Date.now();
    await runner.start();
    // Sampled every second: a store whose lookups slow down as collections grow shows it in the last window.
    const samples: Array<{ at: number; position: number }> = [{ at: started, position: 0 }];
    for (;;) {
      await sleep(1000);
      const position = (await runner.position(RESIDENT_DIRECTORY)) ?? 0;
      samples.push({ at: Date.now(), position });
      if (position >= head || Date.now() - started >= budgetMs) break;
    }
    const last = samples[samples.length - 1];
    const seconds = (last.at - started) / 1000;
    const window = samples[Math.max(0, samples.length - 11)];
    const lastRate = (last.position - window.position) / ((last.at - window.at) / 1000);

    const caughtUp = last.position >= head;
    const projected = await runner.collection(RESIDENT_DIRECTORY, RESIDENTS).count({});
    if (caughtUp && projected !== residents) throw new Error(`The directory holds ${projected} residents, expected ${residents}`);
    const build = await connection.db?.command({ buildInfo: 1 });
    const server = build?.['ferretdbVersion'] ? `FerretDB ${String(build['ferretdbVersion'])}` : `MongoDB ${String(build?.['version'])}`;
    const count = (n: number) => Math.round(n).toLocaleString('en-US');
    return (
      `Resident directory rebuild into ${server}: ${count(last.position / seconds)} events/s ` +
      (caughtUp
        ? `(${count(head)} registrations in ${seconds.toFixed(1)} s`
        : `(stopped after ${seconds.toFixed(0)} s at ${count(last.position)} of ${count(head)} registrations`) +
      `; ${count(lastRate)} events/s over the last ${((last.at - window.at) / 1000).toFixed(0)} s; embedded bus over SQLite)`
    );
  } finally {
    await runner?.stop();
    await bus.close();
    await connection.db?.dropDatabase().catch(() => undefined);
    await connection.close();
    await events.close();
    await keys.close();
    await org.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One resident's registration, built and checked with the contract as the registry writes it. */
async function registration(
  i: number,
  cipher: PersonalDataCipher,
  hasher: KeyedHasher,
): Promise<Parameters<SqliteEventStore['append']>> {
  const residentId = `res-${i}`;
  const stationId = STATIONS[i % STATIONS.length];
  const birthDate = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 500) * DAY_MS).toISOString().slice(0, 10);
  const idNumber = generateResidentIdNumber('110105', birthDate, i % 500, 'male');
  const personal = {
    name: `居民${i}`,
    idNumber,
    phone: `138${String(i).padStart(8, '0')}`,
    birthDate,
    address: { building: String(1 + (i % 40)), unit: String(1 + (i % 4)), room: String(101 + (i % 600)) },
  };
  const event: NewEvent = {
    id: uuidv7(),
    type: ResidentRegistered.type,
    schemaVersion: ResidentRegistered.schemaVersion,
    tenantId: stationId,
    occurredAt: '2026-03-01T08:00:00.000Z',
    data: ResidentRegistered.schema.parse({
      residentId,
      stationId,
      personal: await cipher.encrypt(residentId, personal),
      idNumberHash: hasher.hashIdNumber(idNumber),
      sex: 'male',
      origin: { province: 'Anhui', city: 'Fuyang' },
      arrivalDate: '2025-03-01',
      compound: `compound-${i % 25}`,
      childrenNeedingSchool: [],
      consent: { given: true, recordedAt: '2025-03-01T08:00:00+08:00', scope: ['registry'] },
    }),
    metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: 'bench', role: 'station-staff' }, source: 'registry' },
  };
  return [registryStreams.resident(stationId, residentId), [event], { expectedVersion: 'no-stream' }];
}
