import { ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Role } from '@kinship/contracts';
import { Document, MongoDocumentStore } from '@kinship/documents';
import { generateResidentIdNumber, generateMasterKey, PersonalDataCipher, PostgresKeyStore, masterKeyFromConfig } from '@kinship/privacy';
import { PostgresOrgDirectory, seedGuangruiDistrict, sharedSecretFromConfig, TokenIssuer } from '@kinship/tenancy';
import { describeEngine, EngineHandle, queryPostgres } from '@kinship/testing';
import { Kafka, logLevel } from 'kafkajs';

// Test support for the distributed e2e specs of this folder: each service a real child process
// (`node -r @swc-node/register services/<service>/src/main.ts`) on PostgreSQL, Kafka and MongoDB, with names
// unique to the run so concurrent runs on the shared engines never meet.

/** The repository root: where the child processes run and where tmp/ lives. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export type ServiceName = 'registry' | 'projections';

export interface Engines {
  postgres: EngineHandle;
  kafka: EngineHandle;
  mongodb: EngineHandle;
}

/** A suite on PostgreSQL, Kafka and MongoDB; each engine is printed (name, version, source) or skipped by name. */
export function describeDistributed(title: string, fn: (engines: Engines) => void): void {
  describeEngine('postgres', title, (postgres) =>
    describeEngine('kafka', 'with Kafka', (kafka) => describeEngine('mongodb', 'and MongoDB', (mongodb) => fn({ postgres, kafka, mongodb }))),
  );
}

/** Where a deployment's processes find the engines. */
export interface EngineUrls {
  postgres: string;
  kafka: string;
  mongodb: string;
}

/** One service process, from its spawn on. */
export class ServiceProcess {
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;
  private listeningAt: string | undefined;

  constructor(
    readonly service: ServiceName,
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly logFile: string,
  ) {
    const log = createWriteStream(logFile);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    this.exited = new Promise<number | null>((resolveExit) =>
      child.once('close', (code) => {
        this.exitCode = code;
        log.end();
        resolveExit(code);
      }),
    );
  }

  /** Where it serves HTTP, once it listens. */
  get url(): string {
    if (!this.listeningAt) throw new Error(`${this.service} is not listening`);
    return this.listeningAt;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Sends a signal without waiting. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Kills without warning (no shutdown hooks run) and waits for the exit. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Asks for a graceful stop; kills after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves with the URL of the `listening at` line the service prints once it serves. */
  listening(timeoutMs: number): Promise<string> {
    return new Promise<string>((resolveUrl, reject) => {
      let buffered = '';
      const timer = setTimeout(() => finish(new Error(`${this.service} did not listen within ${timeoutMs} ms`)), timeoutMs);
      const read = (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = /"msg":"listening at (http:\/\/[^"]+)"/.exec(buffered);
        if (match) finish(undefined, match[1]);
      };
      const finish = (error?: Error, url?: string) => {
        clearTimeout(timer);
        this.child.stdout.off('data', read);
        if (url) resolveUrl((this.listeningAt = url));
        else reject(error);
      };
      this.child.stdout.on('data', read);
      void this.exited.then((code) => finish(new Error(`${this.service} exited with ${code} before it listened`)));
    });
  }
}

interface Identity {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'female' | 'male';
}

/** What the registry answers to a registration. */
export interface Registered {
  residentId: string;
  streamVersion: number;
  position: number;
}

/** An HTTP answer as the specs read it. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

/**
 * A Kinship deployment of this run: PostgreSQL schemas (registry events, tenants, keys), a MongoDB database and a
 * Kafka namespace of its own, a master key and token secret, and the service processes it started. `cleanUp`
 * kills every process and removes what the run created, and only that.
 */
