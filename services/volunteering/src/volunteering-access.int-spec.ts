import { ProblemDetails } from '@kinship/http';
import { Caller, CALLERS, daysFrom, HttpMethod, HttpReply, JsonBody, Sender, useVolunteeringTestApp } from './testing/volunteering-test-app';

/** Who may do what in volunteering (DESIGN §5), proven on every endpoint over HTTP with real tokens. */

/**
 * station-read: the station's people and their center's manager. station-write: the station's people.
 * station-lead: its lead only. erase: its lead, or an operator. center: the center's manager. public: anyone.
 */
type Access = 'station-read' | 'station-write' | 'station-lead' | 'erase' | 'center' | 'public';

interface Endpoint {
  name: string;
  method: HttpMethod;
  url: () => string;
  body?: () => JsonBody;
  access: Access;
}

const ALLOWED: Record<Access, readonly Caller[]> = {
  'station-read': ['staffGuangrui1', 'leadGuangrui1', 'centerManager'],
  'station-write': ['staffGuangrui1', 'leadGuangrui1'],
  'station-lead': ['leadGuangrui1'],
  erase: ['leadGuangrui1', 'operator'],
  center: ['centerManager'],
  public: Object.keys(CALLERS) as Caller[],
};

const t = useVolunteeringTestApp();
let volunteerId: string;
let entryId: string;
let activityId: string;
let shiftId: string;
let pairingId: string;
let serial: string;
let paymentId: string;

beforeAll(async () => {
  volunteerId = await t.enrol('guangrui-1', { name: '吴玉珍', phone: '13211110000', enrolledOn: '2026-01-05' });
  const reported = await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/hours`, { servedOn: '2026-06-01', minutes: 60 });
  entryId = reported.body['entryId'] as string;
  await t.post('staffGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/hours/${entryId}/verification`);
  ({ activityId, shiftId } = await t.schedule('guangrui-1', { date: daysFrom(t.today, 2), startTime: '09:00', endTime: '11:00' }));
  pairingId = await t.pair('guangrui-1', volunteerId, { needs: '吴家需要助听器' });
  serial = (await t.post('leadGuangrui1', `/stations/guangrui-1/volunteers/${volunteerId}/records`, { from: '2026-01-01', to: '2026-06-14' })).body['serial'] as string;
  await t.allocateSurplus('guangyi', 500_00);
  await t.settled();
  paymentId = (await t.post('centerManager', '/centers/guangrui/aid-fund/payments', { stationId: 'guangrui-1', pairingId, amountFen: 100_00, purpose: 'medical' })).body[
    'paymentId'
  ] as string;
});

const station = () => '/stations/guangrui-1';
const volunteer = () => `${station()}/volunteers/${volunteerId}`;
const entry = () => `${volunteer()}/hours/${entryId}`;
const shift = () => `${station()}/activities/${activityId}/shifts/${shiftId}`;
const pairing = () => `${station()}/pairings/${pairingId}`;
const plan = () => ({ date: daysFrom(t.today, 3), startTime: '09:00', endTime: '11:00', minStaff: 1, maxStaff: 3 });

