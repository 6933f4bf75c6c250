import { HouseholdMemberAdded, registryStreams, ResidentJoinedHousehold, ResidentLeftHousehold } from '@kinship/contracts';
import { CommandOutcome as Outcome } from '@kinship/eventsourcing';
import { appendGivenEvent } from '@kinship/testing';
import { HouseholdMembershipReaction } from '../reactions/household-membership.reaction';
import { ResidentView } from '../resident/get-resident/resident.view';
import { eventually, RegisteredResident, RegistryTestApp, useRegistryTestApp } from '../testing/registry-test-app';

/** A household's member list and each member's own record of their household never disagree (ADR 0012). */

interface HouseholdView {
  householdId: string;
  members: Array<{ residentId: string; relation: string }>;
  headId: string | null;
}

let t: RegistryTestApp;
useRegistryTestApp((app) => (t = app));

const householdUrl = (householdId: string, stationId = 'guangrui-1') => `/stations/${stationId}/households/${householdId}`;
const residentUrl = (residentId: string, stationId = 'guangrui-1') => `/stations/${stationId}/residents/${residentId}`;

async function createHousehold(stationId = 'guangrui-1', caller: 'staffGuangrui1' | 'staffGuangyi' = 'staffGuangrui1'): Promise<string> {
  return (await t.ok<{ householdId: string }>(caller, `/stations/${stationId}/households`, { compound: '广瑞一村' })).householdId;
}

