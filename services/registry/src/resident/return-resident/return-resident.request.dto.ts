import { ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { SLUG } from '../../shared/request-types.dto';
import { RegisterResidentRequest } from '../register-resident/register-resident.request.dto';

/**
 * Where and since when a resident who had moved out lives at the station again (`arrivalDate`, the day they came
 * back), and what changed meanwhile: the fields mean what they mean on the registration form.
 */
export class ReturnResidentRequest extends IntersectionType(
  PickType(RegisterResidentRequest, ['arrivalDate', 'address', 'employer', 'occupation', 'householdId'] as const),
  PartialType(PickType(RegisterResidentRequest, ['phone'] as const)),
) {
  @ApiPropertyOptional({
    description: 'The station the resident moved out of, as a refused registration names it; defaults to this station',
    example: 'guangrui-1',
  })
  @IsOptional()
  @Matches(SLUG, { message: 'fromStationId must be a station id' })
  fromStationId?: string;
}
