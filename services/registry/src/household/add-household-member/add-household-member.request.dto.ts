import { HOUSEHOLD_RELATIONS } from '@kinship/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { UUID } from '../../shared/request-types.dto';

export class AddHouseholdMemberRequest {
  @ApiProperty() @Matches(UUID, { message: 'residentId must be a resident id' }) residentId!: string;
  @ApiProperty({ enum: HOUSEHOLD_RELATIONS }) @IsIn([...HOUSEHOLD_RELATIONS]) relation!: (typeof HOUSEHOLD_RELATIONS)[number];
}
