import { brokerageStreams, FeeScheduleSet, registryStreams, ResidentPersonalDataErased } from '@kinship/contracts';
import { appendGivenEvent } from '@kinship/testing';
import { IsoDate, Month } from '../domain/calendar';
import { BrokerageTestApp } from './brokerage-test-app';

/**
 * History the brokerage's HTTP specs start from that no request of today could write: a fee schedule set months
 * ago (a schedule never takes effect in the past), and what the registry writes.
 */

/** The day `day` of `month`, e.g. `dayOf('2026-04', 10)` is '2026-04-10'. */
export function dayOf(month: Month, day: number): IsoDate {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The center's fee schedule, as its manager set it on `effectiveFrom`: 30% of a month's rent, at most 500 yuan, free renewals. */
export async function givenFeeSchedule(t: BrokerageTestApp, effectiveFrom: IsoDate, centerId = 'guangrui'): Promise<void> {
  const data = { centerId, effectiveFrom, basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0, setOn: effectiveFrom };
  await appendGivenEvent(t.events, brokerageStreams.feeSchedule(centerId), FeeScheduleSet, data, {
    tenantId: centerId,
    source: 'brokerage',
    actor: { userId: 'given-center-manager', role: 'center-manager' },
  });
}

/** The registry erasing a resident: the key shredded, the erasure announced on the resident's stream. */
export async function givenResidentErased(t: BrokerageTestApp, stationId: string, residentId: string): Promise<void> {
  await t.keys.erase(residentId);
  await appendGivenEvent(
    t.events,
    registryStreams.resident(stationId, residentId),
    ResidentPersonalDataErased,
    { residentId, requestedBy: 'the resident', reason: 'asked to be forgotten' },
    { tenantId: stationId, source: 'registry', actor: { userId: 'given-station-lead', role: 'station-lead' } },
  );
}
