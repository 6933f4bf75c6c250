import { DynamicModule, Module } from '@nestjs/common';
import { RegistryStreams } from './application/registry-streams';
import { ResidentPersonalDataService } from './application/resident-personal-data';
import { StationDirectory } from './application/station-directory';
import { AddHouseholdMemberController } from './household/add-household-member/add-household-member.http.controller';
import { AddHouseholdMemberHandler } from './household/add-household-member/add-household-member.handler';
import { CreateHouseholdController } from './household/create-household/create-household.http.controller';
import { CreateHouseholdHandler } from './household/create-household/create-household.handler';
import { GetHouseholdController } from './household/get-household/get-household.http.controller';
import { RemoveHouseholdMemberController } from './household/remove-household-member/remove-household-member.http.controller';
import { RemoveHouseholdMemberHandler } from './household/remove-household-member/remove-household-member.handler';
import { SetHouseholdHeadController } from './household/set-household-head/set-household-head.http.controller';
import { SetHouseholdHeadHandler } from './household/set-household-head/set-household-head.handler';
import { CorrectResidentDetailsController } from './resident/correct-resident-details/correct-resident-details.http.controller';
import { CorrectResidentDetailsHandler } from './resident/correct-resident-details/correct-resident-details.handler';
import { ErasePersonalDataController } from './resident/erase-personal-data/erase-personal-data.http.controller';
import { ErasePersonalDataHandler } from './resident/erase-personal-data/erase-personal-data.handler';
import { GetResidentController } from './resident/get-resident/get-resident.http.controller';
import { GetResidentHandler } from './resident/get-resident/get-resident.handler';
import { MoveOutController } from './resident/move-out/move-out.http.controller';
import { MoveOutHandler } from './resident/move-out/move-out.handler';
import { MoveWithinStationController } from './resident/move-within-station/move-within-station.http.controller';
import { MoveWithinStationHandler } from './resident/move-within-station/move-within-station.handler';
import { RegisterResidentController } from './resident/register-resident/register-resident.http.controller';
import { RegisterResidentHandler } from './resident/register-resident/register-resident.handler';
import { ResidencePermitController } from './resident/residence-permit/residence-permit.http.controller';
import { RecordPermitStepHandler } from './resident/residence-permit/residence-permit.handler';
import { TransferResidentController } from './resident/transfer-resident/transfer-resident.http.controller';
import { TransferResidentHandler } from './resident/transfer-resident/transfer-resident.handler';
import { REGISTRY_OPTIONS, RegistryOptions } from './application/registry.tokens';
import { LeaseAddressReaction } from './reactions/lease-address.reaction';
import { HouseholdMembershipReaction } from './reactions/household-membership.reaction';
import { HouseholdMembership } from './application/household-membership';
import { ReturnResidentController } from './resident/return-resident/return-resident.http.controller';
import { ReturnResidentHandler } from './resident/return-resident/return-resident.handler';
import { RecordCensusController } from './census/record-census/record-census.http.controller';
import { RecordCensusHandler } from './census/record-census/record-census.handler';
import { ListCensusesController } from './census/list-censuses/list-censuses.http.controller';

const handlers = [
  RegisterResidentHandler,
  CorrectResidentDetailsHandler,
  MoveWithinStationHandler,
  MoveOutHandler,
  TransferResidentHandler,
  ReturnResidentHandler,
  RecordPermitStepHandler,
  ErasePersonalDataHandler,
  GetResidentHandler,
  CreateHouseholdHandler,
  AddHouseholdMemberHandler,
  RemoveHouseholdMemberHandler,
  SetHouseholdHeadHandler,
  RecordCensusHandler,
];

/**
 * The registry service: residents, households, moves, transfers, residence permits and erasure. It expects its
 * host to provide, globally, the tokens of `application/registry.tokens.ts` (event store, field cipher, keyed
 * hasher, key store) and tenancy's ORG_DIRECTORY with the auth guard.
 */
@Module({})
export class RegistryModule {
  static forRoot(options: RegistryOptions): DynamicModule {
    return {
      module: RegistryModule,
      controllers: [
        RegisterResidentController,
        GetResidentController,
        CorrectResidentDetailsController,
        MoveWithinStationController,
        MoveOutController,
        TransferResidentController,
        ReturnResidentController,
        ResidencePermitController,
        ErasePersonalDataController,
        CreateHouseholdController,
        GetHouseholdController,
        AddHouseholdMemberController,
        RemoveHouseholdMemberController,
        SetHouseholdHeadController,
        RecordCensusController,
        ListCensusesController,
      ],
      providers: [
        { provide: REGISTRY_OPTIONS, useValue: options },
        RegistryStreams,
        ResidentPersonalDataService,
        StationDirectory,
        LeaseAddressReaction,
        HouseholdMembership,
        HouseholdMembershipReaction,
        ...handlers,
      ],
      exports: [RegistryStreams, RegisterResidentHandler, RecordCensusHandler],
    };
  }
}
