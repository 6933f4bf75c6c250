import { EventEnvelope, PairingVisitRecorded, streamCategory, VolunteerCheckedOut, volunteeringStreams } from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { Injectable, Logger } from '@nestjs/common';
import { VolunteeringStreams } from '../application/volunteering-streams';
import { reactionContext, reactionEventIds, unlessRefused } from './reaction-context';

const NAMESPACE = '5d0e8b2c-7a41-5f96-b3c8-1e9a4d6f0b27';

/**
 * Credits volunteers with the time they served: a check-out logs the attended minutes (verified by the
 * attendance), a pairing visit logs its time for the household to co-sign or staff to verify.
 */
@Injectable()
export class ServiceHoursReaction {
  readonly group = 'volunteering.service-hours';
  readonly categories = [volunteeringStreams.activity('station', 'activity'), volunteeringStreams.pairing('station', 'pairing')].map(streamCategory);
  private readonly logger = new Logger('ServiceHoursReaction');

  constructor(private readonly streams: VolunteeringStreams) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type === VolunteerCheckedOut.type) return this.fromAttendance(event);
    if (event.type === PairingVisitRecorded.type) return this.fromVisit(event);
  }

  private async fromAttendance(event: EventEnvelope): Promise<void> {
    const data = VolunteerCheckedOut.schema.parse(event.data);
    // Checked out the minute they checked in: nothing to credit.
    if (data.minutes < 1) return;
    const { volunteerId, activityId, shiftId, servedOn, minutes, checkedInAt, checkedOutAt } = data;
    await this.logHours(event, volunteerId, {
      source: 'attendance',
      servedOn,
      minutes,
      shift: { activityId, shiftId, attendance: { checkedInAt, checkedOutAt } },
    });
  }

  private async fromVisit(event: EventEnvelope): Promise<void> {
    const { volunteerId, pairingId, householdId, visitedOn, minutes } = PairingVisitRecorded.schema.parse(event.data);
    await this.logHours(event, volunteerId, { source: 'pairing-visit', servedOn: visitedOn, minutes, pairingId, householdId });
  }

  private async logHours(
    event: EventEnvelope,
    volunteerId: string,
    entry: Omit<Extract<Parameters<VolunteeringStreams['volunteer']>[1], { type: 'LogHours' }>['data'], 'volunteerId' | 'entryId'>,
  ): Promise<void> {
    const entryId = deterministicUuid(NAMESPACE, event.id);
    await unlessRefused(
      () =>
        this.streams.volunteer(event.tenantId, { type: 'LogHours', data: { volunteerId, entryId, ...entry } }, reactionContext(event), {
          eventIds: reactionEventIds(NAMESPACE, event, volunteerId),
          causationId: event.id,
        }),
      this.logger,
      event,
    );
  }
}