export class Deployment {
  readonly runId = randomBytes(4).toString('hex');
  readonly namespace = `e2e-${this.runId}`;
  readonly schemas = {
    registryEvents: `e2e_${this.runId}_registry_events`,
    org: `e2e_${this.runId}_org`,
    keys: `e2e_${this.runId}_keys`,
  };
  readonly mongoDb = `kinship_e2e_${this.runId}`;
  readonly logDir = join(REPO_ROOT, 'tmp', 'distributed-e2e', this.runId);
  private readonly masterKey = generateMasterKey();
  private readonly tokenSecret = randomBytes(33).toString('base64url');
  private readonly issuer = new TokenIssuer({ secret: sharedSecretFromConfig(this.tokenSecret) });
  private readonly processes = new Set<ServiceProcess>();
  private started = 0;
  private people = 0;
  private readonly killAll = () => {
    for (const running of this.processes) if (running.running) running.signal('SIGKILL');
  };

  constructor(readonly engines: EngineUrls) {
    mkdirSync(this.logDir, { recursive: true });
    // A worker that dies mid-test must not leave services running.
    process.once('exit', this.killAll);
  }

  /** The Guangrui chain in this run's tenant schema, as an operator would add it before the services start. */
  async seedOrgHierarchy(): Promise<void> {
    const directory = await PostgresOrgDirectory.open({ connectionString: this.engines.postgres, schema: this.schemas.org });
    try {
      await seedGuangruiDistrict(directory);
    } finally {
      await directory.close();
    }
  }

