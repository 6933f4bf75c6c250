import {
  brokerageStreams,
  EventEnvelope,
  NewEvent,
  registryStreams,
  registryUpcasters,
  ResidentPersonalDataErased,
  Role,
  SurplusAllocated,
  Upcasters,
  volunteeringUpcasters,
} from '@kinship/contracts';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { createHttpApp, PROBLEM_CONTENT_TYPE } from '@kinship/http';
import { createEmbeddedMessaging } from '@kinship/messaging';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { generateMasterKey, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { GUANGRUI_ORG_UNITS, SharedSecretTokenVerifier, sharedSecretFromConfig, SqliteOrgDirectory, TenancyModule, TokenIssuer } from '@kinship/tenancy';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, FIELD_CIPHER, KEY_STORE, MESSAGE_BUS } from '../application/volunteering.tokens';
import { VolunteeringReactions } from '../reactions/volunteering-reactions';
import { addDays, IsoDate, stationDate } from '../shared/station-time';
import { VolunteeringModule } from '../volunteering.module';

/**
 * Volunteering served the way the platform serves it: `createHttpApp`, tenancy's guard with real tokens, and the
 * embedded adapters (SQLite event store and bus, key store, org directory) on files of one temp directory, with
 * the reactions subscribed. For `*.int-spec.ts` only.
 */

export const DISTRICT_ID = 'liangxi';

