import { EventEnvelope, SurplusAllocated, SURPLUS_ALLOCATION_CATEGORY } from '@kinship/contracts';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../application/volunteering-streams';
import { reactionContext, reactionEventIds } from './reaction-context';

const NAMESPACE = 'a2f1c6e0-4d7b-5c3a-9e81-6b0d2f4a7c15';

/** A station's surplus allocation credits the welfare fund of the station's service center. */
@Injectable()
export class SurplusToAidFundReaction {
  readonly group = 'volunteering.surplus-to-aid-fund';
  readonly categories = [SURPLUS_ALLOCATION_CATEGORY];

  constructor(
    private readonly streams: VolunteeringStreams,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== SurplusAllocated.type) return;
    const data = SurplusAllocated.schema.parse(event.data);
    const centerId = this.org.centerOf(data.stationId)?.id;
    // Thrown, not skipped: the money must land somewhere, so an operator looks at the dead letter.
    if (centerId === undefined || this.org.get(data.stationId)?.kind !== 'station') {
      throw new Error(`Surplus allocation ${data.allocationId} comes from ${data.stationId}, which is no station of a center`);
    }
    await this.streams.aidFund(
      {
        type: 'CreditAllocation',
        data: {
          centerId,
          allocationId: data.allocationId,
          fromStationId: data.stationId,
          period: data.period,
          amountFen: data.amountFen,
          ledgerEntryId: data.ledgerEntryId,
          surplusEventId: event.id,
        },
      },
      reactionContext(event),
      { eventIds: reactionEventIds(NAMESPACE, event, centerId), causationId: event.id },
    );
  }
}
