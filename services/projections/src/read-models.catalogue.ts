import { Provider, Type } from '@nestjs/common';
import { FieldCipher, KeyedHasher } from '@kinship/privacy';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { Projection } from './projection/projection';
import { BrokerageLeasesHttpController } from './brokerage-leases/brokerage-leases.http.controller';
import { brokerageLeasesProjection } from './brokerage-leases/brokerage-leases.projection';
import { BrokerageLeasesQueries } from './brokerage-leases/brokerage-leases.queries';
import { BrokerageListingsHttpController } from './brokerage-listings/brokerage-listings.http.controller';
import { brokerageListingsProjection } from './brokerage-listings/brokerage-listings.projection';
import { BrokerageListingsQueries } from './brokerage-listings/brokerage-listings.queries';
import { LedgerHttpController } from './ledger/ledger.http.controller';
import { stationLedgerProjection } from './ledger/ledger.projection';
import { LedgerQueries } from './ledger/ledger.queries';
import { CaseQueueHttpController } from './case-queue/case-queue.http.controller';
import { caseQueueProjection } from './case-queue/case-queue.projection';
import { caseQueueServiceProvider } from './case-queue/case-queue.provider';
import { ResidentDirectoryHttpController } from './resident-directory/resident-directory.http.controller';
import { residentDirectoryProjection } from './resident-directory/resident-directory.projection';
import { AidFundLedgerHttpController } from './aid-fund/aid-fund.http.controller';
import { aidFundProjection } from './aid-fund/aid-fund.projection';
import { AidFundLedgerQueries } from './aid-fund/aid-fund.queries';
import { VolunteerHoursHttpController } from './volunteer-hours/volunteer-hours.http.controller';
import { volunteerHoursProjection } from './volunteer-hours/volunteer-hours.projection';
import { VolunteerHoursQueries } from './volunteer-hours/volunteer-hours.queries';
import { PairingContinuityHttpController } from './volunteer-pairings/volunteer-pairings.http.controller';
import { pairingContinuityProjection } from './volunteer-pairings/volunteer-pairings.projection';
import { PairingContinuityQueries } from './volunteer-pairings/volunteer-pairings.queries';
import { VolunteerRostersHttpController } from './volunteer-rosters/volunteer-rosters.http.controller';
import { volunteerRostersProjection } from './volunteer-rosters/volunteer-rosters.projection';
import { VolunteerRostersQueries } from './volunteer-rosters/volunteer-rosters.queries';
import { stationStatisticsProjection } from './station-statistics/station-statistics.projection';
import { StationStatisticsHttpController } from './station-statistics/station-statistics.http.controller';
import { StationStatisticsQueries } from './station-statistics/station-statistics.queries';
import { ChainOverviewHttpController } from './chain-overview/chain-overview.http.controller';
import { ChainOverviewQueries } from './chain-overview/chain-overview.queries';
import { ReadYourWrites } from './read-your-writes/read-your-writes';
import { DistrictIndicatorsHttpController } from './district-indicators/district-indicators.http.controller';
import { districtIndicatorsProjection } from './district-indicators/district-indicators.projection';
import { DISTRICT_INDICATOR_PROVIDERS } from './district-indicators/district-indicators.providers';
import { OrgUnitsHttpController } from './org-units/org-units.http.controller';

/** What a projection may need besides its collections: decrypting to mask or index, and the org hierarchy. */
export interface ReadModelDependencies {
  cipher: FieldCipher;
  hasher: KeyedHasher;
  org: OrgDirectoryReader;
}

/**
 * The read side's catalogue: every bounded context adds its projections, query controllers and query providers
 * here (one folder per read model), and ProjectionsModule runs and serves them all.
 */
export const PROJECTION_FACTORIES: ReadonlyArray<(deps: ReadModelDependencies) => Projection> = [
  (deps) => residentDirectoryProjection(deps),
  (deps) => caseQueueProjection(deps),
  (deps) => volunteerHoursProjection(deps),
  (deps) => volunteerRostersProjection(deps),
  (deps) => pairingContinuityProjection(deps),
  () => aidFundProjection(),
  (deps) => brokerageListingsProjection(deps),
  (deps) => brokerageLeasesProjection(deps),
  (deps) => stationLedgerProjection(deps),
  (deps) => stationStatisticsProjection(deps),
  () => districtIndicatorsProjection(),
];

export const READ_MODEL_CONTROLLERS: ReadonlyArray<Type> = [
  ResidentDirectoryHttpController,
  CaseQueueHttpController,
  VolunteerHoursHttpController,
  VolunteerRostersHttpController,
  PairingContinuityHttpController,
  AidFundLedgerHttpController,
  BrokerageListingsHttpController,
  BrokerageLeasesHttpController,
  LedgerHttpController,
  StationStatisticsHttpController,
  ChainOverviewHttpController,
  DistrictIndicatorsHttpController,
  OrgUnitsHttpController,
];

/** Query services; they may inject ProjectionRunner, ORG_DIRECTORY and the tokens of projections.tokens.ts. */
export const READ_MODEL_PROVIDERS: ReadonlyArray<Provider> = [
  caseQueueServiceProvider,
  VolunteerHoursQueries,
  VolunteerRostersQueries,
  PairingContinuityQueries,
  AidFundLedgerQueries,
  BrokerageListingsQueries,
  BrokerageLeasesQueries,
  LedgerQueries,
  ReadYourWrites,
  StationStatisticsQueries,
  ChainOverviewQueries,
  ...DISTRICT_INDICATOR_PROVIDERS,
];
