import { brokerageStreams, EventEnvelope, LeaseRenewed, LeaseSigned } from '@kinship/contracts';
import { deterministicUuid } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../application/brokerage-streams';
import { reactionContext } from '../application/reaction-context';
import { invoiceDecider } from '../fees/invoice.decider';
import { Reaction } from './reaction';

/** The id of the invoice of a lease's signing or renewal: derived from that event, so the clerk can be told at once. */
export function invoiceIdFor(leaseEventId: string): string {
  return deterministicUuid(leaseEventId, 'brokerage.fee-invoice');
}

/** Invoices the brokerage fee of every lease signed or renewed for a fee (a renewal is usually free). */
@Injectable()
export class InvoicingReaction implements Reaction {
  readonly group = 'brokerage.invoicing';
  readonly categories = ['lease'] as const;

  constructor(private readonly streams: BrokerageStreams) {}

  async handle(event: EventEnvelope): Promise<void> {
    const charge = chargeOf(event);
    if (!charge || charge.amountFen === 0) return;
    const invoiceId = invoiceIdFor(event.id);
    const stationId = event.tenantId;
    await this.streams.run(
      invoiceDecider,
      brokerageStreams.invoice(stationId, invoiceId),
      stationId,
      { type: 'IssueInvoice', data: { invoiceId, stationId, ...charge } },
      reactionContext(event),
      { eventIds: [deterministicUuid(event.id, 'brokerage.fee-invoiced')], causationId: event.id },
    );
  }
}

function chargeOf(event: EventEnvelope) {
  if (event.type === LeaseSigned.type) {
    const { leaseId, residentId, fee, signedOn } = LeaseSigned.schema.parse(event.data);
    return { leaseId, residentId, amountFen: fee.amountFen, issuedOn: signedOn, reason: 'lease-signed' as const };
  }
  if (event.type === LeaseRenewed.type) {
    const { leaseId, residentId, fee, renewedOn } = LeaseRenewed.schema.parse(event.data);
    return { leaseId, residentId, amountFen: fee.amountFen, issuedOn: renewedOn, reason: 'lease-renewed' as const };
  }
  return null;
}
