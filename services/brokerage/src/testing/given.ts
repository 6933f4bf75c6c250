import { brokerageStreams, FeeScheduleSet, NewEvent, registryStreams, ResidentPersonalDataErased } from '@kinship/contracts';
import { uuidv7 } from '@kinship/eventsourcing';
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
  const data = FeeScheduleSet.schema.parse({ centerId, effectiveFrom, basisPoints: 3000, capFen: 50_000, renewalBasisPoints: 0, setOn: effectiveFrom });
  await t.events.append(brokerageStreams.feeSchedule(centerId), [event(FeeScheduleSet.type, centerId, data, 'center-manager')], { expectedVersion: 'any' });
}

/** The registry erasing a resident: the key shredded, the erasure announced on the resident's stream. */
export async function givenResidentErased(t: BrokerageTestApp, stationId: string, residentId: string): Promise<void> {
  await t.keys.erase(residentId);
  const data = ResidentPersonalDataErased.schema.parse({ residentId, requestedBy: 'the resident', reason: 'asked to be forgotten' });
  await t.events.append(registryStreams.resident(stationId, residentId), [event(ResidentPersonalDataErased.type, stationId, data, 'station-lead', 'registry')], {
    expectedVersion: 'any',
  });
}

function event(type: string, tenantId: string, data: unknown, role: 'center-manager' | 'station-lead', source = 'brokerage'): NewEvent {
  return {
    id: uuidv7(),
    type,
    schemaVersion: 1,
    tenantId,
    occurredAt: new Date().toISOString(),
    data,
    metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: `given-${role}`, role }, source },
  };
}
