import { Provider, Type } from '@nestjs/common';
import { FieldCipher, KeyedHasher } from '@kinship/privacy';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { Projection } from './projection/projection';
import { ResidentDirectoryHttpController } from './resident-directory/resident-directory.http.controller';
import { residentDirectoryProjection } from './resident-directory/resident-directory.projection';

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
];

export const READ_MODEL_CONTROLLERS: ReadonlyArray<Type> = [ResidentDirectoryHttpController];

/** Query services; they may inject ProjectionRunner, ORG_DIRECTORY and the tokens of projections.tokens.ts. */
export const READ_MODEL_PROVIDERS: ReadonlyArray<Provider> = [];
