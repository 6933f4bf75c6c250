import { CurrentPrincipal, ORG_DIRECTORY, ORG_UNIT_KINDS, OrgDirectoryReader, OrgUnitKind, Principal, Roles } from '@kinship/tenancy';
import { Controller, ForbiddenException, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { orgUnitsVisibleTo } from './org-units';

/** One unit of the org hierarchy as the read side shows it. */
export class OrgUnitView {
  @ApiProperty({ example: 'guangrui-1' })
  id!: string;

  @ApiProperty({ enum: ORG_UNIT_KINDS, example: 'station' })
  kind!: OrgUnitKind;

  @ApiProperty({ type: String, nullable: true, example: 'guangrui', description: 'Null for a district' })
  parentId!: string | null;

  @ApiProperty({ example: 'Guangrui No.1 Village station' })
  name!: string;
}

export class OrgUnitsView {
  @ApiProperty({ type: [OrgUnitView] })
  units!: OrgUnitView[];
}

/**
 * The names of the org units the district feed speaks of (the feed carries ids only): for the readers of the feed,
 * and operators. Station roles read no feed and get 403.
 */
@ApiTags('org-units')
@Roles('district-analyst', 'center-manager', 'operator')
@Controller('org')
export class OrgUnitsHttpController {
  constructor(@Inject(ORG_DIRECTORY) private readonly org: OrgDirectoryReader) {}

  @Get('units')
  @ApiOkResponse({ type: OrgUnitsView, description: "The caller's district, chain or (operators) every unit: districts, then centers, then stations" })
  units(@CurrentPrincipal() principal: Principal): OrgUnitsView {
    const units = orgUnitsVisibleTo(principal, this.org);
    if (units === null) throw new ForbiddenException('The org units are not readable by this user.');
    return { units };
  }
}
