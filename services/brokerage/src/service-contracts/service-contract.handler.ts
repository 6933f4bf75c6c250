import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandResult } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, WithoutMetadata } from '../application/brokerage-streams';
import { ServiceContractCommand, serviceContractDecider } from './service-contract.decider';

/** Runs a command on a service contract of the station. */
@Injectable()
export class ServiceContractCommands {
  constructor(private readonly streams: BrokerageStreams) {}

  run(stationId: string, command: WithoutMetadata<ServiceContractCommand>, context: CommandContext): Promise<CommandResult> {
    return this.streams.run(serviceContractDecider, brokerageStreams.serviceContract(stationId, command.data.contractId), stationId, command, context);
  }
}
