import { ResidentView } from './get-resident/resident.view';
import { dateFrom, RegistryTestApp, startRegistryTestApp } from '../testing/registry-test-app';
import { permitEligibleFrom, permitValidUntil } from '../permit/residence-permit';

interface Outcome {
  streamVersion: number;
  position: number;
}

let t: RegistryTestApp;

beforeAll(async () => {
  t = await startRegistryTestApp();
});

afterAll(async () => {
  await t.close();
});

const residentUrl = (stationId: string, residentId: string) => `/stations/${stationId}/residents/${residentId}`;

/** Every command answers the stream's new version and a log position no lower than the head it wrote. */
async function expectOutcome(reply: { status: number; body: Outcome }, status: number, streamVersion: number) {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual(expect.objectContaining({ streamVersion, position: expect.any(Number) }));
  expect(reply.body.position).toBe(await t.headPosition());
}

describe('when station staff register a new citizen', () => {
  it('answers 201 with the new resident id, the stream version and the log position', async () => {
    const identity = t.newIdentity('female');
    const reply = await t.post<Outcome & { residentId: string }>('staffGuangrui1', '/stations/guangrui-1/residents', t.registrationForm(identity));

    expect(reply.status).toBe(201);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.body).toEqual({ residentId: expect.stringMatching(/^[0-9a-f-]{36}$/), streamVersion: 0, position: expect.any(Number) });
    expect(reply.body.position).toBe(await t.headPosition());
  });

  it('shows the station its own resident with every personal field in clear', async () => {
    const resident = await t.register('guangrui-1');

    const reply = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      residentId: resident.residentId,
      stationId: 'guangrui-1',
      status: 'present',
      sex: resident.sex,
      origin: { province: '安徽省', city: '阜阳市' },
      arrivalDate: dateFrom(t.today, { days: -30 }),
      compound: '广瑞一村',
      occupation: 'assembly worker',
      childrenNeedingSchool: [{ birthYear: 2019, schoolLevel: 'primary' }],
      consent: { given: true, recordedAt: expect.any(String), scope: ['registry', 'services'] },
      permit: { status: 'none', eligibleFrom: expect.any(String), statusToday: 'not-eligible' },
      personal: {
        name: resident.name,
        idNumber: resident.idNumber,
        phone: '13812345678',
        birthDate: resident.birthDate,
        address: { building: '12', unit: '2', room: '301' },
        employer: '无锡某电子厂',
      },
      personalMasked: false,
    });
  });

  it('answers 404 for an id that is not a resident id, whatever it folds in', async () => {
    const resident = await t.register('guangyi');

    // Only UUIDs name residents: a path id of any other shape reaches no stream, whatever it contains.
    const reply = await t.get('staffGuangrui1', residentUrl('guangrui-1', `x-${resident.residentId}`));

    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain(resident.name);
  });

  it('answers 404 problem+json for a resident the station never had', async () => {
    const reply = await t.get('staffGuangrui1', residentUrl('guangrui-1', '0190aaaa-0000-7000-8000-000000000000'));

    expect(reply.status).toBe(404);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ code: 'resident-not-found', status: 404 });
  });
});

describe('when a resident’s details are corrected', () => {
  it('re-encrypts the personal document and answers the next stream version', async () => {
    const resident = await t.register('guangrui-1');

    const reply = await t.post<Outcome>('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/corrections`, {
      phone: '13900001111',
      occupation: 'electrician',
      reason: 'new phone, new job',
    });

    await expectOutcome(reply, 200, 1);
    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body.personal).toMatchObject({ name: resident.name, phone: '13900001111' });
    expect(view.body.occupation).toBe('electrician');
  });

  it('rejects a correction that changes nothing, even one repeating the personal fields as they are', async () => {
    const resident = await t.register('guangrui-1');
    const before = await t.headPosition();

    const reply = await t.post('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/corrections`, {
      phone: '13812345678',
      name: resident.name,
      reason: 'checked at the desk',
    });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'correction-changes-nothing' });
    expect(await t.headPosition()).toBe(before);
  });
});

describe('when a resident moves within the station', () => {
  it('records the new compound and keeps the new address encrypted', async () => {
    const resident = await t.register('guangrui-1');

    const reply = await t.post<Outcome>('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/moves`, {
      compound: '广瑞二村',
      building: '3',
      unit: '1',
      room: '502',
      movedOn: dateFrom(t.today, { days: -2 }),
    });

    await expectOutcome(reply, 200, 1);
    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body).toMatchObject({ status: 'present', compound: '广瑞二村', personal: { address: { building: '3', unit: '1', room: '502' } } });
  });
});

