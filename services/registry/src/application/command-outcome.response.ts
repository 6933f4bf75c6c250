import { ApiProperty } from '@nestjs/swagger';

export class CommandOutcomeResponse {
  @ApiProperty({ description: 'Version of the stream after the command' }) streamVersion!: number;
  @ApiProperty({ description: 'Log position: pass it as afterPosition to a directory query to read your write' })
  position!: number;
}
