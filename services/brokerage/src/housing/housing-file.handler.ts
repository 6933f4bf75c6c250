import { brokerageStreams } from '@kinship/contracts';
import { CommandContext, CommandOutcome, CommandResult } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { BrokerageStreams, WithoutMetadata } from '../application/brokerage-streams';
import { HousingFileCommand, housingFileDecider } from './housing-file.decider';

/** Runs a command on a resident's housing file; the steps that need nothing but the file itself use it as is. */
@Injectable()
export class HousingFileHandler {
  constructor(private readonly streams: BrokerageStreams) {}

  async run(stationId: string, command: WithoutMetadata<HousingFileCommand>, context: CommandContext): Promise<CommandResult> {
    return this.streams.run(housingFileDecider, brokerageStreams.housingFile(stationId, command.data.residentId), stationId, command, context);
  }

  async execute(stationId: string, command: WithoutMetadata<HousingFileCommand>, context: CommandContext): Promise<CommandOutcome> {
    return BrokerageStreams.outcome(await this.run(stationId, command, context));
  }
}
