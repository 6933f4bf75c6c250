import { FieldCipher } from '@kinship/privacy';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { Provider } from '@nestjs/common';
import { ProjectionRunner } from '../projection/projection-runner';
import { ORG_DIRECTORY, PERSONAL_DATA_CIPHER } from '../projections.tokens';
import { ReadYourWrites } from '../read-your-writes/read-your-writes';
import { CaseQueueService } from './case-queue.service';

/** The case queues' query service as the projections module provides it. */
export const caseQueueServiceProvider: Provider = {
  provide: CaseQueueService,
  inject: [ProjectionRunner, PERSONAL_DATA_CIPHER, ORG_DIRECTORY, ReadYourWrites],
  useFactory: (runner: ProjectionRunner, cipher: FieldCipher, org: OrgDirectoryReader, readYourWrites: ReadYourWrites) =>
    new CaseQueueService(runner, cipher, org, readYourWrites),
};
