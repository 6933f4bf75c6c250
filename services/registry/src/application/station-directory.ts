import { ORG_DIRECTORY, OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable } from '@nestjs/common';

/** What the registry asks of the org hierarchy besides access: which ids are stations, and their district. */
@Injectable()
export class StationDirectory {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader) {}

  isStation(id: string): boolean {
    return this.directory.get(id)?.kind === 'station';
  }

  districtOf(orgUnitId: string): string | null {
    return this.directory.districtOf(orgUnitId)?.id ?? null;
  }
}
