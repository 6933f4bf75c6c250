import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandResult, DomainError } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, WithoutMetadata } from '../application/brokerage-streams';
import { InvoiceCommand, invoiceDecider, InvoiceRecord } from './invoice.decider';

/** Runs a command on an invoice of the station. */
@Injectable()
export class InvoiceCommands {
  constructor(private readonly streams: BrokerageStreams) {}

  run(stationId: string, command: WithoutMetadata<InvoiceCommand>, context: CommandContext): Promise<CommandResult> {
    return this.streams.run(invoiceDecider, brokerageStreams.invoice(stationId, command.data.invoiceId), stationId, command, context);
  }

  check(stationId: string, command: WithoutMetadata<InvoiceCommand>, context: CommandContext): Promise<void> {
    return this.streams.check(invoiceDecider, brokerageStreams.invoice(stationId, command.data.invoiceId), stationId, command, context);
  }

  /** The invoice as issued and settled so far; 404 when the station issued none under this id. */
  async issued(stationId: string, invoiceId: string): Promise<InvoiceRecord> {
    const state = await this.streams.load(invoiceDecider, brokerageStreams.invoice(stationId, invoiceId));
    if (state.status === 'none') throw new DomainError('invoice-not-found', 'No invoice with this id at the station', 404);
    return state.invoice;
  }
}
