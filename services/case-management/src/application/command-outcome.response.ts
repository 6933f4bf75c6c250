import { ApiProperty } from '@nestjs/swagger';

export class CommandOutcomeResponse {
  @ApiProperty({ description: 'Version of the case stream after the command' }) streamVersion!: number;
  @ApiProperty({ description: 'Log position: pass it as afterPosition to a case-queue query to read your write' }) position!: number;
}
