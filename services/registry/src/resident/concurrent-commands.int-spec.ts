import { ResidentView } from './get-resident/resident.view';
import { HttpReply, RegistryTestApp, startRegistryTestApp } from '../testing/registry-test-app';

/** Conflicting commands on one resident, sent at once: optimistic concurrency must lose no update. */

interface Outcome {
  streamVersion: number;
  position: number;
  code?: string;
}

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp({ storeYields: true });
});

afterAll(async () => {
  await t.close();
});

const PARALLEL = 10;

function statuses(replies: Array<HttpReply<Outcome>>): number[] {
  return replies.map((reply) => reply.status).sort();
}

describe('when ten move-outs of one resident arrive at once', () => {
  it('lets exactly one through, answers the others 409, and appends one event', async () => {
    const resident = await t.register('guangrui-1');
    const url = `/stations/guangrui-1/residents/${resident.residentId}/move-out`;

    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => t.post<Outcome>('staffGuangrui1', url, { movedOutOn: t.today, reason: `desk ${i}` })),
    );

    expect(statuses(replies)).toEqual([200, ...Array<number>(PARALLEL - 1).fill(409)]);
    for (const refused of replies.filter((reply) => reply.status === 409)) {
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(['concurrency-conflict', 'resident-already-moved-out']).toContain(refused.body.code);
    }
    const stream = await t.residentStream('guangrui-1', resident.residentId);
    expect(stream.map((event) => event.type)).toEqual(['registry.resident-registered', 'registry.resident-moved-out']);
  });
});

describe('when ten corrections of one resident arrive at once', () => {
  it('appends one event per success, refuses the rest with 409, and keeps the last success', async () => {
    const resident = await t.register('guangrui-1');
    const url = `/stations/guangrui-1/residents/${resident.residentId}/corrections`;
    const phones = Array.from({ length: PARALLEL }, (_, i) => `1390000${String(i).padStart(4, '0')}`);

    const replies = await Promise.all(phones.map((phone) => t.post<Outcome>('staffGuangrui1', url, { phone, reason: 'new phone' })));

    const succeeded = replies.map((reply, i) => ({ reply, phone: phones[i] })).filter(({ reply }) => reply.status === 200);
    const refused = replies.filter((reply) => reply.status !== 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const reply of refused) expect(reply.body).toMatchObject({ status: 409, code: 'concurrency-conflict' });
    const stream = await t.residentStream('guangrui-1', resident.residentId);
    expect(stream).toHaveLength(1 + succeeded.length);
    // Each success wrote its own version; the record holds the phone of the one written last.
    expect(new Set(succeeded.map(({ reply }) => reply.body.streamVersion)).size).toBe(succeeded.length);
    const last = succeeded.reduce((a, b) => (a.reply.body.streamVersion > b.reply.body.streamVersion ? a : b));
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body.personal?.phone).toBe(last.phone);
  });

  it('loses no change when corrections of different personal fields race', async () => {
    const resident = await t.register('guangrui-1');
    const url = `/stations/guangrui-1/residents/${resident.residentId}/corrections`;
    const changes = Array.from({ length: PARALLEL }, (_, i) =>
      i % 2 === 0 ? { phone: `1370000${String(i).padStart(4, '0')}` } : { employer: `第${i}号工厂` },
    );

    const replies = await Promise.all(changes.map((change) => t.post<Outcome>('staffGuangrui1', url, { ...change, reason: 'update' })));

    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    // Replaying the successful corrections in the order they were written must give what the registry holds:
    // a correction built on a stale read and written over a newer one would break this.
    const written = replies
      .map((reply, i) => ({ reply, change: changes[i] }))
      .filter(({ reply }) => reply.status === 200)
      .sort((a, b) => a.reply.body.streamVersion - b.reply.body.streamVersion);
    const expected = written.reduce((personal, { change }) => ({ ...personal, ...change }), { phone: '13812345678', employer: '无锡某电子厂' });
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body.personal).toMatchObject(expected);
    expect(await t.residentStream('guangrui-1', resident.residentId)).toHaveLength(1 + written.length);
  });

  it('leaves exactly one ID number held by the resident when corrections of the number race', async () => {
    const resident = await t.register('guangrui-1');
    const url = `/stations/guangrui-1/residents/${resident.residentId}/corrections`;
    const candidates = Array.from({ length: 4 }, () => t.newIdentity(resident.sex));

    const replies = await Promise.all(
      candidates.map((c) => t.post<Outcome>('staffGuangrui1', url, { idNumber: c.idNumber, birthDate: c.birthDate, reason: 'new card' })),
    );

    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const view = await t.get<ResidentView>('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    const held = view.body.personal?.idNumber;
    expect([resident.idNumber, ...candidates.map((c) => c.idNumber)]).toContain(held);
    // Every other number, the original included, is free again: a newcomer can be registered with it.
    for (const identity of [resident, ...candidates].filter((c) => c.idNumber !== held)) {
      const newcomer = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(identity));
      expect(newcomer.status).toBe(201);
    }
    const holder = [resident, ...candidates].find((c) => c.idNumber === held);
    const duplicate = await t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm({ ...resident, ...holder }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ details: { residentId: resident.residentId } });
  });
});

describe('when the same person is registered at two desks at once', () => {
  it('registers them once and refuses the others', async () => {
    const identity = t.newIdentity();

    const replies = await Promise.all([
      ...Array.from({ length: 3 }, () => t.post('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(identity))),
      ...Array.from({ length: 3 }, () => t.post('staffGuangyi', '/stations/guangyi/residents', t.registrationForm(identity))),
    ]);

    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const claims = await t.idNumberClaimStream(identity.idNumber);
    expect(claims.map((event) => event.type)).toEqual(['registry.id-number-claimed']);
  });
});
