import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PHONE } from '../../shared/request-types.dto';
import { VolunteerProfileDto } from '../enrol-volunteer/enrol-volunteer.request.dto';

/** Only the fields given change; the others stay as they are. */
export class UpdateVolunteerProfileRequest extends VolunteerProfileDto {
  @ApiPropertyOptional({ example: '王秀英' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a mainland mobile or landline number' })
  phone?: string;
}
