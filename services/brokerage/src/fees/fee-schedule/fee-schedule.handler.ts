import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome, DomainError } from '@kinship/eventsourcing';
import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { IsoDate, stationDate } from '../../domain/calendar';
import { feeScheduleDecider, termsOn } from '../fee-schedule.decider';
import { FeeTerms } from '../fee-terms';
import { FeeScheduleView, SetFeeScheduleRequest } from './fee-schedule.request.dto';

const RULE = "floor(monthly rent × basisPoints / 10000) fen, then capped at capFen; renewals use renewalBasisPoints";

/** A center's fee schedule: set by its manager, read by its stations, applied when a lease is signed or renewed. */
@Injectable()
export class FeeScheduleHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
  ) {}

  async set(centerId: string, request: SetFeeScheduleRequest, context: CommandContext): Promise<CommandOutcome> {
    const { effectiveFrom, basisPoints, capFen, renewalBasisPoints } = request;
    const result = await this.streams.run(
      feeScheduleDecider,
      brokerageStreams.feeSchedule(centerId),
      centerId,
      { type: 'SetFeeSchedule', data: { centerId, effectiveFrom, basisPoints, capFen, renewalBasisPoints } },
      context,
    );
    return BrokerageStreams.outcome(result);
  }

  async view(centerId: string, now: string): Promise<FeeScheduleView> {
    const state = await this.streams.load(feeScheduleDecider, brokerageStreams.feeSchedule(centerId));
    return { centerId, inForce: termsOn(state, stationDate(now)), versions: state.versions, rule: RULE };
  }

  async viewForStation(stationId: string, now: string): Promise<FeeScheduleView> {
    return this.view(this.centerOf(stationId), now);
  }

  /** The terms a station charges by on `date`: its center's. A lease cannot be priced before the center sets them. */
  async termsFor(stationId: string, date: IsoDate): Promise<FeeTerms> {
    const centerId = this.centerOf(stationId);
    const terms = termsOn(await this.streams.load(feeScheduleDecider, brokerageStreams.feeSchedule(centerId)), date);
    if (!terms) {
      throw new DomainError('fee-schedule-not-set', 'The service center has set no fee schedule in force on that day', 409, { centerId, date });
    }
    return terms;
  }

  private centerOf(stationId: string): string {
    const center = this.directory.centerOf(stationId);
    if (!center) throw new DomainError('station-not-found', 'No such station', 404, { stationId });
    return center.id;
  }
}
