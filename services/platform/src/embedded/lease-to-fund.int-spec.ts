import { BrokerageReactions } from '@kinship/brokerage';
import { brokerageStreams, FeeScheduleSet, registryStreams, Role } from '@kinship/contracts';
import { generateResidentIdNumber } from '@kinship/privacy';
import { appendGivenEvent } from '@kinship/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../cli/cli';
import { EmbeddedConfig, loadConfig } from './config';
import { RunningPlatform, startPlatform } from './start-platform';

/**
 * From a lease signed at a station to the council's welfare fund, across the brokerage, the registry and volunteering
 * as the embedded platform runs them: the lease is signed, its fee invoiced and paid, the month closed, the surplus
 * allocated, the center's aid fund credited in volunteering, and the tenant's new address recorded in the registry.
 */

const STATION = 'guangrui-1';
const CENTER = 'guangrui';
const at = (path: string) => `/stations/${STATION}${path}`;

/** The stations are all in China: UTC+8, no daylight saving. */
const STATION_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The month `offset` months from the stations' current month, as 'YYYY-MM'. */
function stationMonth(offset: number): string {
  const today = new Date(Date.now() + STATION_OFFSET_MS);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

/** The day `day` of `month`, e.g. `dayOf('2026-04', 10)` is '2026-04-10'. */
const dayOf = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

/** The month before this one: ended, so it can be closed today. */
const lastMonth = stationMonth(-1);

let dataDir: string;
let config: EmbeddedConfig;
let platform: RunningPlatform;
const tokens = new Map<string, string>();

/** A bearer token the operator CLI issues, for a user of that role at that org unit. */
async function tokenOf(role: Role, org: string): Promise<string> {
  const key = `${role}@${org}`;
  if (!tokens.has(key)) tokens.set(key, await issueToken(config, role, org));
  return tokens.get(key) as string;
}

const staff = () => tokenOf('station-staff', STATION);
const lead = () => tokenOf('station-lead', STATION);
const centerManager = () => tokenOf('center-manager', CENTER);

async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const response = await platform.app.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: (response.body === '' ? {} : response.json()) as T, text: response.body };
}

/** Posts and fails the test unless the answer has `status` (201 by default); returns the body. */
async function ok<T = Record<string, unknown>>(token: string, path: string, body: unknown, status = 201): Promise<T> {
  const reply = await call<T>(token, 'POST', path, body);
  if (reply.status !== status) throw new Error(`POST ${path} answered ${reply.status}, not ${status}: ${reply.text}`);
  return reply.body;
}

/** Polls until `check` passes (reactions run on the bus, after the request that caused them has answered). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The center's fee schedule, as its manager set it on `effectiveFrom`: 30% of a month's rent, at most 500 yuan, free
 * renewals. Appended as history, since no request of today can set a schedule that took effect in the past.
 */
async function givenFeeSchedule(effectiveFrom: string): Promise<void> {
  const data = { centerId: CENTER, effectiveFrom, basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0, setOn: effectiveFrom };
  await appendGivenEvent(platform.infra.events, brokerageStreams.feeSchedule(CENTER), FeeScheduleSet, data, {
    tenantId: CENTER,
    source: 'brokerage',
    actor: { userId: 'given-center-manager', role: 'center-manager' },
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kinship-lease-to-fund-'));
  config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '0', 'log-level': 'silent' }, env: {} });
  platform = await startPlatform(config);
  await givenFeeSchedule(dayOf(stationMonth(-2), 1));
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a lease, from its signing to the welfare fund', () => {
  it('invoices the fee, books it, closes the month, credits the aid fund and records the tenant’s address', async () => {
    const birthDate = '1990-03-07';
    const arrivalDate = dayOf(stationMonth(-4), 1);
    const { residentId } = await ok<{ residentId: string }>(await staff(), at('/residents'), {
      name: '王秀英',
      sex: 'female',
      birthDate,
      idNumber: generateResidentIdNumber('341202', birthDate, 42, 'female'),
      phone: '13812345678',
      origin: { province: '安徽省', city: '阜阳市' },
      arrivalDate,
      address: { compound: '广瑞一村', building: '3', unit: '1', room: '101' },
      consent: { given: true, scope: ['registry', 'services'] },
    });

    const { landlordId } = await ok<{ landlordId: string }>(await staff(), at('/landlords'), { name: '陈建华', phone: '13912345678' });
    const { listingId } = await ok<{ listingId: string }>(await staff(), at('/listings'), {
      landlordId,
      compound: '广瑞二村',
      building: '7',
      unit: '2',
      room: '502',
      areaSqm: 42,
      rooms: 2,
      monthlyRentFen: 120_000,
      depositFen: 120_000,
    });
    await ok(await staff(), at(`/listings/${listingId}/publication`), { on: dayOf(lastMonth, 1) }, 200);

    // Signed last month, so that month can be closed today.
    const lease = await ok<{ leaseId: string; invoiceId: string; fee: { amountFen: number } }>(await staff(), at('/leases'), {
      listingId,
      residentId,
      signedOn: dayOf(lastMonth, 10),
      startsOn: dayOf(lastMonth, 15),
      endsOn: dayOf(stationMonth(11), 14),
    });
    expect(lease.fee.amountFen).toBe(36_000);

    await platform.app.get(BrokerageReactions).settled(5000);
    await ok(await staff(), at(`/invoices/${lease.invoiceId}/payments`), { amountFen: 36_000, method: 'cash', on: dayOf(lastMonth, 11) });
    const closed = await ok<{ allocationId: string; surplusFen: number; allocatedFen: number }>(await lead(), at('/ledger/closes'), { period: lastMonth });
    expect(closed).toMatchObject({ surplusFen: 36_000, allocatedFen: 36_000 });

    const manager = await centerManager();
    const fund = await eventually(
      async () => (await call<{ balanceFen: number; allocations: Array<{ allocationId: string; amountFen: number }> }>(manager, 'GET', `/centers/${CENTER}/aid-fund`)).body,
      (body) => (body.allocations ?? []).some((allocation) => allocation.allocationId === closed.allocationId),
      "the center's aid fund to be credited",
    );
    expect(fund.balanceFen).toBe(36_000);
    expect(fund.allocations).toEqual([expect.objectContaining({ allocationId: closed.allocationId, amountFen: 36_000 })]);

    const staffToken = await staff();
    const resident = await eventually(
      async () => (await call<{ compound: string; personal: { address: unknown } | null }>(staffToken, 'GET', at(`/residents/${residentId}`))).body,
      (body) => body.compound === '广瑞二村',
      "the registry to record the tenant's new address",
    );
    expect(resident.personal?.address).toEqual({ building: '7', unit: '2', room: '502' });
    const moved = (await platform.infra.events.readStream(registryStreams.resident(STATION, residentId))).at(-1);
    expect(moved).toMatchObject({ type: 'registry.resident-moved-within-station', data: { movedOn: dayOf(lastMonth, 15) } });
  });
});