async function household(householdId: string, stationId = 'guangrui-1'): Promise<HouseholdView> {
  return (await t.get<HouseholdView>(stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1', householdUrl(householdId, stationId))).body;
}

async function resident(residentId: string, stationId = 'guangrui-1'): Promise<ResidentView> {
  return (await t.get<ResidentView>(stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1', residentUrl(residentId, stationId))).body;
}

async function addMember(householdId: string, member: RegisteredResident, relation = 'spouse'): Promise<Outcome> {
  return t.ok<Outcome>('staffGuangrui1', `${householdUrl(householdId)}/members`, { residentId: member.residentId, relation }, 200);
}

describe('when staff add a resident to a household', () => {
  it("records the household on the resident's own record in the same request", async () => {
    const householdId = await createHousehold();
    const wang = await t.register('guangrui-1');

    const outcome = await addMember(householdId, wang, 'head');

    expect(await resident(wang.residentId)).toMatchObject({ householdId });
    // The answer's position covers the resident's record too, for a read-your-writes query.
    expect(outcome.position).toBe(await t.headPosition());
    const [, joined] = await t.residentStream('guangrui-1', wang.residentId);
    expect(joined).toMatchObject({ type: ResidentJoinedHousehold.type, data: { residentId: wang.residentId, householdId } });
  });

  it('refuses a resident who belongs to another household (409) and appends nothing', async () => {
    const [first, second] = [await createHousehold(), await createHousehold()];
    const li = await t.register('guangrui-1');
    await addMember(first, li);
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', `${householdUrl(second)}/members`, { residentId: li.residentId, relation: 'child' });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'resident-in-another-household', details: { householdId: first } });
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when staff remove a member from a household', () => {
  it("clears the household from the resident's record, who may then join another", async () => {
    const [first, second] = [await createHousehold(), await createHousehold()];
    const zhang = await t.register('guangrui-1');
    await addMember(first, zhang);

    const removed = await t.request<Outcome>('staffGuangrui1', 'DELETE', `${householdUrl(first)}/members/${zhang.residentId}`);

    expect(removed.status).toBe(200);
    expect(removed.body.position).toBe(await t.headPosition());
    expect((await resident(zhang.residentId)).householdId).toBeUndefined();
    expect((await t.residentStream('guangrui-1', zhang.residentId)).at(-1)).toMatchObject({ type: ResidentLeftHousehold.type });
    await addMember(second, zhang, 'child');
    expect(await resident(zhang.residentId)).toMatchObject({ householdId: second });
  });
});

describe('when a member of a household leaves the station', () => {
  it('takes a resident who moves out off the household, and their record shows no household', async () => {
    const householdId = await createHousehold();
    const [liu, chen] = [await t.register('guangrui-1'), await t.register('guangrui-1')];
    await addMember(householdId, liu, 'head');
    await addMember(householdId, chen);

    const outcome = await t.ok<Outcome>('staffGuangrui1', `${residentUrl(liu.residentId)}/move-out`, { movedOutOn: t.today, reason: 'left the city' }, 200);

    // Covering the resident leaving the household, the last of the steps a directory query may wait for.
    const left = (await t.residentStream('guangrui-1', liu.residentId)).at(-1);
    expect(left).toMatchObject({ type: ResidentLeftHousehold.type });
    expect(outcome.position).toBe(left?.position);
    expect(await household(householdId)).toMatchObject({ members: [{ residentId: chen.residentId }], headId: null });
    const view = await resident(liu.residentId);
    expect(view).toMatchObject({ status: 'moved-out' });
    expect(view.householdId).toBeUndefined();
  });

  it('takes a resident transferred to another station off the household of the old one', async () => {
    const householdId = await createHousehold();
    const yang = await t.register('guangrui-1');
    await addMember(householdId, yang);

    await t.ok('staffGuangrui1', `${residentUrl(yang.residentId)}/transfer`, { toStationId: 'guangyi', compound: '广益新村', building: '7', unit: '2' }, 200);

    expect((await household(householdId)).members).toEqual([]);
    expect((await resident(yang.residentId, 'guangyi')).householdId).toBeUndefined();
  });

  it('takes a returning resident into the household of the station they come back to', async () => {
    const householdId = await createHousehold('guangyi', 'staffGuangyi');
    const zhao = await t.register('guangrui-1');
    await t.ok('staffGuangrui1', `${residentUrl(zhao.residentId)}/move-out`, { movedOutOn: t.today, reason: 'went home' }, 200);

    const outcome = await t.ok<Outcome>(
      'staffGuangyi',
      `${residentUrl(zhao.residentId, 'guangyi')}/return`,
      { arrivalDate: t.today, address: { compound: '广益新村', building: '1', unit: '1' }, fromStationId: 'guangrui-1', householdId },
      200,
    );

    expect(outcome.position).toBe(await t.headPosition());
    expect((await household(householdId, 'guangyi')).members).toEqual([{ residentId: zhao.residentId, relation: 'other' }]);
    expect(await resident(zhao.residentId, 'guangyi')).toMatchObject({ status: 'present', householdId });
  });
});

describe("when the registry's reaction reads the log", () => {
  it('completes a membership whose other side a crash left unwritten', async () => {
    const householdId = await createHousehold();
    const sun = await t.register('guangrui-1');
    // The household's side only, as a handler that died right after its append leaves it.
    await appendGivenEvent(
      t.events,
      registryStreams.household('guangrui-1', householdId),
      HouseholdMemberAdded,
      { householdId, residentId: sun.residentId, relation: 'child' },
      { tenantId: 'guangrui-1', source: 'registry', actor: { userId: 'user-staff', role: 'station-staff' } },
    );

    const view = await eventually(
      () => resident(sun.residentId),
      (r) => r.householdId === householdId,
    );
    expect(view).toMatchObject({ householdId });
  });

  it('appends nothing when it handles an event a handler already followed up, however often', async () => {
    const householdId = await createHousehold();
    const zhou = await t.register('guangrui-1');
    await addMember(householdId, zhou);
    await t.ok('staffGuangrui1', `${residentUrl(zhou.residentId)}/move-out`, { movedOutOn: t.today, reason: 'left' }, 200);
    const reaction = t.app.get(HouseholdMembershipReaction);
    const causes = [...(await t.stream(registryStreams.household('guangrui-1', householdId))), ...(await t.residentStream('guangrui-1', zhou.residentId))];
    const before = await t.headPosition();

    for (const event of [...causes, ...causes]) await reaction.handle(event);

    expect(await t.headPosition()).toBe(before);
    expect((await household(householdId)).members).toEqual([]);
  });
});
