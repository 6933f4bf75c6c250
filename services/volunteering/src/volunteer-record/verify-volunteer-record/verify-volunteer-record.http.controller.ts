import { Public } from '@kinship/tenancy';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RecordCheckView, RecordSerialParams } from './verify-volunteer-record.request.dto';
import { VerifyVolunteerRecordHandler } from './verify-volunteer-record.handler';

@ApiTags('volunteering')
@Controller('volunteer-records')
export class VerifyVolunteerRecordController {
  constructor(private readonly handler: VerifyVolunteerRecordHandler) {}

  /** Public: whoever holds the paper checks it without an account; the serial is the only key. */
  @Get(':serial')
  @Public()
  @ApiOkResponse({ type: RecordCheckView, description: 'The record is genuine; whether it still stands, and what it certifies' })
  @ApiNotFoundResponse({ description: 'No record under this serial: not genuine' })
  check(@Param() params: RecordSerialParams): Promise<RecordCheckView> {
    return this.handler.execute(params.serial);
  }
}
