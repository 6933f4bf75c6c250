import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { ExactlyOneOf, IsFreeText, IsId } from '../../shared/case-request-types.dto';

/** Another party to a dispute: a resident registered at the station, or someone described (e.g. an old resident). */
export class AddPartyRequest {
  @ApiPropertyOptional({ description: 'A resident registered at this station; give this or description' })
  @ValidateIf((o: AddPartyRequest) => o.residentId !== undefined || o.description === undefined)
  @IsId()
  residentId?: string;

  @ApiPropertyOptional({ description: 'Who the party is, for someone not registered; encrypted under the case key' })
  @ValidateIf((o: AddPartyRequest) => o.description !== undefined)
  @IsFreeText(500)
  @ExactlyOneOf(['residentId', 'description'])
  description?: string;
}

export class PartyAddedResponse {
  @ApiProperty({ description: "The party's id in sessions and duties (a resident's is their resident id)" }) partyId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
