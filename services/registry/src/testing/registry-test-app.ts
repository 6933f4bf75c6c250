import { EventEnvelope, registryStreams, registryUpcasters, Role } from '@kinship/contracts';
import { EventStore, SqliteEventStore } from '@kinship/eventsourcing';
import { createHttpApp, PROBLEM_CONTENT_TYPE } from '@kinship/http';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import {
  generateMasterKey,
  generateResidentIdNumber,
  KeyedHasher,
  masterKeyFromConfig,
  PersonalDataCipher,
  Sex,
  SqliteKeyStore,
} from '@kinship/privacy';
import { seedGuangruiDistrict, SharedSecretTokenVerifier, sharedSecretFromConfig, SqliteOrgDirectory, TokenIssuer, TenancyModule } from '@kinship/tenancy';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, FIELD_CIPHER, KEY_STORE, KEYED_HASHER } from '../application/registry.tokens';
import { addDays, addYears, IsoDate, stationDate } from '../permit/calendar-date';
import { RegistryModule } from '../registry.module';

/**
 * A registry served the way the platform serves it: `createHttpApp`, tenancy's guard with real tokens, and
 * the embedded adapters (SQLite event store, key store and org directory) on files of one temp directory.
 * For `*.int-spec.ts` only.
 */

/** The callers the specs act as, one per role and org unit of the Guangrui pilot chain. */
export const CALLERS = {
  staffGuangrui1: { role: 'station-staff', org: 'guangrui-1' },
  leadGuangrui1: { role: 'station-lead', org: 'guangrui-1' },
  staffGuangyi: { role: 'station-staff', org: 'guangyi' },
  leadGuangyi: { role: 'station-lead', org: 'guangyi' },
  centerManager: { role: 'center-manager', org: 'guangrui' },
  operator: { role: 'operator', org: 'liangxi' },
  analyst: { role: 'district-analyst', org: 'liangxi' },
} as const satisfies Record<string, { role: Role; org: string }>;

export type Caller = keyof typeof CALLERS;

/** Who sends a request: a known caller, a raw `Authorization` header value, or nobody (no header). */
export type Sender = Caller | { authorization: string } | null;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A JSON body as the specs read it: loosely typed, so tests can reach into it and assert. */
export type JsonBody = Record<string, unknown>;

export interface HttpReply<T = JsonBody> {
  status: number;
  contentType: string;
  body: T;
  /** The raw response text, to prove what a response does not contain. */
  text: string;
}

export interface Identity {
  name: string;
  idNumber: string;
  birthDate: IsoDate;
  sex: Sex;
}

export interface RegisteredResident extends Identity {
  residentId: string;
  stationId: string;
  streamVersion: number;
  position: number;
}

