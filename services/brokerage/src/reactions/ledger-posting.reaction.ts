import { brokerageStreams, EventEnvelope, InvoiceVoided } from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, COMMUTATIVE } from '../application/brokerage-streams';
import { reactionContext } from '../application/reaction-context';
import { ledgerDecider } from '../ledger/ledger.decider';
import { ledgerEntryIdOf, postingFor } from '../ledger/posting-rules';
import { Reaction } from './reaction';

/** Books every money event of invoices and service contracts in the station's ledger (see posting-rules.ts). */
@Injectable()
export class LedgerPostingReaction implements Reaction {
  readonly group = 'brokerage.ledger-posting';
  readonly categories = ['invoice', 'servicecontract'] as const;

  constructor(private readonly streams: BrokerageStreams) {}

  async handle(event: EventEnvelope): Promise<void> {
    const invoiceEntryId = event.type === InvoiceVoided.type ? await this.entryOfInvoice(event.streamId) : undefined;
    const posting = postingFor(event, { invoiceEntryId });
    if (!posting) return;
    await this.streams.run(
      ledgerDecider,
      brokerageStreams.ledger(posting.stationId),
      posting.stationId,
      { type: 'PostEntry', data: posting },
      reactionContext(event),
      { ...COMMUTATIVE, eventIds: [deterministicUuid(event.id, 'brokerage.ledger-entry-posted')], causationId: event.id },
    );
  }

  /** The entry that booked the invoice: named after the invoice's first event. */
  private async entryOfInvoice(streamId: string): Promise<string | undefined> {
    const [issued] = await this.streams.store.readStream(streamId);
    return issued ? ledgerEntryIdOf(issued.id) : undefined;
  }
}
