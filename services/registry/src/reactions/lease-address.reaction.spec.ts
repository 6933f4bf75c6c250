import {
  brokerageStreams,
  EventEnvelope,
  LeaseSigned,
  LeaseSignedData,
  registryStreams,
  registryUpcasters,
  ResidentPersonalData,
} from '@kinship/contracts';
import { CommandContext, deterministicUuid, SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { createEmbeddedMessaging } from '@kinship/messaging';
import { generateMasterKey, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryStreams } from '../application/registry-streams';
import { addDays, stationDate } from '../permit/calendar-date';
import { LeaseAddressReaction } from './lease-address.reaction';

const STATION = 'guangrui-1';
const staff: CommandContext = { actor: { userId: 'staff-1', role: 'station-staff' }, correlationId: 'c-1', now: new Date().toISOString() };
const today = stationDate(staff.now);
const person: ResidentPersonalData = {
  name: '王秀英',
  idNumber: '341202199001010027',
  phone: '13812345678',
  birthDate: '1990-01-01',
  address: { building: '12', unit: '2', room: '301' },
  employer: '无锡某电子厂',
};

let dir: string;
let events: SqliteEventStore;
let keys: SqliteKeyStore;
let cipher: PersonalDataCipher;
let streams: RegistryStreams;
let reaction: LeaseAddressReaction;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kinship-lease-address-'));
  events = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), upcasters: registryUpcasters });
  keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey: masterKeyFromConfig(generateMasterKey()) });
  cipher = new PersonalDataCipher(keys);
  streams = new RegistryStreams(events, { districtId: 'liangxi' });
  reaction = new LeaseAddressReaction(streams, cipher, null);
});

afterEach(async () => {
  await events.close();
  await keys.close();
  rmSync(dir, { recursive: true, force: true });
});

async function register(stationId = STATION): Promise<string> {
  const residentId = uuidv7();
  await streams.resident(
    stationId,
    {
      type: 'RegisterResident',
      data: {
        residentId,
        stationId,
        personal: await cipher.encrypt(residentId, person),
        idNumberHash: `hash-${residentId}`,
        sex: 'female',
        origin: { province: '安徽省', city: '阜阳市' },
        arrivalDate: addDays(today, -60),
        compound: '广瑞一村',
        childrenNeedingSchool: [],
        consent: { given: true, recordedAt: staff.now, scope: ['registry'] },
      },
    },
    staff,
  );
  return residentId;
}

/** A lease as the brokerage appends it: the new compound in clear, the address inside it under the resident's key. */
async function leaseSigned(residentId: string, overrides: Partial<LeaseSignedData> = {}): Promise<EventEnvelope> {
  const leaseId = uuidv7();
  const data = LeaseSigned.schema.parse({
    leaseId,
    stationId: STATION,
    listingId: uuidv7(),
    landlordId: uuidv7(),
    residentId,
    compound: '广瑞二村',
    address: await cipher.encrypt(residentId, { building: '7', unit: '1', room: '502' }),
    signedOn: today,
    startsOn: addDays(today, -3),
    endsOn: addDays(today, 360),
    monthlyRentFen: 120_000,
    depositFen: 120_000,
    fee: { amountFen: 36_000, basisPoints: 3000, capFen: 50_000, scheduleEffectiveFrom: '2026-01-01' },
    ...overrides,
  });
  const streamId = brokerageStreams.lease(STATION, leaseId);
  await events.append(
    streamId,
    [
      {
        id: uuidv7(),
        type: LeaseSigned.type,
        schemaVersion: LeaseSigned.schemaVersion,
        tenantId: STATION,
        occurredAt: staff.now,
        data,
        metadata: { correlationId: 'c-lease', causationId: null, actor: { userId: 'staff-1', role: 'station-staff' }, source: 'brokerage' },
      },
    ],
    { expectedVersion: 'no-stream' },
  );
  const [event] = await events.readStream(streamId);
  return event;
}

const residentStream = (residentId: string, stationId = STATION) => events.readStream(registryStreams.resident(stationId, residentId));