export interface RegistryTestApp {
  readonly app: NestFastifyApplication;
  /** The temp directory holding every SQLite file of this app. */
  readonly dir: string;
  readonly events: SqliteEventStore;
  readonly keys: SqliteKeyStore;
  readonly hasher: KeyedHasher;
  /** The station's calendar date now, as the registry sees it. */
  readonly today: IsoDate;
  /** The bearer token the harness sends for a caller. */
  token(caller: Caller): string;
  request<T = JsonBody>(sender: Sender, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>>;
  get<T = JsonBody>(sender: Sender, url: string): Promise<HttpReply<T>>;
  post<T = JsonBody>(sender: Sender, url: string, body?: unknown): Promise<HttpReply<T>>;
  /** A fresh person: a unique name and a valid ID number whose birth date and sex the form repeats. */
  newIdentity(sex?: Sex): Identity;
  /** A valid registration form for `identity`, with `overrides` merged over it. */
  registrationForm(identity: Identity, overrides?: JsonBody): JsonBody;
  /** Registers a new person at the station and returns them; fails the test unless the answer is 201. */
  register(stationId: string, options?: { caller?: Caller; identity?: Identity; form?: JsonBody }): Promise<RegisteredResident>;
  headPosition(): Promise<number>;
  residentStream(stationId: string, residentId: string): Promise<EventEnvelope[]>;
  idNumberClaimStream(idNumber: string): Promise<EventEnvelope[]>;
  /** Every file of the temp directory (databases, -wal, -shm, journals) as bytes. */
  filesOnDisk(): Array<{ file: string; bytes: Buffer }>;
  close(): Promise<void>;
}

export const DISTRICT_ID = 'liangxi';

const REGION_CODE = '341202';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN_NAMES = ['秀英', '建国', '丽娟', '志强', '海燕', '晓东', '桂兰', '文斌', '春梅', '国庆', '玉珍', '永康'];

@Global()
@Module({})
class TestInfrastructureModule {
  static forRoot(infra: { events: EventStore; cipher: PersonalDataCipher; hasher: KeyedHasher; keys: SqliteKeyStore }): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: infra.events },
      { provide: FIELD_CIPHER, useValue: infra.cipher },
      { provide: KEYED_HASHER, useValue: infra.hasher },
      { provide: KEY_STORE, useValue: infra.keys },
    ];
    return { module: TestInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export interface RegistryTestAppOptions {
  /**
   * Make every event-store call yield to the event loop first, as the network adapters (PostgreSQL, KurrentDB)
   * do. The SQLite driver is synchronous, so without this a request runs from load to append in one go and
   * concurrent requests never interleave.
   */
  storeYields?: boolean;
}

export async function startRegistryTestApp(options: RegistryTestAppOptions = {}): Promise<RegistryTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-registry-'));
  const masterKey = masterKeyFromConfig(generateMasterKey());
  const secret = sharedSecretFromConfig(randomBytes(33).toString('base64url'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), upcasters: registryUpcasters });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey });
  const cipher = new PersonalDataCipher(keys);
  const hasher = new KeyedHasher(masterKey);
  const directory = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  await seedGuangruiDistrict(directory);

  @Module({
    imports: [
      TestInfrastructureModule.forRoot({ events: options.storeYields ? new YieldingEventStore(events) : events, cipher, hasher, keys }),
      TenancyModule.forRoot({ directory, verifier: new SharedSecretTokenVerifier({ secret }) }),
      RegistryModule.forRoot({ districtId: DISTRICT_ID }),
    ],
  })
  class RegistryTestRootModule {}

  const app = await createHttpApp(RegistryTestRootModule, {
    logger: createLogger({ name: 'registry-int-spec', level: process.env['KINSHIP_TEST_LOG_LEVEL'] ?? 'silent' }),
    title: 'Kinship registry (test)',
    version: '0.0.0',
    metrics: new Metrics(),
    health: new HealthRegistry(),
    shutdownHooks: false,
  });
  await app.getHttpAdapter().getInstance().ready();

  const issuer = new TokenIssuer({ secret });
  const tokens = new Map<Caller, string>();
  for (const [caller, { role, org }] of Object.entries(CALLERS) as Array<[Caller, (typeof CALLERS)[Caller]]>) {
    tokens.set(caller, await issuer.issueDevToken({ sub: `user-${caller}`, role, org }, '1h'));
  }

  let people = 0;
  const today = stationDate(new Date().toISOString());

  const request = async <T = JsonBody>(sender: Sender, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>> => {
    const headers: Record<string, string> = {};
    if (sender !== null) headers['authorization'] = typeof sender === 'string' ? `Bearer ${tokens.get(sender)}` : sender.authorization;
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    const contentType = String(response.headers['content-type'] ?? '');
    const isJson = contentType.startsWith('application/json') || contentType.startsWith(PROBLEM_CONTENT_TYPE);
    return { status: response.statusCode, contentType, body: (isJson && response.body !== '' ? response.json() : {}) as T, text: response.body };
  };

  const newIdentity = (sex: Sex = people % 2 === 0 ? 'female' : 'male'): Identity => {
    const n = people;
    people += 1;
    // Spread over birth dates so the per-date sequence of the ID number never runs out.
    const birthDate = addDays('1975-01-01', n * 37);
    return {
      name: `${SURNAMES[n % SURNAMES.length]}${GIVEN_NAMES[Math.floor(n / SURNAMES.length) % GIVEN_NAMES.length]}${n >= 120 ? n : ''}`,
      idNumber: generateResidentIdNumber(REGION_CODE, birthDate, n % 500, sex),
      birthDate,
      sex,
    };
  };

  const registrationForm = (identity: Identity, overrides: JsonBody = {}): JsonBody => ({
    name: identity.name,
    sex: identity.sex,
    birthDate: identity.birthDate,
    idNumber: identity.idNumber,
    phone: '13812345678',
    origin: { province: '安徽省', city: '阜阳市' },
    arrivalDate: addDays(today, -30),
    address: { compound: '广瑞一村', building: '12', unit: '2', room: '301' },
    employer: '无锡某电子厂',
    occupation: 'assembly worker',
    childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
    consent: { given: true, scope: ['registry', 'services'] },
    ...overrides,
  });

  const testApp: RegistryTestApp = {
    app,
    dir,
    events,
    keys,
    hasher,
    today,
    token: (caller) => tokens.get(caller) as string,
    request,
    get: (sender, url) => request(sender, 'GET', url),
    post: (sender, url, body) => request(sender, 'POST', url, body ?? {}),
    newIdentity,
    registrationForm,
    async register(stationId, options = {}) {
      const identity = options.identity ?? newIdentity();
      const form = options.form ?? registrationForm(identity);
      const caller = options.caller ?? (stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1');
      const reply = await request<{ residentId: string; streamVersion: number; position: number }>(caller, 'POST', `/stations/${stationId}/residents`, form);
      if (reply.status !== 201) throw new Error(`Registration at ${stationId} answered ${reply.status}: ${reply.text}`);
      return { ...identity, stationId, ...reply.body };
    },
    headPosition: () => events.headPosition(),
    residentStream: (stationId, residentId) => events.readStream(registryStreams.resident(stationId, residentId)),
    idNumberClaimStream: (idNumber) => events.readStream(registryStreams.idNumberClaim(DISTRICT_ID, hasher.hashIdNumber(idNumber))),
    filesOnDisk: () => listFiles(dir).map((file) => ({ file, bytes: readFileSync(file) })),
    async close() {
      await app.close();
      await events.close();
      await keys.close();
      await directory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** A date `years` years and `days` days from the station's today (negative for the past). */
export function dateFrom(today: IsoDate, { years = 0, days = 0 }: { years?: number; days?: number }): IsoDate {
  return addDays(addYears(today, years), days);
}

/** The SQLite store, reached the way a store across the network is: every call resumes on a later turn. */
class YieldingEventStore implements EventStore {
  constructor(private readonly store: SqliteEventStore) {}

  async append(...args: Parameters<EventStore['append']>) {
    await nextTurn();
    return this.store.append(...args);
  }

  async readStream(...args: Parameters<EventStore['readStream']>) {
    await nextTurn();
    return this.store.readStream(...args);
  }

  async readAll(...args: Parameters<EventStore['readAll']>) {
    await nextTurn();
    return this.store.readAll(...args);
  }

  headPosition() {
    return this.store.headPosition();
  }

  close() {
    return this.store.close();
  }
}

/** One to four turns of the event loop, at random, so concurrent requests overtake each other in every order. */
async function nextTurn(): Promise<void> {
  const turns = 1 + Math.floor(Math.random() * 4);
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
