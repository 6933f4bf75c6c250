import { EventEnvelope, registryUpcasters, Role } from '@kinship/contracts';
import { SqliteDocumentStore } from '@kinship/documents';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { createHttpApp, PROBLEM_CONTENT_TYPE } from '@kinship/http';
import { createEmbeddedMessaging, EmbeddedMessageBus, SqliteDeadLetterStore } from '@kinship/messaging';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { generateMasterKey, KeyedHasher, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { seedGuangruiDistrict, SharedSecretTokenVerifier, sharedSecretFromConfig, SqliteOrgDirectory, TenancyModule, TokenIssuer } from '@kinship/tenancy';
import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerageModule } from '../brokerage.module';
import { addMonths, IsoDate, Month, monthOf, stationDate } from '../domain/calendar';
import { BrokerageReactions } from '../reactions/brokerage-reactions';

/**
 * The brokerage served the way the platform serves it: `createHttpApp`, tenancy's guard with real tokens, and the
 * embedded adapters (SQLite event store and bus, documents, key store, org directory) on files of one temp
 * directory. Other services' modules may be booted beside it, as the embedded platform does. For `*.int-spec.ts`.
 */

/** A second chain of the district, for "another center" cases. */
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
  huishanManager: { role: 'center-manager', org: 'huishan' },
  operator: { role: 'operator', org: 'liangxi' },
  analyst: { role: 'district-analyst', org: 'liangxi' },
} as const satisfies Record<string, { role: Role; org: string }>;

export type Caller = keyof typeof CALLERS;
export type HttpMethod = 'GET' | 'POST' | 'PUT';
export type JsonBody = Record<string, unknown>;

export interface HttpReply<T = JsonBody> {
  status: number;
  contentType: string;
  body: T;
  text: string;
}

export interface BrokerageTestApp {
  readonly app: NestFastifyApplication;
  readonly events: SqliteEventStore;
  readonly documents: SqliteDocumentStore;
  readonly keys: SqliteKeyStore;
  readonly cipher: PersonalDataCipher;
  readonly bus: EmbeddedMessageBus;
  /** The stations' calendar date now, and the month before this one (ended, so it can be closed). */
  readonly today: IsoDate;
  readonly lastMonth: Month;
  /** The bearer token the harness sends for a caller. */
  token(caller: Caller): string;
  request<T = JsonBody>(caller: Caller | null, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>>;
  get<T = JsonBody>(caller: Caller | null, url: string): Promise<HttpReply<T>>;
  post<T = JsonBody>(caller: Caller | null, url: string, body?: unknown): Promise<HttpReply<T>>;
  /** Posts and fails the test unless the answer has `status` (201 by default); returns the body. */
  ok<T = JsonBody>(caller: Caller, url: string, body?: unknown, status?: number): Promise<T>;
  headPosition(): Promise<number>;
  stream(streamId: string): Promise<EventEnvelope[]>;
  /** A resident the registry knows: their data key exists, as the registry made it when it registered them. */
  newResident(): Promise<string>;
  /** Resolves once the brokerage's reactions have handled everything appended so far. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface BrokerageTestAppOptions {
  /** Other services' modules to boot beside the brokerage (the registry, volunteering, projections). */
  imports?: ModuleMetadata['imports'];
}

export async function startBrokerageTestApp(options: BrokerageTestAppOptions = {}): Promise<BrokerageTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-brokerage-'));
  const masterKey = masterKeyFromConfig(generateMasterKey());
  const secret = sharedSecretFromConfig(randomBytes(33).toString('base64url'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), upcasters: registryUpcasters });
  const { bus, deadLetters } = createEmbeddedMessaging({
    store: events,
    checkpoints: events.checkpoints,
    database: events.database,
    notifications: events,
    pollIntervalMs: 5,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
  });
  const documents = new SqliteDocumentStore({ filename: join(dir, 'read-models.sqlite') });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey });
  const cipher = new PersonalDataCipher(keys);
  const hasher = new KeyedHasher(masterKey);
  const directory = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  await seedGuangruiDistrict(directory);
  for (const unit of HUISHAN) await directory.add({ ...unit });

  const app = await createHttpApp(rootModule(infrastructure(events, bus, deadLetters, documents, keys, cipher, hasher), directory, secret, options), {
    logger: createLogger({ name: 'brokerage-int-spec', level: process.env['KINSHIP_TEST_LOG_LEVEL'] ?? 'silent' }),
    title: 'Kinship brokerage (test)',
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

  const request = async <T = JsonBody>(caller: Caller | null, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>> => {
    const headers: Record<string, string> = caller === null ? {} : { authorization: `Bearer ${tokens.get(caller)}` };
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    const contentType = String(response.headers['content-type'] ?? '');
    const isJson = contentType.startsWith('application/json') || contentType.startsWith(PROBLEM_CONTENT_TYPE);
    return { status: response.statusCode, contentType, body: (isJson && response.body !== '' ? response.json() : {}) as T, text: response.body };
  };
  const today = stationDate(new Date().toISOString());
  const reactions = app.get(BrokerageReactions);

  return {
    app,
    events,
    documents,
    keys,
    cipher,
    bus,
    today,
    lastMonth: addMonths(monthOf(today), -1),
    token: (caller) => tokens.get(caller) as string,
    request,
    get: (caller, url) => request(caller, 'GET', url),
    post: (caller, url, body) => request(caller, 'POST', url, body ?? {}),
    async ok<T>(caller: Caller, url: string, body?: unknown, status = 201): Promise<T> {
      const reply = await request<T>(caller, 'POST', url, body ?? {});
      if (reply.status !== status) throw new Error(`POST ${url} answered ${reply.status}, not ${status}: ${reply.text}`);
      return reply.body;
    },
    headPosition: () => events.headPosition(),
    stream: (streamId) => events.readStream(streamId),
    async newResident() {
      const residentId = crypto.randomUUID();
      await keys.getOrCreateKey(residentId);
      return residentId;
    },
    settled: () => reactions.settled(5000),
    async close() {
      await app.close();
      await bus.close();
      await documents.close();
      await events.close();
      await keys.close();
      await directory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function infrastructure(...adapters: [SqliteEventStore, EmbeddedMessageBus, SqliteDeadLetterStore, SqliteDocumentStore, SqliteKeyStore, PersonalDataCipher, KeyedHasher]) {
  const [events, bus, deadLetters, documents, keys, cipher, hasher] = adapters;
  @Global()
  @Module({})
  class TestInfrastructureModule {
    static forRoot(): DynamicModule {
      const providers = [
        { provide: 'EventStore', useValue: events },
        { provide: 'MessageBus', useValue: bus },
        { provide: 'DeadLetterStore', useValue: deadLetters },
        { provide: 'DocumentStore', useValue: documents },
        { provide: 'KeyStore', useValue: keys },
        { provide: 'PersonalDataCipher', useValue: cipher },
        { provide: 'KeyedHasher', useValue: hasher },
      ];
      return { module: TestInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
    }
  }
  return TestInfrastructureModule.forRoot();
}

function rootModule(infra: DynamicModule, directory: SqliteOrgDirectory, secret: Uint8Array, options: BrokerageTestAppOptions) {
  @Module({
    imports: [
      infra,
      TenancyModule.forRoot({ directory, verifier: new SharedSecretTokenVerifier({ secret }) }),
      BrokerageModule.forRoot({ reactionsCatchUpTimeoutMs: 3000 }),
      ...(options.imports ?? []),
    ],
  })
  class BrokerageTestRootModule {}
  return BrokerageTestRootModule;
}
