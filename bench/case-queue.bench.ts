import { CASE_GROUPS, CaseCategory, CaseEvent, CaseGroup, CATEGORY_GROUPS, DEFAULT_WORKING_CALENDAR, SlaTerms } from '@kinship/contracts';
import { SqliteDocumentStore } from '@kinship/documents';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { createEmbeddedMessaging } from '@kinship/messaging';
import { generateMasterKey, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import {
  CASE_QUEUE,
  CasePage,
  caseQueueProjection,
  CaseQueueService,
  evolvePage,
  openedPage,
  PAGES,
  physicalCollectionName,
  ProjectionRunner,
  QUEUE,
  QueueEntry,
  queueEntryOf,
  ReadYourWrites,
} from '@kinship/projections';
import { SqliteOrgDirectory } from '@kinship/tenancy';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CASES_LOADED = 100_000;
const CENTERS = 3;
const STATIONS_PER_CENTER = 4;
const QUERIES = 2_000;
const CHAIN_QUERIES = 300;
const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;
/** The length of a real description's ciphertext: a sentence or two of Chinese. */
const CIPHERTEXT = `v1.${'A'.repeat(16)}.${'B'.repeat(22)}.${'C'.repeat(160)}`;
const TERMS: SlaTerms = { policyVersion: 1, responseMinutes: 240, resolutionMinutes: 5400, warningRatio: 0.8, reopenWindowDays: 30, calendar: DEFAULT_WORKING_CALENDAR };

/**
 * `caseQueueBench()`: 100,000 cases of 12 stations in 3 chains, two years of history (about a third still open),
 * loaded into a SqliteDocumentStore as the case-queue projection writes them (its own pure `openedPage`,
 * `evolvePage` and `queueEntryOf`, its own indexes, its live collection names); then the station queue, per station
 * and group, SLA-sorted and paged, answered by the read model's query service, timed over 2,000 queries.
 */
export async function caseQueueBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-bench-case-queue-'));
  const random = seeded(20_130_601);
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  const database = new Database(join(dir, 'read-models.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const documents = new SqliteDocumentStore({ database });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey: masterKeyFromConfig(generateMasterKey()) });
  const org = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  const { bus } = createEmbeddedMessaging({ store: events, checkpoints: events.checkpoints, database: events.database, notifications: events });
  let runner: ProjectionRunner | null = null;
  try {
    const stations = await seedOrg(org);
    const projection = caseQueueProjection({ org });
    const live = (logical: string) => physicalCollectionName(CASE_QUEUE, logical, projection.version, 1);
    const pages = await documents.collection<CasePage>(live(PAGES), projection.collections[PAGES]);
    const queue = await documents.collection<QueueEntry>(live(QUEUE), projection.collections[QUEUE]);
    const loadStarted = Date.now();
    const now = Date.now();
    for (let batch = 0; batch < CASES_LOADED; batch += 5_000) {
      database.exec('BEGIN IMMEDIATE');
      for (let i = batch; i < Math.min(batch + 5_000, CASES_LOADED); i += 1) {
        const station = stations[i % stations.length];
        const page = casePage(i, station.id, station.centerId, now, random);
        await queue.upsert(queueEntryOf(page));
        await pages.upsert(page);
      }
      database.exec('COMMIT');
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    runner = new ProjectionRunner({ store: documents, bus, head: events, projections: [projection] });
    await runner.start();
    const service = new CaseQueueService(runner, new PersonalDataCipher(keys), org, new ReadYourWrites(runner, events, { readYourWritesTimeoutMs: 5_000 }));
    const query = () => {
      const station = stations[Math.floor(random() * stations.length)];
      const group = CASE_GROUPS[Math.floor(random() * CASE_GROUPS.length)];
      const page = 1 + Math.floor(random() * 5);
      return service.station(station.id, { filters: { group }, page, pageSize: PAGE_SIZE }, new Date().toISOString());
    };
    for (let i = 0; i < 200; i += 1) await query();
    const timings: number[] = [];
    let listed = 0;
    let total = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const started = process.hrtime.bigint();
      const result = await query();
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      listed += result.items.length;
      total += result.total;
    }
    // The center manager's queue of a whole chain (every group of four stations), for comparison.
    const chainTimings: number[] = [];
    const manager = (centerId: string) => ({ userId: 'bench-manager', role: 'center-manager' as const, orgUnitId: centerId });
    for (let i = 0; i < CHAIN_QUERIES; i += 1) {
      const centerId = `bench-center-${1 + (i % CENTERS)}`;
      const started = process.hrtime.bigint();
      await service.center(manager(centerId), centerId, undefined, { filters: {}, page: 1 + (i % 5), pageSize: PAGE_SIZE }, new Date().toISOString());
      chainTimings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const pct = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(2);
    return (
      `Case queue (per station and group, SLA-sorted, ${PAGE_SIZE} a page) with ${CASES_LOADED.toLocaleString('en')} cases in the store: ` +
      `p50 ${pct(timings, 0.5)} ms, p99 ${pct(timings, 0.99)} ms, max ${pct(timings, 1)} ms over ${QUERIES} queries ` +
      `(about ${Math.round(total / QUERIES)} open cases a queue, ${Math.round(listed / QUERIES)} listed a page; loaded in ${loadSeconds.toFixed(1)} s) (target p99 <= 50 ms); ` +
      `a whole chain's queue: p50 ${pct(chainTimings, 0.5)} ms, p99 ${pct(chainTimings, 0.99)} ms over ${CHAIN_QUERIES} queries`
    );
  } finally {
    await runner?.stop();
    await bus.close();
    await documents.close();
    database.close();
    await events.close();
    await keys.close();
    await org.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedOrg(org: SqliteOrgDirectory): Promise<Array<{ id: string; centerId: string }>> {
  await org.add({ id: 'bench-district', kind: 'district', parentId: null, name: 'Bench district' });
  const stations: Array<{ id: string; centerId: string }> = [];
  for (let c = 1; c <= CENTERS; c += 1) {
    const centerId = `bench-center-${c}`;
    await org.add({ id: centerId, kind: 'center', parentId: 'bench-district', name: `Center ${c}` });
    for (let s = 1; s <= STATIONS_PER_CENTER; s += 1) {
      const id = `${centerId}-station-${s}`;
      await org.add({ id, kind: 'station', parentId: centerId, name: `Station ${c}.${s}` });
      stations.push({ id, centerId });
    }
  }
  return stations;
}

/** One case as the projection would have it after its events: two thirds done, the rest open, in progress or waiting. */
function casePage(i: number, stationId: string, centerId: string, now: number, random: () => number): CasePage {
  const caseId = `case-${String(i).padStart(6, '0')}`;
  const group = CASE_GROUPS[Math.floor(random() * CASE_GROUPS.length)];
  const category = categoryOf(group, random);
  const openedMs = now - Math.floor(random() * 730 * DAY_MS);
  const at = (offsetMs: number) => new Date(openedMs + offsetMs).toISOString();
  const opened: CaseEvent = {
    type: 'cases.case-opened',
    data: {
      caseId,
      stationId,
      residentIds: [`resident-${i}`],
      group,
      category,
      priority: random() < 0.1 ? 'urgent' : 'normal',
      channel: 'walk-in',
      consentScope: [],
      description: CIPHERTEXT,
      terms: TERMS,
      at: at(0),
    },
  };
  const later: CaseEvent[] = [];
  const fate = random();
  if (fate < 0.8) later.push({ type: 'cases.case-assigned', data: { caseId, assignee: { userId: `worker-${i % 7}`, kind: 'worker' }, previousAssigneeId: null, at: at(3_600_000) } });
  if (fate < 0.65) {
    later.push({ type: 'cases.case-resolved', data: { caseId, outcome: 'resolved', at: at(3 * DAY_MS) } });
    later.push({ type: 'cases.feedback-recorded', data: { caseId, feedback: { kind: 'rated', satisfaction: 4 }, at: at(4 * DAY_MS) } });
    later.push({ type: 'cases.case-closed', data: { caseId, at: at(4 * DAY_MS) } });
  } else if (fate < 0.72) {
    later.push({ type: 'cases.information-requested', data: { caseId, requestId: `q-${i}`, what: CIPHERTEXT, at: at(2 * DAY_MS) } });
  }
  const streamId = `case-${stationId}-${caseId}`;
  return later.reduce(evolvePage, openedPage(streamId, opened as Extract<CaseEvent, { type: 'cases.case-opened' }>, centerId));
}

function categoryOf(group: CaseGroup, random: () => number): CaseCategory {
  const fitting = (Object.keys(CATEGORY_GROUPS) as CaseCategory[]).filter((c) => CATEGORY_GROUPS[c].includes(group));
  return fitting[Math.floor(random() * fitting.length)];
}

/** A small seeded generator (mulberry32), so every run loads the same cases. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
