import { CommandContext, uuidv7 } from '@kinship/eventsourcing';
import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../../application/case-commands';
import { AddNoteRequest, NoteAddedResponse } from './add-note.request.dto';

@Injectable()
export class AddNoteHandler {
  constructor(private readonly cases: CaseCommands) {}

  async execute(stationId: string, caseId: string, request: AddNoteRequest, context: CommandContext): Promise<NoteAddedResponse> {
    const noteId = uuidv7();
    const outcome = await this.cases.outcome(stationId, caseId, context, async (text) => ({
      type: 'AddNote',
      data: { caseId, noteId, text: await text.encrypt(request.text) },
    }));
    return { noteId, ...outcome };
  }
}