/** A second chain in the district, for "another center" cases. */
const HUISHAN = [
  { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Service Center' },
  { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
] as const;

export const CALLERS = {
  staffGuangrui1: { role: 'station-staff', org: 'guangrui-1' },
  leadGuangrui1: { role: 'station-lead', org: 'guangrui-1' },
  staffGuangyi: { role: 'station-staff', org: 'guangyi' },
  leadGuangyi: { role: 'station-lead', org: 'guangyi' },
  centerManager: { role: 'center-manager', org: 'guangrui' },
  otherCenterManager: { role: 'center-manager', org: 'huishan' },
  operator: { role: 'operator', org: 'liangxi' },
  analyst: { role: 'district-analyst', org: 'liangxi' },
} as const satisfies Record<string, { role: Role; org: string }>;

export type Caller = keyof typeof CALLERS;
/** A known caller, or nobody (no Authorization header). */
export type Sender = Caller | null;
export type HttpMethod = 'GET' | 'POST' | 'PUT';
/** A JSON body as the specs read it: loosely typed, so tests can reach into it and assert. */
export type JsonBody = Record<string, unknown>;

export interface HttpReply<T = JsonBody> {
  status: number;
  contentType: string;
  body: T;
  /** The raw response text, to prove what a response does not contain. */
  text: string;
}

export interface VolunteeringTestApp {
  readonly app: NestFastifyApplication;
  readonly events: SqliteEventStore;
  readonly keys: SqliteKeyStore;
  readonly cipher: PersonalDataCipher;
  /** The bearer token the harness sends for a caller. */
  token(caller: Caller): string;
  /** The station's date of the fixed instant the specs run at. */
  readonly today: IsoDate;
  request<T = JsonBody>(sender: Sender, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>>;
  get<T = JsonBody>(sender: Sender, url: string): Promise<HttpReply<T>>;
  post<T = JsonBody>(sender: Sender, url: string, body?: unknown): Promise<HttpReply<T>>;
  /** Enrols a volunteer at the station (its staff acting) and returns the id; fails unless 201. */
  enrol(stationId: string, body?: JsonBody): Promise<string>;
  /** Schedules an activity with one shift and returns its ids; fails unless 201. */
  schedule(stationId: string, shift: { date: IsoDate; startTime: string; endTime: string; minStaff?: number; maxStaff?: number }): Promise<{ activityId: string; shiftId: string }>;
  /** Pairs a volunteer with a household and returns the pairing id; fails unless 201. */
  pair(stationId: string, volunteerId: string, body?: JsonBody): Promise<string>;
  /** Appends the brokerage's surplus allocation, as the brokerage service does. */
  allocateSurplus(stationId: string, amountFen: number, period?: string): Promise<{ allocationId: string; ledgerEntryId: string; eventId: string }>;
  /** The registry erasing a resident: the event on their stream, then their key. */
  eraseResident(stationId: string, residentId: string): Promise<void>;
  /** Resolves once every reaction has handled everything appended so far. */
  settled(): Promise<void>;
  headPosition(): Promise<number>;
  stream(streamId: string): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

/**
 * The instant the specs run at: a Monday morning at the station (10:00, UTC+8). Date alone is faked and keeps
 * ticking from there, so shifts of "today" have started and "tomorrow" is a real, later day.
 */
export const SPEC_NOW = '2026-06-15T02:00:00.000Z';

/** Freezes the calendar at SPEC_NOW (time still runs); call at the top of a spec file. */
export function runAtSpecNow(): void {
  jest.useFakeTimers({
    now: new Date(SPEC_NOW),
    advanceTimers: true,
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
  });
}

/**
 * Registers the hooks of an int-spec file: the calendar at SPEC_NOW, and one app started before the file's tests
 * and closed after them. The app answers once started (in the file's own `beforeAll` hooks too, which run later).
 */
export function useVolunteeringTestApp(): VolunteeringTestApp {
  runAtSpecNow();
  let started: VolunteeringTestApp | undefined;
  beforeAll(async () => {
    started = await startVolunteeringTestApp();
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as VolunteeringTestApp, {
    get(_target, key) {
      if (!started) throw new Error('The volunteering test app is used before it started');
      const value = Reflect.get(started, key, started);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

@Global()
@Module({})
class TestInfrastructureModule {
  static forRoot(providers: Array<{ provide: string; useValue: unknown }>): DynamicModule {
    return { module: TestInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export async function startVolunteeringTestApp(): Promise<VolunteeringTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-volunteering-'));
  const masterKey = masterKeyFromConfig(generateMasterKey());
  const secret = sharedSecretFromConfig(randomBytes(33).toString('base64url'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), upcasters: Upcasters.merge(registryUpcasters, volunteeringUpcasters) });
  const { bus } = createEmbeddedMessaging({
    store: events,
    checkpoints: events.checkpoints,
    database: events.database,
    notifications: events,
    pollIntervalMs: 5,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
  });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey });
  const cipher = new PersonalDataCipher(keys);
  const directory = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  for (const unit of [...GUANGRUI_ORG_UNITS, ...HUISHAN]) await directory.add({ ...unit });

  @Module({
    imports: [
      TestInfrastructureModule.forRoot([
        { provide: EVENT_STORE, useValue: events },
        { provide: MESSAGE_BUS, useValue: bus },
        { provide: FIELD_CIPHER, useValue: cipher },
        { provide: KEY_STORE, useValue: keys },
      ]),
      TenancyModule.forRoot({ directory, verifier: new SharedSecretTokenVerifier({ secret }) }),
      VolunteeringModule.forRoot({ districtId: DISTRICT_ID }),
    ],
  })
  class VolunteeringTestRootModule {}

  const app = await createHttpApp(VolunteeringTestRootModule, {
    logger: createLogger({ name: 'volunteering-int-spec', level: process.env['KINSHIP_TEST_LOG_LEVEL'] ?? 'silent' }),
    title: 'Kinship volunteering (test)',
    version: '0.0.0',
    metrics: new Metrics(),
    health: new HealthRegistry(),
    shutdownHooks: false,
  });
  await app.getHttpAdapter().getInstance().ready();
  const reactions = app.get(VolunteeringReactions);

  const issuer = new TokenIssuer({ secret });
  const tokens = new Map<Caller, string>();
  for (const [caller, { role, org }] of Object.entries(CALLERS) as Array<[Caller, (typeof CALLERS)[Caller]]>) {
    tokens.set(caller, await issuer.issueDevToken({ sub: `user-${caller}`, role, org }, '1h'));
  }

  const request = async <T = JsonBody>(sender: Sender, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>> => {
    const headers: Record<string, string> = sender === null ? {} : { authorization: `Bearer ${tokens.get(sender)}` };
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    const contentType = String(response.headers['content-type'] ?? '');
    const isJson = contentType.startsWith('application/json') || contentType.startsWith(PROBLEM_CONTENT_TYPE);
    return { status: response.statusCode, contentType, body: (isJson && response.body !== '' ? response.json() : {}) as T, text: response.body };
  };
  const staffOf = (stationId: string): Caller => (stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1');
  const created = (reply: HttpReply, what: string) => {
    if (reply.status !== 201) throw new Error(`${what} answered ${reply.status}: ${reply.text}`);
    return reply.body;
  };
  const appendTo = async (streamId: string, event: Omit<NewEvent, 'id' | 'occurredAt' | 'metadata'>, source: string) => {
    const id = uuidv7();
    const metadata = { correlationId: uuidv7(), causationId: null, actor: { userId: source, role: 'system' as const }, source };
    await events.append(streamId, [{ ...event, id, occurredAt: new Date().toISOString(), metadata }], { expectedVersion: 'any' });
    return id;
  };

  return {
    app,
    events,
    keys,
    cipher,
    token: (caller) => tokens.get(caller) as string,
    today: stationDate(new Date().toISOString()),
    request,
    get: <T = JsonBody>(sender: Sender, url: string) => request<T>(sender, 'GET', url),
    post: <T = JsonBody>(sender: Sender, url: string, body?: unknown) => request<T>(sender, 'POST', url, body ?? {}),
    async enrol(stationId, body = {}) {
      const form = { name: '李志强', phone: '13912345678', skills: ['first-aid'], languages: ['zh'], availability: [{ weekday: 6, part: 'morning' }], ...body };
      return created(await request(staffOf(stationId), 'POST', `/stations/${stationId}/volunteers`, form), 'Enrolment')['volunteerId'] as string;
    },
    async schedule(stationId, shift) {
      const body = { title: 'Community tidy-up', kind: 'environment', location: 'East gate', shifts: [{ minStaff: 1, maxStaff: 3, ...shift }] };
      const reply = created(await request(staffOf(stationId), 'POST', `/stations/${stationId}/activities`, body), 'Scheduling');
      return { activityId: reply['activityId'] as string, shiftId: (reply['shiftIds'] as string[])[0] };
    },
    async pair(stationId, volunteerId, body = {}) {
      const form = { volunteerId, householdId: `hh-${uuidv7()}`, beneficiaryResidentId: `res-${uuidv7()}`, category: 'elderly-living-alone', needs: 'Weekly shopping', ...body };
      return created(await request(staffOf(stationId), 'POST', `/stations/${stationId}/pairings`, form), 'Pairing')['pairingId'] as string;
    },
    async allocateSurplus(stationId, amountFen, period = '2026-05') {
      const allocationId = uuidv7();
      const ledgerEntryId = `ledger-${allocationId}`;
      const data = SurplusAllocated.schema.parse({ allocationId, stationId, period, amountFen, ledgerEntryId });
      const eventId = await appendTo(brokerageStreams.surplus(stationId, allocationId), { type: SurplusAllocated.type, schemaVersion: 1, tenantId: stationId, data }, 'brokerage');
      return { allocationId, ledgerEntryId, eventId };
    },
    async eraseResident(stationId, residentId) {
      const data = ResidentPersonalDataErased.schema.parse({ residentId, requestedBy: 'the resident', reason: 'asked to be forgotten' });
      await appendTo(registryStreams.resident(stationId, residentId), { type: ResidentPersonalDataErased.type, schemaVersion: 1, tenantId: stationId, data }, 'registry');
      await keys.erase(residentId);
    },
    async settled() {
      const head = await events.headPosition();
      await Promise.all(reactions.running().map((consumer) => consumer.waitFor(head, 5000)));
    },
    headPosition: () => events.headPosition(),
    stream: (streamId) => events.readStream(streamId),
    async close() {
      await app.close();
      await bus.close();
      await events.close();
      await keys.close();
      await directory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A date some days from the station's today. */
export function daysFrom(today: IsoDate, days: number): IsoDate {
  return addDays(today, days);
}
