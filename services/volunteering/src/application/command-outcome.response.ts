import { ApiProperty } from '@nestjs/swagger';

/** What every volunteering command answers. */
export class CommandOutcomeResponse {
  @ApiProperty({ description: 'Version of the stream after the command' }) streamVersion!: number;
  @ApiProperty({ description: 'Log position: pass it as afterPosition to a read-model query to read your write' }) position!: number;
}
