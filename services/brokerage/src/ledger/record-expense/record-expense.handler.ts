import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, COMMUTATIVE } from '../../application/brokerage-streams';
import { ledgerDecider } from '../ledger.decider';
import { LedgerEntryResponse, RecordExpenseRequest } from './record-expense.request.dto';

/** Books an operating expense paid by the station (rent, supplies, activities). */
@Injectable()
export class RecordExpenseHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async execute(stationId: string, request: RecordExpenseRequest, context: CommandContext): Promise<LedgerEntryResponse> {
    const entryId = uuidv7();
    const result = await this.streams.run(
      ledgerDecider,
      brokerageStreams.ledger(stationId),
      stationId,
      { type: 'RecordExpense', data: { entryId, stationId, ...request } },
      context,
      COMMUTATIVE,
    );
    return { entryId, ...BrokerageStreams.outcome(result) };
  }
}
