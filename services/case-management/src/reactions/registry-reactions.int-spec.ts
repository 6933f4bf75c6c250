import { caseTextSubject, casesStreams, registryStreams } from '@kinship/contracts';
import { CaseManagementTestApp, startCaseManagementTestApp } from '../testing/case-management-test-app';

/** What happens to cases when the registry transfers or erases a resident (DESIGN §3). */

let t: CaseManagementTestApp;

beforeAll(async () => {
  t = await startCaseManagementTestApp();
});

afterAll(async () => {
  await t.close();
});

async function caughtUp(): Promise<void> {
  await t.reactions.waitFor(await t.headPosition(), 5000);
}

async function openFor(stationId: string, residentIds: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await t.post<{ caseId: string }>(stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1', `/stations/${stationId}/cases`, {
    residentIds,
    group: 'services',
    category: 'school-enrolment',
    description: '孩子小学入学',
    channel: 'walk-in',
    ...overrides,
  });
  if (reply.status !== 201) throw new Error(reply.text);
  return reply.body.caseId;
}

describe('when a resident with an open case transfers to another station', () => {
  let residentId: string;
  let own: string;
  let dispute: string;
  let done: string;

  beforeAll(async () => {
    residentId = await t.register('guangrui-1');
    const neighbour = await t.register('guangrui-1');
    own = await openFor('guangrui-1', [residentId]);
    await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${own}/assignment`, { assigneeId: 'worker-li' });
    dispute = await openFor('guangrui-1', [residentId, neighbour], { group: 'safety', category: 'neighbour-dispute', description: '噪音纠纷' });
    done = await openFor('guangrui-1', [residentId]);
    for (const [path, body] of [
      ['resolution', { outcome: 'resolved' }],
      ['feedback', { satisfaction: 5 }],
      ['closure', undefined],
    ] as const) {
      await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${done}/${path}`, body);
    }
    await t.transfer(residentId, 'guangrui-1', 'guangyi');
    await caughtUp();
  });

  it('hands the case that concerns them alone over to the receiving station', async () => {
    expect((await t.caseEvents('guangrui-1', own)).at(-1)).toMatchObject({
      type: 'cases.case-handed-over',
      data: { toStationId: 'guangyi', cause: 'resident-transferred', residentId },
    });
    const received = await t.caseEvents('guangyi', own);
    expect(received.map((e) => e.type)).toEqual(['cases.case-received']);
    expect(received[0].data).toMatchObject({ fromStationId: 'guangrui-1', residentIds: [residentId], category: 'school-enrolment' });

    const assign = await t.post('staffGuangyi', `/stations/guangyi/cases/${own}/assignment`, { assigneeId: 'worker-zhao' });
    expect(assign.status).toBe(200);
    const stale = await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${own}/notes`, { text: 'x' });
    expect(stale.body).toMatchObject({ status: 409, code: 'case-handed-over', details: { toStationId: 'guangyi' } });
  });

  it('flags a dispute, which stays where it happened, and leaves a closed case alone', async () => {
    expect((await t.caseEvents('guangrui-1', dispute)).at(-1)).toMatchObject({ type: 'cases.case-party-transferred', data: { residentId, toStationId: 'guangyi' } });
    expect((await t.caseEvents('guangrui-1', done)).at(-1)?.type).toBe('cases.case-closed');
    expect(await t.caseEvents('guangyi', dispute)).toEqual([]);
  });

  it('does nothing more when the same transfer is delivered again', async () => {
    const [transferredIn] = await t.events.readStream(registryStreams.resident('guangyi', residentId));
    const before = await t.headPosition();
    await t.reactions.handle(transferredIn);
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when a resident with cases is erased', () => {
  let residentId: string;
  let handedOver: string;
  let dispute: string;

  beforeAll(async () => {
    residentId = await t.register('guangrui-1');
    const other = await t.register('guangrui-1');
    handedOver = await openFor('guangrui-1', [residentId]);
    await t.post('staffGuangrui1', `/stations/guangrui-1/cases/${handedOver}/notes`, { text: '家长王秀英，电话13812345678' });
    dispute = await openFor('guangrui-1', [other, residentId], { group: 'safety', category: 'neighbour-dispute', description: '王秀英与邻居争执' });
    await t.transfer(residentId, 'guangrui-1', 'guangyi');
    await caughtUp();
    await t.erase('guangyi', residentId);
    await caughtUp();
  });

  it('records the erasure on every copy of every case of theirs, wherever it lives', async () => {
    for (const [stationId, caseId] of [
      ['guangrui-1', handedOver],
      ['guangyi', handedOver],
      ['guangrui-1', dispute],
    ]) {
      expect((await t.caseEvents(stationId, caseId)).at(-1)).toMatchObject({ type: 'cases.case-personal-data-erased', data: { residentId } });
    }
  });

  it('makes the free text of those cases unreadable, including a case opened for someone else', async () => {
    for (const caseId of [handedOver, dispute]) {
      const [opened] = await t.events.readStream(casesStreams.case('guangrui-1', caseId));
      expect(await t.cipher.decrypt(caseTextSubject(caseId), (opened.data as { description: string }).description)).toBeNull();
    }
    const note = await t.post('staffGuangyi', `/stations/guangyi/cases/${handedOver}/notes`, { text: 'x' });
    expect(note.body).toMatchObject({ status: 409, code: 'case-personal-data-erased' });
    expect((await t.post('staffGuangyi', `/stations/guangyi/cases/${handedOver}/assignment`, { assigneeId: 'worker-zhao' })).status).toBe(200);
  });

  it('does nothing more when the erasure is delivered again', async () => {
    const erasure = (await t.events.readStream(registryStreams.resident('guangyi', residentId))).at(-1);
    const before = await t.headPosition();
    await t.reactions.handle(erasure as NonNullable<typeof erasure>);
    expect(await t.headPosition()).toBe(before);
  });
});