const endpoints: Endpoint[] = [
  { name: 'enrol', method: 'POST', url: () => `${station()}/volunteers`, body: () => ({ name: '新人', phone: '13800000000' }), access: 'station-write' },
  { name: 'read a volunteer', method: 'GET', url: volunteer, access: 'station-read' },
  { name: 'update a profile', method: 'PUT', url: () => `${volunteer()}/profile`, body: () => ({ skills: ['cooking'] }), access: 'station-write' },
  { name: 'suspend', method: 'POST', url: () => `${volunteer()}/suspension`, body: () => ({ reason: 'health' }), access: 'station-write' },
  { name: 'reinstate', method: 'POST', url: () => `${volunteer()}/reinstatement`, body: () => ({}), access: 'station-write' },
  { name: 'record a departure', method: 'POST', url: () => `${station()}/volunteers/someone-else/departure`, body: () => ({ reason: 'no-time' }), access: 'station-write' },
  { name: 'erase a volunteer', method: 'POST', url: () => `${station()}/volunteers/someone-else/erasure`, access: 'erase' },
  { name: 'report hours', method: 'POST', url: () => `${volunteer()}/hours`, body: () => ({ servedOn: '2026-06-02', minutes: 30 }), access: 'station-write' },
  { name: 'read hours', method: 'GET', url: () => `${volunteer()}/hours`, access: 'station-read' },
  { name: 'amend hours', method: 'POST', url: () => `${entry()}/amendment`, body: () => ({ minutes: 50 }), access: 'station-write' },
  { name: 'verify hours', method: 'POST', url: () => `${entry()}/verification`, access: 'station-write' },
  { name: 'co-sign hours', method: 'POST', url: () => `${entry()}/co-signature`, body: () => ({ householdId: 'hh-1', signatoryResidentId: 'res-1' }), access: 'station-write' },
  { name: 'reject hours', method: 'POST', url: () => `${entry()}/rejection`, body: () => ({ reason: 'duplicate' }), access: 'station-write' },
  { name: 'dispute hours', method: 'POST', url: () => `${entry()}/dispute`, body: () => ({ raisedBy: 'staff', reason: 'other' }), access: 'station-write' },
  { name: 'correct hours', method: 'POST', url: () => `${entry()}/correction`, body: () => ({ minutes: 40 }), access: 'station-write' },
  { name: 'dismiss a dispute', method: 'POST', url: () => `${entry()}/dispute-dismissal`, access: 'station-write' },
  {
    name: 'schedule an activity',
    method: 'POST',
    url: () => `${station()}/activities`,
    body: () => ({ title: 'Clean-up', kind: 'environment', location: 'Gate', shifts: [plan()] }),
    access: 'station-write',
  },
  { name: 'read an activity', method: 'GET', url: () => `${station()}/activities/${activityId}`, access: 'station-read' },
  { name: 'add shifts', method: 'POST', url: () => `${station()}/activities/${activityId}/shifts`, body: () => ({ shifts: [plan()] }), access: 'station-write' },
  { name: 'sign up', method: 'POST', url: () => `${shift()}/sign-ups`, body: () => ({ volunteerId }), access: 'station-write' },
  { name: 'cancel a sign-up', method: 'POST', url: () => `${shift()}/sign-ups/${volunteerId}/cancellation`, access: 'station-write' },
  { name: 'check in', method: 'POST', url: () => `${shift()}/check-ins`, body: () => ({ volunteerId }), access: 'station-write' },
  { name: 'check out', method: 'POST', url: () => `${shift()}/check-outs`, body: () => ({ volunteerId }), access: 'station-write' },
  { name: 'record a no-show', method: 'POST', url: () => `${shift()}/no-shows`, body: () => ({ volunteerId }), access: 'station-write' },
  { name: 'cancel a shift', method: 'POST', url: () => `${shift()}/cancellation`, body: () => ({ reason: 'weather' }), access: 'station-write' },
  { name: 'cancel an activity', method: 'POST', url: () => `${station()}/activities/no-such-activity/cancellation`, body: () => ({ reason: 'venue' }), access: 'station-write' },
  {
    name: 'start a pairing',
    method: 'POST',
    url: () => `${station()}/pairings`,
    body: () => ({ volunteerId, householdId: 'hh-9', beneficiaryResidentId: 'res-9', category: 'disabled' }),
    access: 'station-write',
  },
  { name: 'read a pairing', method: 'GET', url: pairing, access: 'station-read' },
  { name: 'record a visit', method: 'POST', url: () => `${pairing()}/visits`, body: () => ({ minutes: 30, kind: 'phone-call' }), access: 'station-write' },
  { name: 'set the visit alert', method: 'PUT', url: () => `${pairing()}/visit-alert`, body: () => ({ alertAfterDays: 10 }), access: 'station-write' },
  { name: 'end a pairing', method: 'POST', url: () => `${station()}/pairings/no-such-pairing/ending`, body: () => ({ reason: 'other' }), access: 'station-write' },
  { name: 'read the aid fund', method: 'GET', url: () => '/centers/guangrui/aid-fund', access: 'center' },
  { name: 'trace a payment', method: 'GET', url: () => `/centers/guangrui/aid-fund/payments/${paymentId}`, access: 'center' },
  {
    name: 'pay aid',
    method: 'POST',
    url: () => '/centers/guangrui/aid-fund/payments',
    body: () => ({ stationId: 'guangrui-1', pairingId, amountFen: 1_00, purpose: 'festival-visit' }),
    access: 'center',
  },
  { name: 'reverse a payment', method: 'POST', url: () => '/centers/guangrui/aid-fund/payments/no-such-payment/reversal', body: () => ({ reason: 'other' }), access: 'center' },
  { name: 'issue a record', method: 'POST', url: () => `${volunteer()}/records`, body: () => ({ from: '2026-01-01', to: '2026-06-14' }), access: 'station-lead' },
  { name: 'revoke a record', method: 'POST', url: () => `${station()}/volunteer-records/VR0000000000000000000000000A/revocation`, body: () => ({ reason: 'other' }), access: 'station-lead' },
  { name: 'check a record', method: 'GET', url: () => `/volunteer-records/${serial}`, access: 'public' },
];

function send(sender: Sender, endpoint: Endpoint): Promise<HttpReply<ProblemDetails>> {
  return t.request<ProblemDetails>(sender, endpoint.method, endpoint.url(), endpoint.body?.() ?? (endpoint.method === 'GET' ? undefined : {}));
}

/** A refusal: problem+json, nothing appended, and nothing of the volunteer's or beneficiary's data. */
async function expectRefused(sender: Sender, endpoint: Endpoint, status: 401 | 403): Promise<void> {
  const before = await t.headPosition();
  const reply = await send(sender, endpoint);
  expect({ endpoint: endpoint.name, sender, status: reply.status }).toEqual({ endpoint: endpoint.name, sender, status });
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  for (const secret of ['吴玉珍', '13211110000', '助听器']) expect(reply.text).not.toContain(secret);
  expect(await t.headPosition()).toBe(before);
}

describe.each(endpoints.filter((endpoint) => endpoint.access !== 'public'))('$name', (endpoint) => {
  it('answers 401 without a token', async () => {
    await expectRefused(null, endpoint, 401);
  });

  it('answers 403 to everyone else', async () => {
    const refused = (Object.keys(CALLERS) as Caller[]).filter((caller) => !ALLOWED[endpoint.access].includes(caller));
    for (const caller of refused) await expectRefused(caller, endpoint, 403);
  });
});

describe.each(endpoints)('$name', (endpoint) => {
  it('lets its callers through', async () => {
    for (const caller of ALLOWED[endpoint.access]) {
      const reply = await send(caller, endpoint);
      expect({ endpoint: endpoint.name, caller, refused: [401, 403].includes(reply.status) }).toEqual({ endpoint: endpoint.name, caller, refused: false });
    }
  });
});

describe('a station reaching into another station through its own path', () => {
  it('finds nothing of the other station', async () => {
    const theirs = await t.enrol('guangyi', { name: '郑春梅' });
    const reply = await t.get('staffGuangrui1', `/stations/guangrui-1/volunteers/${theirs}`);
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('郑春梅');
  });
});
