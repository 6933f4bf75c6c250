import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, COMMUTATIVE } from '../../application/brokerage-streams';
import { ledgerDecider } from '../ledger.decider';
import { LedgerEntryResponse } from '../record-expense/record-expense.request.dto';
import { ReverseEntryRequest } from './reverse-entry.request.dto';

/** Corrects a wrongly booked expense the bookkeeper's way: an entry with every line on the other side (红字冲销). */
@Injectable()
export class ReverseEntryHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async execute(stationId: string, reversesEntryId: string, request: ReverseEntryRequest, context: CommandContext): Promise<LedgerEntryResponse> {
    const entryId = uuidv7();
    const result = await this.streams.run(
      ledgerDecider,
      brokerageStreams.ledger(stationId),
      stationId,
      { type: 'ReverseEntry', data: { entryId, stationId, reversesEntryId, reason: request.reason, reversedOn: request.reversedOn } },
      context,
      COMMUTATIVE,
    );
    return { entryId, ...BrokerageStreams.outcome(result) };
  }
}
