import type { Actor, EventContract, EventEnvelope, NewEvent, Role, Upcasters } from '@kinship/contracts';
import { SqliteDocumentStore } from '@kinship/documents';
import { EventStore, ExpectedVersion, SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { EmbeddedMessageBus } from '@kinship/messaging';
import type { SqliteKeyStore } from '@kinship/privacy';
import type { Infrastructure, RuntimeConfig } from '@kinship/runtime';
import type { OrgUnit, TokenIssuer } from '@kinship/tenancy';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';

/** A second chain of the district beside the seeded Guangrui chain, for "another center" cases. */
export const HUISHAN_CHAIN: readonly OrgUnit[] = [
  { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Service Center' },
  { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
];

/** The callers of the Guangrui pilot chain the specs act as: one per role at its stations and center, and the district's. */
export const GUANGRUI_CALLERS = {
  staffGuangrui1: { role: 'station-staff', org: 'guangrui-1' },
  leadGuangrui1: { role: 'station-lead', org: 'guangrui-1' },
  staffGuangyi: { role: 'station-staff', org: 'guangyi' },
  leadGuangyi: { role: 'station-lead', org: 'guangyi' },
  centerManager: { role: 'center-manager', org: 'guangrui' },
  operator: { role: 'operator', org: 'liangxi' },
  analyst: { role: 'district-analyst', org: 'liangxi' },
} as const satisfies Record<string, { role: Role; org: string }>;

/** The people a spec acts as, by name: each a role at an org unit, with a token issued at start. */
export type Callers<C extends string> = Readonly<Record<C, { readonly role: Role; readonly org: string }>>;

/** Who sends a request: a known caller, a raw `Authorization` header value, or nobody (no header). */
export type Sender<C extends string> = C | { authorization: string } | null;

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

export interface ServiceTestAppOptions<C extends string> {
  /** The service under test, e.g. `brokerage`: names the temp directory, the logger and the API title. */
  service: string;
  /** The service's module as the host mounts it (`<Name>Module.forRoot(options)`). */
  modules: DynamicModule[];
  callers: Callers<C>;
  upcasters?: Upcasters;
  districtId?: string;
  /** Org units beside the seeded Guangrui chain, e.g. `HUISHAN_CHAIN`. */
  orgUnits?: readonly OrgUnit[];
  /** Puts another store in front of the SQLite event store the services inject (not the one the bus tails). */
  eventStore?: (store: Infrastructure['events']) => Infrastructure['events'];
}

/** One service served over HTTP on the embedded adapters, with tokens for its callers. */
export interface ServiceTestApp<C extends string> {
  readonly app: NestFastifyApplication;
  /** The temp directory holding every SQLite file of this app. */
  readonly dir: string;
  readonly infra: Infrastructure;
  readonly events: SqliteEventStore;
  readonly documents: SqliteDocumentStore;
  readonly keys: SqliteKeyStore;
  readonly bus: EmbeddedMessageBus;
  readonly cipher: Infrastructure['cipher'];
  readonly hasher: Infrastructure['hasher'];
  /** The bearer token the harness sends for a caller. */
  token(caller: C): string;
  request<T = JsonBody>(sender: Sender<C>, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>>;
  get<T = JsonBody>(sender: Sender<C>, url: string): Promise<HttpReply<T>>;
  post<T = JsonBody>(sender: Sender<C>, url: string, body?: unknown): Promise<HttpReply<T>>;
  /** Posts and fails the test unless the answer has `status` (201 by default); returns the body. */
  ok<T = JsonBody>(sender: Sender<C>, url: string, body?: unknown, status?: number): Promise<T>;
  headPosition(): Promise<number>;
  stream(streamId: string): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

/**
 * Boots a service the way a host does (`openInfrastructure` + `InfrastructureModule` + `TenancyModule` +
 * `createHttpApp`), on an all-SQLite configuration in a fresh temp directory, with the Guangrui chain seeded and
 * real tokens for every caller. For a service's `*.int-spec.ts` harness.
 */
export async function startServiceTestApp<C extends string>(options: ServiceTestAppOptions<C>): Promise<ServiceTestApp<C>> {
  const { http, runtime, tenancy, observability, nest, privacy } = await loadHost();
  const dir = mkdtempSync(join(tmpdir(), `kinship-${options.service}-`));
  const secret = randomBytes(33).toString('base64url');
  const logger = observability.createLogger({ name: `${options.service}-int-spec`, level: process.env['KINSHIP_TEST_LOG_LEVEL'] ?? 'silent' });
  let infra: Infrastructure;
  try {
    infra = await runtime.openInfrastructure(testRuntime(options.service, dir, secret, privacy.generateMasterKey(), options.districtId ?? 'liangxi'), {
      upcasters: options.upcasters,
      seedDemoHierarchy: true,
      logger,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const closeAll = async (app?: NestFastifyApplication) => {
    await app?.close();
    await infra.close();
    rmSync(dir, { recursive: true, force: true });
  };

  let app: NestFastifyApplication | undefined;
  try {
    for (const unit of options.orgUnits ?? []) await infra.org.add({ ...unit });
    const events = sqlite(infra.events, SqliteEventStore, 'event store');
    const documents = sqlite(infra.documents, SqliteDocumentStore, 'document store');
    const keys = sqlite(infra.keys, privacy.SqliteKeyStore, 'key store');
    const bus = sqlite(infra.bus, EmbeddedMessageBus, 'message bus');

    const served = options.eventStore ? { ...infra, events: options.eventStore(infra.events) } : infra;
    class ServiceTestRootModule {}
    nest.Module({
      imports: [
        runtime.InfrastructureModule.forRoot(served),
        tenancy.TenancyModule.forRoot({ directory: infra.org, verifier: infra.verifier }),
        ...options.modules,
      ],
    })(ServiceTestRootModule);
    app = await http.createHttpApp(ServiceTestRootModule, {
      logger,
      title: `Kinship ${options.service} (test)`,
      version: '0.0.0',
      metrics: new observability.Metrics(),
      health: new observability.HealthRegistry(),
      shutdownHooks: false,
    });
    await app.getHttpAdapter().getInstance().ready();
    const started = app;

    const tokens = await issueTokens(options.callers, new tenancy.TokenIssuer({ secret: tenancy.sharedSecretFromConfig(secret) }));
    const request = async <T = JsonBody>(sender: Sender<C>, method: HttpMethod, url: string, body?: unknown): Promise<HttpReply<T>> => {
      const headers: Record<string, string> = {};
      if (sender !== null) headers['authorization'] = typeof sender === 'string' ? `Bearer ${tokens.get(sender)}` : sender.authorization;
      const response = await started.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
      const contentType = String(response.headers['content-type'] ?? '');
      const isJson = contentType.startsWith('application/json') || contentType.startsWith(http.PROBLEM_CONTENT_TYPE);
      return { status: response.statusCode, contentType, body: (isJson && response.body !== '' ? response.json() : {}) as T, text: response.body };
    };

    return {
      app: started,
      dir,
      infra,
      events,
      documents,
      keys,
      bus,
      cipher: infra.cipher,
      hasher: infra.hasher,
      token: (caller) => tokens.get(caller) as string,
      request,
      get: (sender, url) => request(sender, 'GET', url),
      post: (sender, url, body) => request(sender, 'POST', url, body ?? {}),
      async ok<T>(sender: Sender<C>, url: string, body?: unknown, status = 201): Promise<T> {
        const reply = await request<T>(sender, 'POST', url, body ?? {});
        if (reply.status !== status) throw new Error(`POST ${url} answered ${reply.status}, not ${status}: ${reply.text}`);
        return reply.body;
      },
      headPosition: () => events.headPosition(),
      stream: (streamId) => events.readStream(streamId),
      close: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(app);
    throw error;
  }
}

/**
 * What a host is made of, loaded only when an app starts: the decider specs, which import this library for
 * `deciderSpec`, then never load Nest, the HTTP edge and the runtime's drivers and broker clients.
 */
async function loadHost() {
  const [http, runtime, tenancy, observability, nest, privacy] = await Promise.all([
    import('@kinship/http'),
    import('@kinship/runtime'),
    import('@kinship/tenancy'),
    import('@kinship/observability'),
    import('@nestjs/common'),
    import('@kinship/privacy'),
  ]);
  return { http, runtime, tenancy, observability, nest, privacy };
}

/** What the embedded platform runs on, in one temp directory: every adapter on SQLite, the in-process bus. */
function testRuntime(service: string, dir: string, secret: string, masterKey: string, districtId: string): RuntimeConfig {
  return {
    service,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    districtId,
    masterKey,
    eventStore: { kind: 'sqlite', file: join(dir, 'events.sqlite') },
    bus: { kind: 'embedded' },
    documents: { kind: 'sqlite', file: join(dir, 'read-models.sqlite') },
    keys: { kind: 'sqlite', file: join(dir, 'keys.sqlite') },
    org: { kind: 'sqlite', file: join(dir, 'org.sqlite') },
    auth: { kind: 'shared-secret', secret },
  };
}

async function issueTokens<C extends string>(callers: Callers<C>, issuer: TokenIssuer): Promise<Map<C, string>> {
  const tokens = new Map<C, string>();
  for (const [caller, { role, org }] of Object.entries(callers) as Array<[C, { role: Role; org: string }]>) {
    tokens.set(caller, await issuer.issueDevToken({ sub: `user-${caller}`, role, org }, '1h'));
  }
  return tokens;
}

/** The adapter the all-SQLite configuration must have opened, typed as such for the specs. */
function sqlite<T>(adapter: unknown, type: abstract new (...args: never[]) => T, what: string): T {
  if (!(adapter instanceof type)) throw new Error(`The test runtime opened another ${what} than the embedded one`);
  return adapter;
}

export interface GivenEventOptions {
  /** The tenant the event belongs to: a station, or the center or district that owns the stream. */
  tenantId: string;
  /** The service that writes such events, e.g. `registry`. */
  source: string;
  actor: Actor;
  /** 'any' by default: history is given, not decided. */
  expectedVersion?: ExpectedVersion;
}

/**
 * Appends one event, checked against its contract, as the service that owns it would write it: history a spec
 * starts from (another service's events, or a past no request of today could write). Returns the event's id and
 * its global position.
 */
export async function appendGivenEvent<S extends z.ZodType>(
  store: Pick<EventStore, 'append'>,
  streamId: string,
  contract: EventContract<string, S>,
  data: z.input<S>,
  options: GivenEventOptions,
): Promise<{ id: string; position: number; nextExpectedVersion: number }> {
  const event: NewEvent = {
    id: uuidv7(),
    type: contract.type,
    schemaVersion: contract.schemaVersion,
    tenantId: options.tenantId,
    occurredAt: new Date().toISOString(),
    data: contract.schema.parse(data),
    metadata: { correlationId: uuidv7(), causationId: null, actor: options.actor, source: options.source },
  };
  const result = await store.append(streamId, [event], { expectedVersion: options.expectedVersion ?? 'any' });
  return { id: event.id, position: result.lastPosition, nextExpectedVersion: result.nextExpectedVersion };
}
