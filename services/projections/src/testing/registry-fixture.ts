import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventContract,
  HouseholdCreated,
  HouseholdHeadSet,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  NewEvent,
  registryStreams,
  registryUpcasters,
  ResidencePermitApplied,
  ResidencePermitIssued,
  ResidentMovedOut,
  ResidentPersonalData,
  ResidentPersonalDataErased,
  ResidentRegistered,
  ResidentRegisteredData,
  ResidentReturned,
  ResidentTransferredIn,
  ResidentTransferredOut,
} from '@kinship/contracts';
import { SqliteDocumentStore } from '@kinship/documents';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { createEmbeddedMessaging, EmbeddedMessageBus, SqliteDeadLetterStore } from '@kinship/messaging';
import { KeyedHasher, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { GUANGRUI_ORG_UNITS, SqliteOrgDirectory } from '@kinship/tenancy';
import type { z } from 'zod';

/** A second chain in the same district, for "another chain" cases. */
export const OTHER_CHAIN_UNITS = [
  { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Service Center' },
  { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
] as const;

const MASTER_KEY = Buffer.from('0123456789abcdef0123456789ABCDEF', 'utf8');

/** Real embedded infrastructure in a temp directory: event store, bus, dead letters, documents, keys, org. */
export interface TestInfrastructure {
  dir: string;
  events: SqliteEventStore;
  documents: SqliteDocumentStore;
  keys: SqliteKeyStore;
  cipher: PersonalDataCipher;
  hasher: KeyedHasher;
  bus: EmbeddedMessageBus;
  deadLetters: SqliteDeadLetterStore;
  org: SqliteOrgDirectory;
  registry: RegistryWriter;
  close(): Promise<void>;
}

export async function openTestInfrastructure(): Promise<TestInfrastructure> {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-projections-'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.db'), upcasters: registryUpcasters });
  const documents = new SqliteDocumentStore({ filename: join(dir, 'read-models.db') });
  const keys = new SqliteKeyStore({ database: join(dir, 'keys.db'), masterKey: MASTER_KEY });
  const cipher = new PersonalDataCipher(keys);
  const hasher = new KeyedHasher(MASTER_KEY);
  const { bus, deadLetters } = createEmbeddedMessaging({
    store: events,
    checkpoints: events.checkpoints,
    database: events.database,
    pollIntervalMs: 5,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
  });
  const unsubscribe = events.onAppended(() => bus.notify());
  const org = new SqliteOrgDirectory(join(dir, 'org.db'));
  for (const unit of [...GUANGRUI_ORG_UNITS, ...OTHER_CHAIN_UNITS]) await org.add({ ...unit });
  const registry = new RegistryWriter(events, cipher, hasher);
  return {
    dir,
    events,
    documents,
    keys,
    cipher,
    hasher,
    bus,
    deadLetters,
    org,
    registry,
    async close() {
      unsubscribe();
      await bus.close();
      await documents.close();
      await events.close();
      await keys.close();
      await org.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function personalData(overrides: Partial<ResidentPersonalData> = {}): ResidentPersonalData {
  return {
    name: '张三丰',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    birthDate: '1949-12-31',
    address: { building: '12', unit: '3', room: '401' },
    ...overrides,
  };
}

/** Appends registry events (built and checked with the contracts) the way the registry writes them. */
export class RegistryWriter {
  private versions = new Map<string, number>();

  constructor(
    readonly events: SqliteEventStore,
    private readonly cipher: PersonalDataCipher,
    private readonly hasher: KeyedHasher,
  ) {}

  /** Appends one event to a stream; returns its global position. */
  async append<S extends z.ZodType>(
    streamId: string,
    contract: EventContract<string, S>,
    data: z.input<S>,
    options: { tenantId: string; occurredAt?: string },
  ): Promise<number> {
    const event: NewEvent = {
      id: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      tenantId: options.tenantId,
      occurredAt: options.occurredAt ?? new Date().toISOString(),
      data: contract.schema.parse(data),
      metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: 'staff-1', role: 'station-staff' }, source: 'registry' },
    };
    const current = this.versions.get(streamId);
    const result = await this.events.append(streamId, [event], { expectedVersion: current ?? 'no-stream' });
    this.versions.set(streamId, result.nextExpectedVersion);
    return result.lastPosition;
  }

  async register(
    stationId: string,
    residentId: string,
    options: { personal?: Partial<ResidentPersonalData>; data?: Partial<ResidentRegisteredData>; occurredAt?: string } = {},
  ): Promise<number> {
    const personal = personalData(options.personal);
    return this.append(
      registryStreams.resident(stationId, residentId),
      ResidentRegistered,
      {
        residentId,
        stationId,
        personal: await this.cipher.encrypt(residentId, personal),
        idNumberHash: this.hasher.hashIdNumber(personal.idNumber),
        sex: 'male',
        origin: { province: 'Anhui', city: 'Fuyang' },
        arrivalDate: '2013-03-01',
        compound: 'compound-1',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: '2013-03-01T08:00:00+08:00', scope: ['registry'] },
        ...options.data,
      },
      { tenantId: stationId, occurredAt: options.occurredAt },
    );
  }

  async moveOut(stationId: string, residentId: string): Promise<number> {
    return this.append(
      registryStreams.resident(stationId, residentId),
      ResidentMovedOut,
      { residentId, movedOutOn: '2013-06-01', reason: 'returned home' },
      { tenantId: stationId },
    );
  }

  async applyForPermit(stationId: string, residentId: string): Promise<number> {
    return this.append(registryStreams.resident(stationId, residentId), ResidencePermitApplied, { residentId, appliedOn: '2013-04-01' }, { tenantId: stationId });
  }

  async issuePermit(stationId: string, residentId: string): Promise<number> {
    return this.append(
      registryStreams.resident(stationId, residentId),
      ResidencePermitIssued,
      { residentId, issuedOn: '2013-05-01', validUntil: '2014-05-01' },
      { tenantId: stationId },
    );
  }

  /** The registry's transfer: out on the old station's stream, then in on the new station's stream. */
  async transfer(fromStationId: string, toStationId: string, residentId: string, personal: Partial<ResidentPersonalData> = {}): Promise<number> {
    await this.append(
      registryStreams.resident(fromStationId, residentId),
      ResidentTransferredOut,
      { residentId, toStationId, transferredOn: '2013-07-01' },
      { tenantId: fromStationId },
    );
    const clear = personalData(personal);
    return this.append(
      registryStreams.resident(toStationId, residentId),
      ResidentTransferredIn,
      {
        residentId,
        stationId: toStationId,
        fromStationId,
        transferredOn: '2013-07-01',
        personal: await this.cipher.encrypt(residentId, clear),
        idNumberHash: this.hasher.hashIdNumber(clear.idNumber),
        sex: 'male',
        origin: { province: 'Anhui', city: 'Fuyang' },
        arrivalDate: '2013-03-01',
        compound: 'compound-9',
        childrenNeedingSchool: [{ birthYear: 2007, schoolLevel: 'primary' }],
        consent: { given: true, recordedAt: '2013-03-01T08:00:00+08:00', scope: ['registry'] },
        permit: { status: 'applied', appliedOn: '2013-04-01' },
      },
      { tenantId: toStationId },
    );
  }

  /** The registry's return of a resident who moved out: a full record on the stream of the station they came back to. */
  async returnResident(stationId: string, fromStationId: string, residentId: string, arrivalDate: string): Promise<number> {
    const personal = personalData({ phone: '13611112222' });
    return this.append(
      registryStreams.resident(stationId, residentId),
      ResidentReturned,
      {
        residentId,
        stationId,
        fromStationId,
        movedOutOn: '2013-06-01',
        arrivalDate,
        personal: await this.cipher.encrypt(residentId, personal),
        idNumberHash: this.hasher.hashIdNumber(personal.idNumber),
        sex: 'male',
        origin: { province: 'Anhui', city: 'Fuyang' },
        compound: 'compound-7',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: '2013-03-01T08:00:00+08:00', scope: ['registry'] },
        permit: { status: 'applied', appliedOn: '2013-04-01' },
      },
      { tenantId: stationId },
    );
  }

  /** The registry's erasure: the key is shredded, then the erasure event tells every read model. */
  async erase(stationId: string, residentId: string, keys: SqliteKeyStore): Promise<number> {
    await keys.erase(residentId);
    return this.append(
      registryStreams.resident(stationId, residentId),
      ResidentPersonalDataErased,
      { residentId, requestedBy: 'operator-1', reason: 'resident asked' },
      { tenantId: stationId },
    );
  }

  async createHousehold(stationId: string, householdId: string, compound = 'compound-1'): Promise<number> {
    return this.append(registryStreams.household(stationId, householdId), HouseholdCreated, { householdId, stationId, compound }, { tenantId: stationId });
  }

  async addMember(
    stationId: string,
    householdId: string,
    residentId: string,
    relation: z.input<typeof HouseholdMemberAdded.schema>['relation'],
  ): Promise<number> {
    return this.append(registryStreams.household(stationId, householdId), HouseholdMemberAdded, { householdId, residentId, relation }, { tenantId: stationId });
  }

  async removeMember(stationId: string, householdId: string, residentId: string): Promise<number> {
    return this.append(registryStreams.household(stationId, householdId), HouseholdMemberRemoved, { householdId, residentId }, { tenantId: stationId });
  }

  async setHead(stationId: string, householdId: string, residentId: string): Promise<number> {
    return this.append(registryStreams.household(stationId, householdId), HouseholdHeadSet, { householdId, residentId }, { tenantId: stationId });
  }
}
