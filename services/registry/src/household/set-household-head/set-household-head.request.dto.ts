import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SLUG } from '../../shared/request-types.dto';

export class SetHouseholdHeadRequest {
  @ApiProperty() @Matches(SLUG, { message: 'residentId must be a resident id' }) residentId!: string;
}
