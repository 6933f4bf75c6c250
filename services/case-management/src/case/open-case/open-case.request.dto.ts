import { CASE_CATEGORIES, CASE_CHANNELS, CASE_GROUPS, CASE_PRIORITIES, CaseCategory, CaseChannel, CaseGroup, CasePriority, Department, DEPARTMENTS } from '@kinship/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsFreeText, IsId } from '../../shared/case-request-types.dto';

export class OpenCaseRequest {
  @ApiProperty({ description: 'The residents the case is for, registered at this station', example: ['0190a1b2-...'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'residentIds must name at least one resident' })
  @ArrayMaxSize(20)
  @IsId({ each: true })
  residentIds!: string[];

  @ApiProperty({ enum: CASE_GROUPS, description: 'The council working group handling the case' })
  @IsIn(CASE_GROUPS)
  group!: CaseGroup;

  @ApiProperty({ enum: CASE_CATEGORIES })
  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @ApiProperty({ description: 'What the resident asks for; encrypted under the case key', example: '工地拖欠三个月工资' })
  @IsFreeText()
  description!: string;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  @ApiProperty({ enum: CASE_CHANNELS, description: 'How the matter reached the station' })
  @IsIn(CASE_CHANNELS)
  channel!: CaseChannel;

  @ApiPropertyOptional({ enum: DEPARTMENTS, isArray: true, description: 'Departments the residents agree their data may be shared with', default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DEPARTMENTS.length)
  @IsIn(DEPARTMENTS, { each: true })
  consentScope?: Department[];
}

export class OpenCaseResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