  /** The environment a service of this deployment runs with (as compose or Kubernetes would give it). */
  environment(service: ServiceName, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env['KINSHIP_E2E_SERVICE_LOG_LEVEL'] ?? 'warn',
      KINSHIP_DISTRICT_ID: 'liangxi',
      EVENT_STORE: 'postgres',
      BUS: 'kafka',
      DOCUMENTS: 'mongodb',
      DATABASE_URL: this.engines.postgres,
      EVENT_STORE_SCHEMA: service === 'registry' ? this.schemas.registryEvents : `e2e_${this.runId}_${service}_events`,
      ORG_SCHEMA: this.schemas.org,
      KEY_STORE_SCHEMA: this.schemas.keys,
      KAFKA_BROKERS: this.engines.kafka,
      KAFKA_NAMESPACE: this.namespace,
      // A killed member holds its partitions until the broker gives up on it: the broker's minimum, not 30 s.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      MONGODB_URL: this.engines.mongodb,
      MONGODB_DB: this.mongoDb,
      KINSHIP_MASTER_KEY: this.masterKey,
      KINSHIP_TOKEN_SECRET: this.tokenSecret,
      ...overrides,
    };
  }

  /** Spawns `services/<service>/src/main.ts` and resolves once it listens; its output goes to a log file. */
  async start(service: ServiceName, overrides: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServiceProcess> {
    this.started += 1;
    const logFile = join(this.logDir, `${String(this.started).padStart(2, '0')}-${service}.log`);
    const child = spawn(process.execPath, [...nodeArgsFor(service), '-r', '@swc-node/register', `services/${service}/src/main.ts`], {
      cwd: REPO_ROOT,
      env: this.environment(service, overrides),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Tracked from the spawn on, so a clean-up that runs while it still boots stops it too.
    const running = new ServiceProcess(service, child, logFile);
    this.processes.add(running);
    try {
      await running.listening(timeoutMs);
    } catch (error) {
      await running.kill();
      throw new Error(`${String(error)}; see ${logFile}`);
    }
    return running;
  }

  /** A bearer token for a user of `role` at `org`, signed with the deployment's secret. */
  token(role: Role, org: string): Promise<string> {
    return this.issuer.issueDevToken({ sub: `${role}-at-${org}`, role, org });
  }

  /** Registers a new citizen at `stationId` over HTTP; the answer carries the command's log position. */
  async register(registry: ServiceProcess, stationId: string, token: string): Promise<Reply<Registered>> {
    return call<Registered>(`${registry.url}/stations/${stationId}/residents`, token, { method: 'POST', body: this.registrationForm(this.newIdentity()) });
  }

  /** A decipherer of the read models' personal fields (same master key and key store as the services). */
  async cipher(): Promise<{ cipher: PersonalDataCipher; close(): Promise<void> }> {
    const keys = new PostgresKeyStore({ connectionString: this.engines.postgres, schema: this.schemas.keys, masterKey: masterKeyFromConfig(this.masterKey) });
    await keys.migrate();
    return { cipher: new PersonalDataCipher(keys), close: () => keys.close() };
  }

  /** Every document of a read-model collection of this run, by physical name. */
  async documents<T extends Document = Document>(collection: string): Promise<T[]> {
    const store = await MongoDocumentStore.open({ url: this.engines.mongodb, dbName: this.mongoDb });
    try {
      return await (await store.collection<T>(collection)).find({});
    } finally {
      await store.close();
    }
  }

  /** Stops every process still running, then drops this run's schemas, database, topics and groups. */
  async cleanUp(): Promise<void> {
    // Gracefully first: members that leave their groups let the groups be deleted now rather than linger.
    await Promise.all([...this.processes].map((running) => running.stop(10_000)));
    process.removeListener('exit', this.killAll);
    const failures: unknown[] = [];
    const attempt = async (work: () => Promise<unknown>) => work().catch((error: unknown) => failures.push(error));
    await attempt(async () => {
      const schemas = [...Object.values(this.schemas), `e2e_${this.runId}_projections_events`];
      for (const schema of schemas) await queryPostgres(this.engines.postgres, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    await attempt(async () => {
      const { mongo } = await import('mongoose');
      const client = await new mongo.MongoClient(this.engines.mongodb, { serverSelectionTimeoutMS: 10_000 }).connect();
      try {
        await client.db(this.mongoDb).dropDatabase();
      } finally {
        await client.close();
      }
    });
    await attempt(() => removeKafkaNamespace(this.engines.kafka, this.namespace));
    if (failures.length > 0) throw new AggregateError(failures, `Deployment ${this.runId} was not entirely cleaned up`);
  }

  private newIdentity(): Identity {
    const n = this.people;
    this.people += 1;
    const sex = n % 2 === 0 ? 'female' : 'male';
    const birthDate = new Date(Date.UTC(1975, 0, 1) + n * 37 * 86_400_000).toISOString().slice(0, 10);
    return { name: `${SURNAMES[n % SURNAMES.length]}测试${n}`, idNumber: generateResidentIdNumber('341202', birthDate, n % 500, sex), birthDate, sex };
  }

  private registrationForm(identity: Identity): Record<string, unknown> {
    const arrival = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    return {
      name: identity.name,
      sex: identity.sex,
      birthDate: identity.birthDate,
      idNumber: identity.idNumber,
      phone: '13812345678',
      origin: { province: '安徽省', city: '阜阳市' },
      arrivalDate: arrival,
      address: { compound: '广瑞一村', building: '12', unit: '2', room: '301' },
      occupation: 'assembly worker',
      consent: { given: true, scope: ['registry', 'services'] },
    };
  }
}

/**
 * Extra Node options for the service processes, from KINSHIP_E2E_NODE_ARGS (space-separated; `{service}` is replaced
 * by the service's name), e.g. `--cpu-prof --cpu-prof-dir=tmp/profiles/{service}`: Node refuses profiling options
 * in NODE_OPTIONS.
 */
function nodeArgsFor(service: ServiceName): string[] {
  const args = process.env['KINSHIP_E2E_NODE_ARGS']?.trim();
  return args ? args.split(/\s+/).map((arg) => arg.replace(/\{service\}/g, service)) : [];
}

/** A JSON request with a bearer token. */
export async function call<T = Record<string, unknown>>(
  url: string,
  token: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T };
}

/** Every resident id of a station's directory, page by page. */
export async function directoryIds(projections: ServiceProcess, stationId: string, token: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const reply = await call<{ items: Array<{ residentId: string }>; total: number }>(
      `${projections.url}/stations/${stationId}/directory?page=${page}&pageSize=100`,
      token,
    );
    if (reply.status !== 200) throw new Error(`the directory answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    total = reply.body.total;
    ids.push(...reply.body.items.map((item) => item.residentId));
    if (reply.body.items.length < 100) return { ids, total };
  }
}

/** Polls until `check` returns a value, or fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await sleep(250);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** A local TCP port that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const address = server.address();
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Deletes the topics and consumer groups under `namespace` on the broker, and nothing else. */
export async function removeKafkaNamespace(brokers: string, namespace: string): Promise<void> {
  const kafka = new Kafka({ clientId: `kinship-e2e-cleanup`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const prefix = `${namespace}.`;
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((group) => group.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