describe('when a lease is signed for a resident of the station', () => {
  it('records the new address as a move within the station, under an id derived from the lease', async () => {
    const residentId = await register();
    const lease = await leaseSigned(residentId);
    await reaction.handle(lease);

    const moved = (await residentStream(residentId)).at(-1);
    expect(moved).toMatchObject({
      id: deterministicUuid(lease.id, 'registry.address-from-lease'),
      type: 'registry.resident-moved-within-station',
      data: { residentId, compound: '广瑞二村', movedOn: addDays(today, -3) },
      metadata: { causationId: lease.id, correlationId: 'c-lease', actor: { userId: 'registry', role: 'system' }, source: 'registry' },
    });
    const personal = await cipher.decrypt<ResidentPersonalData>(residentId, (moved?.data as { personal: string }).personal);
    expect(personal).toEqual({ ...person, address: { building: '7', unit: '1', room: '502' } });
  });

  it('appends nothing when the lease is delivered again', async () => {
    const residentId = await register();
    const lease = await leaseSigned(residentId);
    await reaction.handle(lease);
    const head = await events.headPosition();
    await reaction.handle(lease);
    expect(await events.headPosition()).toBe(head);
  });

  it('dates a lease that starts later on the day it was signed, the registry taking no move in the future', async () => {
    const residentId = await register();
    await reaction.handle(await leaseSigned(residentId, { startsOn: addDays(today, 20) }));
    expect((await residentStream(residentId)).at(-1)?.data).toMatchObject({ movedOn: today });
  });

  it('dates a lease that started before the resident arrived on the day they arrived', async () => {
    const residentId = await register();
    await reaction.handle(await leaseSigned(residentId, { startsOn: addDays(today, -400) }));
    expect((await residentStream(residentId)).at(-1)?.data).toMatchObject({ movedOn: addDays(today, -60) });
  });
});

describe('when the resident is not there to move', () => {
  it('skips a resident registered at another station', async () => {
    const residentId = await register('guangyi');
    await reaction.handle(await leaseSigned(residentId));
    expect((await residentStream(residentId, 'guangyi')).map((e) => e.type)).toEqual(['registry.resident-registered']);
    expect(await residentStream(residentId)).toEqual([]);
  });

  it('skips a resident who moved out', async () => {
    const residentId = await register();
    await streams.resident(STATION, { type: 'MoveOut', data: { residentId, movedOutOn: today, reason: 'returned home' } }, staff);
    await reaction.handle(await leaseSigned(residentId));
    expect((await residentStream(residentId)).at(-1)?.type).toBe('registry.resident-moved-out');
  });

  it('skips a resident who was erased', async () => {
    const residentId = await register();
    const lease = await leaseSigned(residentId);
    await streams.resident(STATION, { type: 'ErasePersonalData', data: { residentId, requestedBy: 'resident', reason: 'asked' } }, staff);
    await keys.erase(residentId);
    await reaction.handle(lease);
    expect((await residentStream(residentId)).at(-1)?.type).toBe('registry.resident-personal-data-erased');
  });

  it('skips a resident already living at that address', async () => {
    const residentId = await register();
    const lease = await leaseSigned(residentId, { compound: '广瑞一村', address: await cipher.encrypt(residentId, person.address) });
    await reaction.handle(lease);
    expect((await residentStream(residentId)).map((e) => e.type)).toEqual(['registry.resident-registered']);
  });
});

describe('on the bus', () => {
  it('follows the leases of every station and records the address', async () => {
    const { bus } = createEmbeddedMessaging({
      store: events,
      checkpoints: events.checkpoints,
      database: events.database,
      notifications: events,
      pollIntervalMs: 5,
      logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
    });
    const subscribed = new LeaseAddressReaction(streams, cipher, bus);
    await subscribed.onApplicationBootstrap();
    try {
      const residentId = await register();
      const lease = await leaseSigned(residentId);
      for (let waited = 0; (await residentStream(residentId)).length < 2 && waited < 100; waited += 1) await new Promise((r) => setTimeout(r, 20));
      expect((await residentStream(residentId)).at(-1)).toMatchObject({ type: 'registry.resident-moved-within-station', metadata: { causationId: lease.id } });
    } finally {
      await subscribed.onModuleDestroy();
      await bus.close();
    }
  });
});
