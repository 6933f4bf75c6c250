import { CommandContext, CommandOutcome, CommandResult } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommandInput, CaseStreams } from './case-streams';
import { CaseText } from './case-text';

/** How a handler writes a case's free text: under the case's own key. */
export interface CaseTextWriter {
  encrypt(text: string): Promise<string>;
  /** `{ [field]: ciphertext }` when the text is given and `{}` when not, to spread into a command's data. */
  optional<K extends string>(field: K, text: string | undefined): Promise<Partial<Record<K, string>>>;
}

type CommandBuilder = (text: CaseTextWriter) => CaseCommandInput | Promise<CaseCommandInput>;

/** Runs the commands of a station's case: the case must exist there (404) before any text is encrypted under its key. */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly streams: CaseStreams,
    private readonly text: CaseText,
  ) {}

  async run(stationId: string, caseId: string, context: CommandContext, build: CommandBuilder): Promise<CommandResult> {
    await this.streams.requireCase(stationId, caseId);
    const writer: CaseTextWriter = {
      encrypt: (text) => this.text.encrypt(caseId, text),
      optional: async <K extends string>(field: K, text: string | undefined) =>
        (text === undefined ? {} : { [field]: await this.text.encrypt(caseId, text) }) as Partial<Record<K, string>>,
    };
    return this.streams.runCase(stationId, await build(writer), context);
  }

  /** `run`, answering what every command answers: the stream's version and the log position. */
  async outcome(stationId: string, caseId: string, context: CommandContext, build: CommandBuilder): Promise<CommandOutcome> {
    return CaseStreams.outcome(await this.run(stationId, caseId, context, build));
  }
}
