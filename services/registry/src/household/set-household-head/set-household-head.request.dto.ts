import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UUID } from '../../shared/request-types.dto';

export class SetHouseholdHeadRequest {
  @ApiProperty() @Matches(UUID, { message: 'residentId must be a resident id' }) residentId!: string;
}
