import { uuidv7 } from '@kinship/eventsourcing';
import { eventually, RegistryTestApp, startRegistryTestApp } from '../testing/registry-test-app';

interface Outcome {
  streamVersion: number;
  position: number;
}

interface HouseholdView {
  householdId: string;
  stationId: string;
  compound: string;
  members: Array<{ residentId: string; relation: string }>;
  headId: string | null;
}

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp();
});

afterAll(async () => {
  await t.close();
});

async function createHousehold(): Promise<string> {
  const reply = await t.post<Outcome & { householdId: string }>('staffGuangrui1', '/stations/guangrui-1/households', { compound: '广瑞一村' });
  expect(reply.status).toBe(201);
  return reply.body.householdId;
}

describe('when station staff keep a household', () => {
  it('creates a household and answers its id, stream version and position', async () => {
    const reply = await t.post<Outcome & { householdId: string }>('staffGuangrui1', '/stations/guangrui-1/households', { compound: '广瑞一村' });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ householdId: expect.stringMatching(/^[0-9a-f-]{36}$/), streamVersion: 0, position: await t.headPosition() });
    const view = await t.get<HouseholdView>('staffGuangrui1', `/stations/guangrui-1/households/${reply.body.householdId}`);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({ householdId: reply.body.householdId, stationId: 'guangrui-1', compound: '广瑞一村', members: [], headId: null });
  });

  it('adds members, sets the head, and removes a member', async () => {
    const householdId = await createHousehold();
    const url = `/stations/guangrui-1/households/${householdId}`;
    const [wang, li] = [await t.register('guangrui-1'), await t.register('guangrui-1')];

    const head = await t.post<Outcome>('staffGuangrui1', `${url}/members`, { residentId: wang.residentId, relation: 'head' });
    // Joining as head also makes the member the head: two events.
    expect(head.status).toBe(200);
    expect(head.body).toEqual({ streamVersion: 2, position: await t.headPosition() });
    const spouse = await t.post<Outcome>('staffGuangrui1', `${url}/members`, { residentId: li.residentId, relation: 'spouse' });
    expect(spouse.body).toEqual({ streamVersion: 3, position: await t.headPosition() });

    const newHead = await t.request<Outcome>('staffGuangrui1', 'PUT', `${url}/head`, { residentId: li.residentId });
    expect(newHead.status).toBe(200);
    expect(newHead.body).toEqual({ streamVersion: 4, position: await t.headPosition() });

    const removed = await t.request<Outcome>('staffGuangrui1', 'DELETE', `${url}/members/${wang.residentId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ streamVersion: 5, position: await t.headPosition() });

    const view = await t.get<HouseholdView>('staffGuangrui1', url);
    expect(view.body).toMatchObject({ members: [{ residentId: li.residentId, relation: 'spouse' }], headId: li.residentId });
  });

  it('registers a resident into an existing household of the station', async () => {
    const householdId = await createHousehold();
    const identity = t.newIdentity();

    const resident = await t.register('guangrui-1', { identity, form: t.registrationForm(identity, { householdId }) });

    const view = await t.get('staffGuangrui1', `/stations/guangrui-1/residents/${resident.residentId}`);
    expect(view.body).toMatchObject({ householdId });
    // The registry's reaction takes the newcomer onto the household's member list, related as 'other' (ADR 0012).
    const household = await eventually(
      () => t.get<HouseholdView>('staffGuangrui1', `/stations/guangrui-1/households/${householdId}`),
      (reply) => reply.body.members.length > 0,
    );
    expect(household.body.members).toEqual([{ residentId: resident.residentId, relation: 'other' }]);
  });

  it('refuses a registration into a household the station does not have, and appends nothing', async () => {
    const identity = t.newIdentity();
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(identity, { householdId: uuidv7() }));

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'household-not-found', details: { field: 'householdId' } });
    expect(await t.headPosition()).toBe(before);
  });

  it('refuses a member who does not live at the station', async () => {
    const householdId = await createHousehold();
    const elsewhere = await t.register('guangyi');
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', `/stations/guangrui-1/households/${householdId}/members`, {
      residentId: elsewhere.residentId,
      relation: 'child',
    });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'resident-not-present' });
    expect(await t.headPosition()).toBe(before);
  });

  it('answers 404 for a household the station does not have', async () => {
    const reply = await t.get('staffGuangrui1', '/stations/guangrui-1/households/no-such-household');

    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'household-not-found' });
  });
});
