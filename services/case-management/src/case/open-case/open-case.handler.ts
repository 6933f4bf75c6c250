import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseStreams } from '../../application/case-streams';
import { CaseText } from '../../application/case-text';
import { ResidentRegister } from '../../application/resident-presence';
import { OpenCaseRequest, OpenCaseResponse } from './open-case.request.dto';

/**
 * Opens a case for residents registered at the station, under the SLA its center sets for the category. Each
 * resident's case file is linked before the case is written, so a transfer or an erasure always finds it.
 */
@Injectable()
export class OpenCaseHandler {
  constructor(
    private readonly streams: CaseStreams,
    private readonly text: CaseText,
    private readonly residents: ResidentRegister,
  ) {}

  async execute(stationId: string, request: OpenCaseRequest, context: CommandContext): Promise<OpenCaseResponse> {
    const caseId = uuidv7();
    const open = (description: string, terms: Awaited<ReturnType<CaseStreams['termsFor']>>) => ({
      type: 'OpenCase' as const,
      data: {
        caseId,
        stationId,
        residentIds: request.residentIds,
        group: request.group,
        category: request.category,
        priority: request.priority ?? 'normal',
        channel: request.channel,
        consentScope: request.consentScope ?? [],
        description,
        terms,
      },
    });
    const terms = await this.streams.termsFor(stationId, request.category);
    await this.streams.checkCase(stationId, open('not-yet-encrypted', terms), context);
    for (const residentId of request.residentIds) await this.residents.requirePresent(stationId, residentId);
    for (const residentId of request.residentIds) {
      await this.streams.linkCase({ type: 'LinkCase', data: { residentId, caseId, stationId } }, context);
    }
    const result = await this.streams.runCase(stationId, open(await this.text.encrypt(caseId, request.description), terms), context);
    return { caseId, ...CaseStreams.outcome(result) };
  }
}
