import { CommandContext } from '@kinship/eventsourcing';
import { Ctx, Station } from '@kinship/tenancy';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AddNoteHandler } from './add-note.handler';
import { AddNoteRequest, NoteAddedResponse } from './add-note.request.dto';

@ApiTags('case-management')
@Controller('stations/:stationId/cases/:caseId')
export class AddNoteController {
  constructor(private readonly handler: AddNoteHandler) {}

  @Post('notes')
  @HttpCode(201)
  @Station('write')
  @ApiCreatedResponse({ type: NoteAddedResponse })
  add(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Body() body: AddNoteRequest, @Ctx() context: CommandContext) {
    return this.handler.execute(stationId, caseId, body, context);
  }
}
