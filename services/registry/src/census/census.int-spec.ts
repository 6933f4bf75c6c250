import { CommunityCensusRecorded, registryStreams } from '@kinship/contracts';
import { ProblemDetails } from '@kinship/http';
import { addDays } from '../permit/calendar-date';
import { RegistryTestApp, useRegistryTestApp } from '../testing/registry-test-app';

interface CensusView {
  stationId: string;
  asOf: string;
  households: number;
  residents: number;
  recordedAt: string;
  position: number;
}

let t: RegistryTestApp;
useRegistryTestApp((app) => (t = app));

const censusUrl = (stationId: string) => `/stations/${stationId}/census`;

/** Posts a census the decider must refuse; expects the status and code, and that nothing was appended. */
async function expectRefused(body: object, status: number, code: string): Promise<ProblemDetails> {
  const before = await t.headPosition();
  const reply = await t.post<ProblemDetails>('leadGuangyi', censusUrl('guangyi'), body);
  expect(reply.status).toBe(status);
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status, code });
  expect(await t.headPosition()).toBe(before);
  return reply.body;
}

describe('when the station lead records the community census', () => {
  it('records it on the station census stream and answers its version and position', async () => {
    const reply = await t.post('leadGuangrui1', censusUrl('guangrui-1'), { asOf: addDays(t.today, -400), households: 3900, residents: 9500 });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ streamVersion: 0, position: await t.headPosition() });
    const [event] = await t.stream(registryStreams.census('guangrui-1'));
    expect(event).toMatchObject({
      type: CommunityCensusRecorded.type,
      schemaVersion: 1,
      tenantId: 'guangrui-1',
      data: { stationId: 'guangrui-1', asOf: addDays(t.today, -400), households: 3900, residents: 9500 },
      metadata: { actor: { userId: 'user-leadGuangrui1', role: 'station-lead' }, source: 'registry' },
    });
  });

  it('lists the censuses of the station, the newest first, to its staff and the center manager', async () => {
    await t.ok('leadGuangrui1', censusUrl('guangrui-1'), { asOf: addDays(t.today, -30), households: 4019, residents: 9817 });

    for (const caller of ['staffGuangrui1', 'leadGuangrui1', 'centerManager'] as const) {
      const reply = await t.get<CensusView[]>(caller, censusUrl('guangrui-1'));
      expect(reply.status).toBe(200);
      expect(reply.body.map(({ asOf, households, residents }) => ({ asOf, households, residents }))).toEqual([
        { asOf: addDays(t.today, -30), households: 4019, residents: 9817 },
        { asOf: addDays(t.today, -400), households: 3900, residents: 9500 },
      ]);
      expect(reply.body[0]).toEqual({
        stationId: 'guangrui-1',
        asOf: addDays(t.today, -30),
        households: 4019,
        residents: 9817,
        recordedAt: expect.any(String),
        position: expect.any(Number),
      });
    }
  });

  it('lists no census for a station that has none', async () => {
    const reply = await t.get('staffGuangyi', censusUrl('guangyi'));

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([]);
  });
});

describe('when the census cannot be recorded', () => {
  beforeAll(async () => {
    await t.ok('leadGuangyi', censusUrl('guangyi'), { asOf: addDays(t.today, -10), households: 1000, residents: 3000 });
  });

  it('refuses a census as of a day still to come (422)', async () => {
    const problem = await expectRefused({ asOf: addDays(t.today, 1), households: 1000, residents: 3000 }, 422, 'census-date-in-future');
    expect(problem).toMatchObject({ details: { today: t.today } });
  });

  it('refuses a census not after the last one recorded (409)', async () => {
    const problem = await expectRefused({ asOf: addDays(t.today, -10), households: 1001, residents: 3001 }, 409, 'census-not-after-last');
    expect(problem).toMatchObject({ details: { lastAsOf: addDays(t.today, -10) } });
    await expectRefused({ asOf: addDays(t.today, -20), households: 1001, residents: 3001 }, 409, 'census-not-after-last');
  });

  it('refuses more households than residents (422)', async () => {
    await expectRefused({ asOf: t.today, households: 3001, residents: 3000 }, 422, 'more-households-than-residents');
  });

  it('refuses station staff, who may not record a census (403)', async () => {
    const before = await t.headPosition();
    const reply = await t.post('staffGuangyi', censusUrl('guangyi'), { asOf: t.today, households: 1, residents: 1 });

    expect(reply.status).toBe(403);
    expect(await t.headPosition()).toBe(before);
  });

  it('refuses a lead of another station, and shows them nothing of it (403)', async () => {
    const before = await t.headPosition();
    expect((await t.post('leadGuangrui1', censusUrl('guangyi'), { asOf: t.today, households: 1, residents: 1 })).status).toBe(403);
    const read = await t.get('staffGuangrui1', censusUrl('guangyi'));
    expect(read.status).toBe(403);
    expect(read.text).not.toContain('3000');
    expect(await t.headPosition()).toBe(before);
  });

  it('refuses without a token (401)', async () => {
    expect((await t.post(null, censusUrl('guangyi'), { asOf: t.today, households: 1, residents: 1 })).status).toBe(401);
    expect((await t.get(null, censusUrl('guangyi'))).status).toBe(401);
  });
});
