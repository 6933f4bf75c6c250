import {
  brokerageStreams,
  registryStreams,
  registryUpcasters,
  ResidentPersonalDataErased,
  SurplusAllocated,
  Upcasters,
  volunteeringUpcasters,
} from '@kinship/contracts';
import { uuidv7 } from '@kinship/eventsourcing';
import { appendGivenEvent, GUANGRUI_CALLERS, HttpReply, HUISHAN_CHAIN, JsonBody, ServiceTestApp, startServiceTestApp } from '@kinship/testing';
import { VolunteeringReactions } from '../reactions/volunteering-reactions';
import { addDays, IsoDate, stationDate } from '../shared/station-time';
import { VolunteeringModule } from '../volunteering.module';

export type { HttpReply, JsonBody } from '@kinship/testing';

/**
 * Volunteering served the way the platform serves it (the shared service harness of @kinship/testing: tenancy's
 * guard with real tokens, the embedded adapters on files of one temp directory), with the reactions subscribed.
 * For `*.int-spec.ts` only.
 */

export const DISTRICT_ID = 'liangxi';

export const CALLERS = { ...GUANGRUI_CALLERS, otherCenterManager: { role: 'center-manager', org: 'huishan' } } as const;

export type Caller = keyof typeof CALLERS;
/** A known caller, or nobody (no Authorization header). */
export type Sender = Caller | null;
/** The methods of volunteering's routes. */
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface VolunteeringTestApp extends ServiceTestApp<Caller> {
  /** The station's date of the fixed instant the specs run at. */
  readonly today: IsoDate;
  /** Enrols a volunteer at the station (its staff acting) and returns the id; fails unless 201. */
  enrol(stationId: string, body?: JsonBody): Promise<string>;
  /** Schedules an activity with one shift and returns its ids; fails unless 201. */
  schedule(stationId: string, shift: { date: IsoDate; startTime: string; endTime: string; minStaff?: number; maxStaff?: number }): Promise<{ activityId: string; shiftId: string }>;
  /** Pairs a volunteer with a household and returns the pairing id; fails unless 201. */
  pair(stationId: string, volunteerId: string, body?: JsonBody): Promise<string>;
  /** Appends the brokerage's surplus allocation, as the brokerage service does. */
  allocateSurplus(stationId: string, amountFen: number, period?: string): Promise<{ allocationId: string; ledgerEntryId: string; eventId: string }>;
  /** The registry erasing a resident: the event on their stream, then their key. */
  eraseResident(stationId: string, residentId: string): Promise<void>;
  /** Resolves once every reaction has handled everything appended so far. */
  settled(): Promise<void>;
}

/**
 * The instant the specs run at: a Monday morning at the station (10:00, UTC+8). Date alone is faked and keeps
 * ticking from there, so shifts of "today" have started and "tomorrow" is a real, later day.
 */
export const SPEC_NOW = '2026-06-15T02:00:00.000Z';

/** Freezes the calendar at SPEC_NOW (time still runs); call at the top of a spec file. */
export function runAtSpecNow(): void {
  jest.useFakeTimers({
    now: new Date(SPEC_NOW),
    advanceTimers: true,
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
  });
}

/**
 * Registers the hooks of an int-spec file: the calendar at SPEC_NOW, and one app started before the file's tests
 * and closed after them. The app answers once started (in the file's own `beforeAll` hooks too, which run later).
 */
export function useVolunteeringTestApp(): VolunteeringTestApp {
  runAtSpecNow();
  let started: VolunteeringTestApp | undefined;
  beforeAll(async () => {
    started = await startVolunteeringTestApp();
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as VolunteeringTestApp, {
    get(_target, key) {
      if (!started) throw new Error('The volunteering test app is used before it started');
      const value = Reflect.get(started, key, started);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

export async function startVolunteeringTestApp(): Promise<VolunteeringTestApp> {
  const t = await startServiceTestApp({
    service: 'volunteering',
    modules: [VolunteeringModule.forRoot({ districtId: DISTRICT_ID })],
    callers: CALLERS,
    upcasters: Upcasters.merge(registryUpcasters, volunteeringUpcasters),
    districtId: DISTRICT_ID,
    orgUnits: HUISHAN_CHAIN,
  });
  const reactions = t.app.get(VolunteeringReactions);
  const staffOf = (stationId: string): Caller => (stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1');
  const created = (reply: HttpReply, what: string) => {
    if (reply.status !== 201) throw new Error(`${what} answered ${reply.status}: ${reply.text}`);
    return reply.body;
  };
  const system = (source: string) => ({ userId: source, role: 'system' as const });

  return Object.assign(t, {
    today: stationDate(new Date().toISOString()),
    async enrol(stationId: string, body: JsonBody = {}) {
      const form = { name: '李志强', phone: '13912345678', skills: ['first-aid'], languages: ['zh'], availability: [{ weekday: 6, part: 'morning' }], ...body };
      return created(await t.request(staffOf(stationId), 'POST', `/stations/${stationId}/volunteers`, form), 'Enrolment')['volunteerId'] as string;
    },
    async schedule(stationId: string, shift: { date: IsoDate; startTime: string; endTime: string; minStaff?: number; maxStaff?: number }) {
      const body = { title: 'Community tidy-up', kind: 'environment', location: 'East gate', shifts: [{ minStaff: 1, maxStaff: 3, ...shift }] };
      const reply = created(await t.request(staffOf(stationId), 'POST', `/stations/${stationId}/activities`, body), 'Scheduling');
      return { activityId: reply['activityId'] as string, shiftId: (reply['shiftIds'] as string[])[0] };
    },
    async pair(stationId: string, volunteerId: string, body: JsonBody = {}) {
      const form = { volunteerId, householdId: `hh-${uuidv7()}`, beneficiaryResidentId: `res-${uuidv7()}`, category: 'elderly-living-alone', needs: 'Weekly shopping', ...body };
      return created(await t.request(staffOf(stationId), 'POST', `/stations/${stationId}/pairings`, form), 'Pairing')['pairingId'] as string;
    },
    async allocateSurplus(stationId: string, amountFen: number, period = '2026-05') {
      const allocationId = uuidv7();
      const ledgerEntryId = `ledger-${allocationId}`;
      const data = { allocationId, stationId, period, amountFen, ledgerEntryId };
      const { id: eventId } = await appendGivenEvent(t.events, brokerageStreams.surplus(stationId, allocationId), SurplusAllocated, data, {
        tenantId: stationId,
        source: 'brokerage',
        actor: system('brokerage'),
      });
      return { allocationId, ledgerEntryId, eventId };
    },
    async eraseResident(stationId: string, residentId: string) {
      const data = { residentId, requestedBy: 'the resident', reason: 'asked to be forgotten' };
      await appendGivenEvent(t.events, registryStreams.resident(stationId, residentId), ResidentPersonalDataErased, data, {
        tenantId: stationId,
        source: 'registry',
        actor: system('registry'),
      });
      await t.keys.erase(residentId);
    },
    async settled() {
      const head = await t.events.headPosition();
      await Promise.all(reactions.running().map((consumer) => consumer.waitFor(head, 5000)));
    },
  });
}

/** A date some days from the station's today. */
export function daysFrom(today: IsoDate, days: number): IsoDate {
  return addDays(today, days);
}