describe('when a resident moves out of the community', () => {
  it('records the day and shows the resident as moved out', async () => {
    const resident = await t.register('guangrui-1');
    const movedOutOn = dateFrom(t.today, { days: -1 });

    const reply = await t.post<Outcome>('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/move-out`, {
      movedOutOn,
      reason: 'returned to home province',
    });

    // The answer's position is the move-out's; the note on the ID-number claim that follows is no read model's.
    expect(reply.status).toBe(200);
    const [, movedOut] = await t.residentStream('guangrui-1', resident.residentId);
    expect(reply.body).toEqual({ streamVersion: 1, position: movedOut.position });
    expect((await t.idNumberClaimStream(resident.idNumber)).at(-1)).toMatchObject({ type: 'registry.id-number-holder-moved-out', position: await t.headPosition() });
    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body).toMatchObject({ status: 'moved-out', movedOutOn });
  });

  it('rejects a move-out dated in the future with 422 naming the rule', async () => {
    const resident = await t.register('guangrui-1');

    const reply = await t.post('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/move-out`, {
      movedOutOn: dateFrom(t.today, { days: 3 }),
      reason: 'leaving soon',
    });

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'date-in-future', details: { field: 'movedOutOn' } });
  });
});

describe('the residence permit lifecycle', () => {
  it('applies, issues and endorses a permit of a resident who arrived years ago', async () => {
    const arrivalDate = dateFrom(t.today, { years: -2 });
    const identity = t.newIdentity();
    const veteran = await t.register('guangrui-1', { identity, form: t.registrationForm(identity, { arrivalDate }) });
    const url = `${residentUrl('guangrui-1', veteran.residentId)}/residence-permit`;
    const appliedOn = dateFrom(t.today, { years: -1, days: -30 });
    // Issued a little less than a year ago: the permit is valid and its endorsement is due now.
    const issuedOn = dateFrom(t.today, { years: -1, days: 10 });

    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/application`, { on: appliedOn }), 200, 1);
    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/issue`, { on: issuedOn }), 200, 2);
    const due = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', veteran.residentId));
    expect(due.body.permit).toEqual({
      status: 'issued',
      appliedOn,
      issuedOn,
      validUntil: permitValidUntil(issuedOn),
      eligibleFrom: permitEligibleFrom(arrivalDate),
      statusToday: 'endorsement-due',
    });

    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/endorsement`, {}), 200, 3);
    const endorsed = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', veteran.residentId));
    expect(endorsed.body.permit).toMatchObject({ status: 'issued', validUntil: permitValidUntil(permitValidUntil(issuedOn)), statusToday: 'issued' });
  });

  it('refuses an application before six months of residence', async () => {
    const resident = await t.register('guangrui-1');
    const before = await t.headPosition();

    const early = await t.post('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/residence-permit/application`, {});

    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'permit-not-yet-eligible' });
    expect(await t.headPosition()).toBe(before);
  });

  it('issues a permit applied for recently, valid for a year from the issue', async () => {
    const identity = t.newIdentity();
    const resident = await t.register('guangrui-1', {
      identity,
      form: t.registrationForm(identity, { arrivalDate: dateFrom(t.today, { years: -1 }) }),
    });
    const url = `${residentUrl('guangrui-1', resident.residentId)}/residence-permit`;
    const issuedOn = dateFrom(t.today, { days: -3 });

    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/application`, { on: dateFrom(t.today, { days: -20 }) }), 200, 1);
    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/issue`, { on: issuedOn }), 200, 2);

    const view = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(view.body.permit).toMatchObject({ status: 'issued', issuedOn, validUntil: permitValidUntil(issuedOn), statusToday: 'issued' });
  });

  it('marks an expired permit lapsed and restores it', async () => {
    const identity = t.newIdentity();
    const resident = await t.register('guangrui-1', {
      identity,
      form: t.registrationForm(identity, { arrivalDate: dateFrom(t.today, { years: -3 }) }),
    });
    const url = `${residentUrl('guangrui-1', resident.residentId)}/residence-permit`;
    await t.post('staffGuangrui1', `${url}/application`, { on: dateFrom(t.today, { years: -2 }) });
    const issuedOn = dateFrom(t.today, { years: -2, days: 20 });
    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/issue`, { on: issuedOn }), 200, 2);

    const overdue = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(overdue.body.permit).toMatchObject({ status: 'issued', statusToday: 'overdue' });

    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/lapse`, {}), 200, 3);
    const lapsed = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(lapsed.body.permit).toMatchObject({ status: 'lapsed', statusToday: 'lapsed' });

    await expectOutcome(await t.post<Outcome>('staffGuangrui1', `${url}/restoration`, { on: t.today }), 200, 4);
    const restored = await t.get<ResidentView>('staffGuangrui1', residentUrl('guangrui-1', resident.residentId));
    expect(restored.body.permit).toMatchObject({ status: 'issued', validUntil: permitValidUntil(t.today), statusToday: 'issued' });
  });

  it('answers 400 for a step that is not part of the lifecycle', async () => {
    const resident = await t.register('guangrui-1');

    const reply = await t.post('staffGuangrui1', `${residentUrl('guangrui-1', resident.residentId)}/residence-permit/revocation`, {});

    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
  });
});
