import { CommandContext, CommandOutcome } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams } from '../../application/brokerage-streams';
import { PersonalData } from '../../application/personal-data';
import { InvoiceCommands } from '../invoice.handler';
import { WaiveFeeRequest } from './waive-fee.request.dto';

@Injectable()
export class WaiveFeeHandler {
  constructor(
    private readonly invoices: InvoiceCommands,
    private readonly personal: PersonalData,
  ) {}

  async execute(stationId: string, invoiceId: string, request: WaiveFeeRequest, context: CommandContext): Promise<CommandOutcome> {
    const command = (justification: string) => ({
      type: 'WaiveFee' as const,
      data: { invoiceId, amountFen: request.amountFen, waivedOn: request.on, basis: { ...request.basis }, justification },
    });
    // Refused before the justification is encrypted: a waiver the invoice does not allow writes nothing anywhere.
    await this.invoices.check(stationId, command('unencrypted'), context);
    const { residentId } = await this.invoices.issued(stationId, invoiceId);
    const justification = await this.personal.encrypt('resident', residentId, { text: request.justification.trim() });
    return BrokerageStreams.outcome(await this.invoices.run(stationId, command(justification), context));
  }
}
