import {
  CaseEvent,
  casesStreams,
  EventContract,
  NewEvent,
  registryStreams,
  ResidentPersonalDataErased,
  ResidentRegistered,
  ResidentTransferredIn,
  ResidentTransferredOut,
  Role,
} from '@kinship/contracts';
import { SqliteDocumentStore } from '@kinship/documents';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { createHttpApp, PROBLEM_CONTENT_TYPE } from '@kinship/http';
import { createEmbeddedMessaging, EmbeddedMessageBus } from '@kinship/messaging';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { generateMasterKey, KeyedHasher, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { seedGuangruiDistrict, SharedSecretTokenVerifier, sharedSecretFromConfig, SqliteOrgDirectory, TenancyModule, TokenIssuer } from '@kinship/tenancy';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { DOCUMENT_STORE, EVENT_STORE, FIELD_CIPHER, KEY_STORE, MESSAGE_BUS } from '../application/case-management.tokens';
import { CaseManagementModule } from '../case-management.module';
import { RegistryReactions } from '../reactions/registry-reactions';
import { SlaSweep } from '../sla/sla-sweep';

/**
 * Case management served the way the platform serves it: `createHttpApp`, tenancy's guard with real tokens, and the
 * embedded adapters (SQLite event store and bus, document store, key store, org directory) on files of one temp
 * directory. The registry is not running: its events are appended as it writes them, following the contracts.
 */

/** A second chain of the same district, for "another center" cases. */
const HUISHAN = [
  { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Service Center' },
  { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
] as const;

export const CALLERS = {
  staffGuangrui1: { role: 'station-staff', org: 'guangrui-1' },
  leadGuangrui1: { role: 'station-lead', org: 'guangrui-1' },
  staffGuangyi: { role: 'station-staff', org: 'guangyi' },
  centerManager: { role: 'center-manager', org: 'guangrui' },
  otherManager: { role: 'center-manager', org: 'huishan' },
  operator: { role: 'operator', org: 'liangxi' },
  analyst: { role: 'district-analyst', org: 'liangxi' },
} as const satisfies Record<string, { role: Role; org: string }>;

export type Caller = keyof typeof CALLERS;
export type JsonBody = Record<string, unknown>;
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface HttpReply<T = JsonBody> {
  status: number;
  contentType: string;
  body: T;
  text: string;
}

export interface CaseManagementTestApp {
  readonly app: NestFastifyApplication;
  readonly events: SqliteEventStore;
  readonly documents: SqliteDocumentStore;
  readonly keys: SqliteKeyStore;
  readonly cipher: PersonalDataCipher;
  readonly bus: EmbeddedMessageBus;
  readonly sweep: SlaSweep;
  readonly reactions: RegistryReactions;
  /** The bearer token the harness sends for a caller. */
  token(caller: Caller): string;
  request<T = JsonBody>(caller: Caller | null, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>>;
  get<T = JsonBody>(caller: Caller | null, url: string): Promise<HttpReply<T>>;
  post<T = JsonBody>(caller: Caller | null, url: string, body?: unknown): Promise<HttpReply<T>>;
  /** Registers a resident at the station, as the registry does; returns the resident id. */
  register(stationId: string): Promise<string>;
  /** Transfers a resident, as the registry does: out at the old station, then in at the new one. */
  transfer(residentId: string, fromStationId: string, toStationId: string): Promise<number>;
  /** Erases a resident, as the registry does: the erasure event, then the resident's key. */
  erase(stationId: string, residentId: string): Promise<number>;
  /** Opens a case (as a station staff member) and returns its id; fails the test unless answered 201. */
  openCase(stationId: string, overrides?: JsonBody): Promise<string>;
  caseEvents(stationId: string, caseId: string): Promise<CaseEvent[]>;
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

@Global()
@Module({})
class TestInfrastructureModule {
  static forRoot(providers: Array<{ provide: string; useValue: unknown }>): DynamicModule {
    return { module: TestInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export async function startCaseManagementTestApp(): Promise<CaseManagementTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-cases-'));
  const masterKey = masterKeyFromConfig(generateMasterKey());
  const secret = sharedSecretFromConfig(randomBytes(33).toString('base64url'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
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
  const documents = new SqliteDocumentStore({ filename: join(dir, 'read-models.sqlite') });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey });
  const cipher = new PersonalDataCipher(keys);
  const hasher = new KeyedHasher(masterKey);
  const directory = new SqliteOrgDirectory(join(dir, 'org.sqlite'));
  await seedGuangruiDistrict(directory);
  for (const unit of HUISHAN) await directory.add({ ...unit });

  @Module({
    imports: [
      TestInfrastructureModule.forRoot([
        { provide: EVENT_STORE, useValue: events },
        { provide: MESSAGE_BUS, useValue: bus },
        { provide: DOCUMENT_STORE, useValue: documents },
        { provide: FIELD_CIPHER, useValue: cipher },
        { provide: KEY_STORE, useValue: keys },
      ]),
      TenancyModule.forRoot({ directory, verifier: new SharedSecretTokenVerifier({ secret }) }),
      CaseManagementModule.forRoot({ slaSweepIntervalMs: 0 }),
    ],
  })
  class CaseManagementTestRootModule {}

  const app = await createHttpApp(CaseManagementTestRootModule, {
    logger: createLogger({ name: 'case-management-int-spec', level: process.env['KINSHIP_TEST_LOG_LEVEL'] ?? 'silent' }),
    title: 'Kinship case management (test)',
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

  const registry = new RegistryEvents(events, cipher, hasher);
  const testApp: CaseManagementTestApp = {
    app,
    events,
    documents,
    keys,
    cipher,
    bus,
    sweep: app.get(SlaSweep),
    reactions: app.get(RegistryReactions),
    token: (caller) => tokens.get(caller) as string,
    request,
    get: (caller, url) => request(caller, 'GET', url),
    post: (caller, url, body) => request(caller, 'POST', url, body ?? {}),
    register: (stationId) => registry.register(stationId),
    transfer: (residentId, from, to) => registry.transfer(residentId, from, to),
    async erase(stationId, residentId) {
      const position = await registry.append(registryStreams.resident(stationId, residentId), ResidentPersonalDataErased, stationId, {
        residentId,
        requestedBy: 'the resident',
        reason: 'asked to be forgotten',
      });
      await keys.erase(residentId);
      return position;
    },
    async openCase(stationId, overrides = {}) {
      const caller: Caller = stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1';
      const reply = await request<{ caseId: string }>(caller, 'POST', `/stations/${stationId}/cases`, {
        residentIds: [await registry.register(stationId)],
        group: 'rights-protection',
        category: 'wage-arrears',
        description: '工地拖欠三个月工资，共计一万二千元',
        channel: 'walk-in',
        consentScope: ['labour-inspection'],
        ...overrides,
      });
      if (reply.status !== 201) throw new Error(`Opening a case at ${stationId} answered ${reply.status}: ${reply.text}`);
      return reply.body.caseId;
    },
    caseEvents: async (stationId, caseId) => (await events.readStream(casesStreams.case(stationId, caseId))) as unknown as CaseEvent[],
    headPosition: () => events.headPosition(),
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
  return testApp;
}

/** Appends registry events the way the registry writes them, checked against the contracts. */
class RegistryEvents {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly events: SqliteEventStore,
    private readonly cipher: PersonalDataCipher,
    private readonly hasher: KeyedHasher,
  ) {}

  async append<S extends z.ZodType>(streamId: string, contract: EventContract<string, S>, tenantId: string, data: z.input<S>): Promise<number> {
    const event: NewEvent = {
      id: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      tenantId,
      occurredAt: new Date().toISOString(),
      data: contract.schema.parse(data),
      metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: 'registry-staff', role: 'station-staff' }, source: 'registry' },
    };
    const result = await this.events.append(streamId, [event], { expectedVersion: this.versions.get(streamId) ?? 'no-stream' });
    this.versions.set(streamId, result.nextExpectedVersion);
    return result.lastPosition;
  }

  async register(stationId: string): Promise<string> {
    const residentId = uuidv7();
    await this.append(registryStreams.resident(stationId, residentId), ResidentRegistered, stationId, {
      residentId,
      stationId,
      ...(await this.identity(residentId)),
      arrivalDate: '2026-01-10',
      compound: '广瑞一村',
      childrenNeedingSchool: [],
      consent: { given: true, recordedAt: '2026-01-10T03:00:00+08:00', scope: ['registry', 'services'] },
    });
    return residentId;
  }

  async transfer(residentId: string, fromStationId: string, toStationId: string): Promise<number> {
    await this.append(registryStreams.resident(fromStationId, residentId), ResidentTransferredOut, fromStationId, {
      residentId,
      toStationId,
      transferredOn: '2026-03-01',
    });
    return this.append(registryStreams.resident(toStationId, residentId), ResidentTransferredIn, toStationId, {
      residentId,
      stationId: toStationId,
      fromStationId,
      transferredOn: '2026-03-01',
      ...(await this.identity(residentId)),
      arrivalDate: '2026-01-10',
      compound: '广益新村',
      childrenNeedingSchool: [],
      consent: { given: true, recordedAt: '2026-01-10T03:00:00+08:00', scope: ['registry'] },
      permit: { status: 'none' },
    });
  }

  private async identity(residentId: string) {
    const idNumber = `32021119900101${String(this.versions.size).padStart(4, '0')}`;
    const personal = { name: '王秀英', idNumber, phone: '13812345678', birthDate: '1990-01-01', address: { building: '12', unit: '2' } };
    return {
      personal: await this.cipher.encrypt(residentId, personal),
      idNumberHash: this.hasher.hashIdNumber(idNumber),
      sex: 'female' as const,
      origin: { province: '安徽省', city: '阜阳市' },
    };
  }
}
