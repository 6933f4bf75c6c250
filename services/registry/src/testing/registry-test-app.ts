import { EventEnvelope, registryStreams, registryUpcasters } from '@kinship/contracts';
import { AppendNotifications, CheckpointStore, EventStore } from '@kinship/eventsourcing';
import { generateResidentIdNumber, Sex } from '@kinship/privacy';
import { GUANGRUI_CALLERS, JsonBody, Sender as TestSender, ServiceTestApp, startServiceTestApp } from '@kinship/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, addYears, IsoDate, stationDate } from '../permit/calendar-date';
import { RegistryModule } from '../registry.module';

export type { HttpReply, JsonBody } from '@kinship/testing';

/**
 * A registry served the way the platform serves it (the shared service harness of @kinship/testing: tenancy's guard
 * with real tokens, the embedded adapters on files of one temp directory). For `*.int-spec.ts` only.
 */

/** The callers the specs act as, one per role and org unit of the Guangrui pilot chain. */
export const CALLERS = GUANGRUI_CALLERS;

export type Caller = keyof typeof CALLERS;

/** Who sends a request: a known caller, a raw `Authorization` header value, or nobody (no header). */
export type Sender = TestSender<Caller>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

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

export interface RegistryTestApp extends ServiceTestApp<Caller> {
  /** The station's calendar date now, as the registry sees it. */
  readonly today: IsoDate;
  /** A fresh person: a unique name and a valid ID number whose birth date and sex the form repeats. */
  newIdentity(sex?: Sex): Identity;
  /** A valid registration form for `identity`, with `overrides` merged over it. */
  registrationForm(identity: Identity, overrides?: JsonBody): JsonBody;
  /** Registers a new person at the station and returns them; fails the test unless the answer is 201. */
  register(stationId: string, options?: { caller?: Caller; identity?: Identity; form?: JsonBody }): Promise<RegisteredResident>;
  residentStream(stationId: string, residentId: string): Promise<EventEnvelope[]>;
  idNumberClaimStream(idNumber: string): Promise<EventEnvelope[]>;
  /** Every file of the temp directory (databases, -wal, -shm, journals) as bytes. */
  filesOnDisk(): Array<{ file: string; bytes: Buffer }>;
}

export const DISTRICT_ID = 'liangxi';

const REGION_CODE = '341202';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN_NAMES = ['秀英', '建国', '丽娟', '志强', '海燕', '晓东', '桂兰', '文斌', '春梅', '国庆', '玉珍', '永康'];

export interface RegistryTestAppOptions {
  /**
   * Make every event-store call yield to the event loop first, as the network adapters (PostgreSQL, KurrentDB)
   * do. The SQLite driver is synchronous, so without this a request runs from load to append in one go and
   * concurrent requests never interleave.
   */
  storeYields?: boolean;
}

export async function startRegistryTestApp(options: RegistryTestAppOptions = {}): Promise<RegistryTestApp> {
  const t = await startServiceTestApp({
    service: 'registry',
    modules: [RegistryModule.forRoot({ districtId: DISTRICT_ID })],
    callers: CALLERS,
    upcasters: registryUpcasters,
    districtId: DISTRICT_ID,
    eventStore: options.storeYields ? (store) => new YieldingEventStore(store) : undefined,
  });

  let people = 0;
  const today = stationDate(new Date().toISOString());

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

  return Object.assign(t, {
    today,
    newIdentity,
    registrationForm,
    async register(stationId: string, options: { caller?: Caller; identity?: Identity; form?: JsonBody } = {}): Promise<RegisteredResident> {
      const identity = options.identity ?? newIdentity();
      const form = options.form ?? registrationForm(identity);
      const caller = options.caller ?? (stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1');
      const reply = await t.request<{ residentId: string; streamVersion: number; position: number }>(caller, 'POST', `/stations/${stationId}/residents`, form);
      if (reply.status !== 201) throw new Error(`Registration at ${stationId} answered ${reply.status}: ${reply.text}`);
      return { ...identity, stationId, ...reply.body };
    },
    residentStream: (stationId: string, residentId: string) => t.events.readStream(registryStreams.resident(stationId, residentId)),
    idNumberClaimStream: (idNumber: string) => t.events.readStream(registryStreams.idNumberClaim(DISTRICT_ID, t.hasher.hashIdNumber(idNumber))),
    filesOnDisk: () => listFiles(t.dir).map((file) => ({ file, bytes: readFileSync(file) })),
  });
}

/** Starts a registry for the enclosing suite (handing it to `use`) and closes it after the suite. */
export function useRegistryTestApp(use: (app: RegistryTestApp) => void, options: RegistryTestAppOptions = {}): void {
  let app: RegistryTestApp | undefined;
  beforeAll(async () => {
    app = await startRegistryTestApp(options);
    use(app);
  });
  afterAll(async () => {
    await app?.close();
  });
}

/**
 * Reads until `accept` holds (or fails the test after `timeoutMs`): for what the registry's reactions do after a
 * request has been answered.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still not as expected after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A date `years` years and `days` days from the station's today (negative for the past). */
export function dateFrom(today: IsoDate, { years = 0, days = 0 }: { years?: number; days?: number }): IsoDate {
  return addDays(addYears(today, years), days);
}

type ServedEventStore = EventStore & AppendNotifications & { checkpoints: CheckpointStore };

/** The SQLite store, reached the way a store across the network is: every call resumes on a later turn. */
class YieldingEventStore implements ServedEventStore {
  constructor(readonly store: ServedEventStore) {}

  get checkpoints(): CheckpointStore {
    return this.store.checkpoints;
  }

  onAppended(listener: (lastPosition: number) => void): () => void {
    return this.store.onAppended(listener);
  }

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
