import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { VolunteeringStreams } from '../../application/volunteering-streams';
import { AidFundEvent, PairingStanding } from '../aid-fund.decider';
import { PayAidRequest, PayAidResponse } from './pay-aid.request.dto';

/** Pays aid from the center's welfare fund to a pairing of one of its stations. */
@Injectable()
export class PayAidHandler {
  constructor(
    private readonly streams: VolunteeringStreams,
    @Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader,
  ) {}

  async execute(centerId: string, request: PayAidRequest, context: CommandContext): Promise<PayAidResponse> {
    if (this.org.get(request.stationId)?.kind !== 'station' || this.org.centerOf(request.stationId)?.id !== centerId) {
      throw new DomainError('station-not-in-center', `Station ${request.stationId} is not a station of center ${centerId}`, 422, { field: 'stationId' });
    }
    const paymentId = uuidv7();
    const result = await this.streams.aidFund(
      {
        type: 'PayAid',
        data: {
          centerId,
          paymentId,
          stationId: request.stationId,
          pairingId: request.pairingId,
          pairing: await this.pairingStanding(request.stationId, request.pairingId),
          amountFen: request.amountFen,
          purpose: request.purpose,
          ...(request.paidOn !== undefined ? { paidOn: request.paidOn } : {}),
        },
      },
      context,
    );
    const [paid] = result.events as unknown as AidFundEvent[];
    return { paymentId, fundedBy: paid?.type === 'volunteering.aid-paid' ? paid.data.fundedBy : [], ...VolunteeringStreams.outcome(result) };
  }

  private async pairingStanding(stationId: string, pairingId: string): Promise<PairingStanding> {
    const pairing = await this.streams.pairingState(stationId, pairingId);
    return pairing.status === 'none' ? { status: 'none' } : { status: pairing.status, householdId: pairing.householdId };
  }
}
