import { brokerageStreams, LedgerMonthClosed } from '@kinship/contracts';
import { CommandContext, DomainError, uuidv7 } from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { BROKERAGE_OPTIONS, BrokerageOptions } from '../../application/brokerage.tokens';
import { BrokerageReactions } from '../../reactions/brokerage-reactions';
import { ledgerDecider } from '../ledger.decider';
import { CloseMonthRequest, CloseMonthResponse } from './close-month.request.dto';

/**
 * Closes a month of the station's ledger (月结): revenue and expenses closed into net assets, and the surplus, after
 * earlier deficits are made good, allocated to the council's welfare fund. Postings are booked by reactions, so the
 * close first waits until they have booked everything recorded before it.
 */
@Injectable()
export class CloseMonthHandler {
  constructor(
    private readonly streams: BrokerageStreams,
    private readonly reactions: BrokerageReactions,
    @Inject(BROKERAGE_OPTIONS) private readonly options: BrokerageOptions,
  ) {}

  async execute(stationId: string, request: CloseMonthRequest, context: CommandContext): Promise<CloseMonthResponse> {
    try {
      await this.reactions.settled(this.options.reactionsCatchUpTimeoutMs ?? 5000);
    } catch {
      throw new DomainError('postings-pending', 'The ledger has not booked everything recorded yet; close the month again shortly', 409);
    }
    const ids = { closingEntryId: uuidv7(), allocationEntryId: uuidv7(), allocationId: uuidv7() };
    const result = await this.streams.run(
      ledgerDecider,
      brokerageStreams.ledger(stationId),
      stationId,
      { type: 'CloseMonth', data: { stationId, period: request.period, ...ids } },
      context,
    );
    const closed = LedgerMonthClosed.schema.parse(result.events.find((event) => event.type === LedgerMonthClosed.type)?.data);
    const { stationId: _stationId, closedOn: _closedOn, closingEntryId: _closingEntryId, allocation, ...figures } = closed;
    return { ...figures, allocationId: allocation?.allocationId ?? null, ...BrokerageStreams.outcome(result) };
  }
}
