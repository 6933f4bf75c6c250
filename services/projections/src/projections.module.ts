import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  ModuleMetadata,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { DocumentStore } from '@kinship/documents';
import { MessageBus } from '@kinship/messaging';
import { FieldCipher, KeyedHasher } from '@kinship/privacy';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { IndicatorFeedConfig } from './district-indicators/feed-publisher';
import { OperatorHttpController } from './operator/operator.http.controller';
import { HeadPositionSource, ProjectionRunner } from './projection/projection-runner';
import {
  DOCUMENT_STORE,
  EVENT_STORE,
  KEYED_HASHER,
  MESSAGE_BUS,
  ORG_DIRECTORY,
  PERSONAL_DATA_CIPHER,
  PROJECTIONS_OPTIONS,
} from './projections.tokens';
import { DirectoryAudit } from './resident-directory/directory-audit';
import { PROJECTION_FACTORIES, READ_MODEL_CONTROLLERS, READ_MODEL_PROVIDERS } from './read-models.catalogue';
import { ReadYourWrites } from './read-your-writes/read-your-writes';
import { ResidentDirectoryQueries } from './resident-directory/resident-directory.queries';
import { ResidentDirectoryService } from './resident-directory/resident-directory.service';

export interface ProjectionsModuleOptions {
  /** Modules that provide the infrastructure tokens, when they are not global. */
  imports?: ModuleMetadata['imports'];
  /** How long a query with `afterPosition` waits for the read models it reads before a 504 (default 5000 ms). */
  readYourWritesTimeoutMs?: number;
  /** Start the projections when the application boots (default true). */
  autoStart?: boolean;
  /** Where the district indicators' releases are published (default: the embedded outbox in the document store). */
  indicatorFeed?: IndicatorFeedConfig;
}

/** Starts the projections with the application and stops their consumers before the stores close. */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart ?? true) await this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}

/**
 * The read side (DESIGN §4): the projection runner, the resident directory and its query API, and the
 * operator endpoints for projections and dead letters. Infrastructure comes in through the tokens of
 * `projections.tokens.ts`; the module opens no file itself.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions = {}): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: ProjectionsModule,
      imports: options.imports ?? [],
      controllers: [...READ_MODEL_CONTROLLERS, OperatorHttpController],
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        {
          provide: ProjectionRunner,
          inject: [DOCUMENT_STORE, MESSAGE_BUS, EVENT_STORE, PERSONAL_DATA_CIPHER, KEYED_HASHER, ORG_DIRECTORY],
          useFactory: (
            store: DocumentStore,
            bus: MessageBus,
            head: HeadPositionSource,
            cipher: FieldCipher,
            hasher: KeyedHasher,
            org: OrgDirectoryReader,
          ) =>
            new ProjectionRunner({
              store,
              bus,
              head,
              projections: PROJECTION_FACTORIES.map((make) => make({ cipher, hasher, org })),
              logger: {
                log: (message, context) => logger.log({ msg: message, ...context }),
                error: (message, context) => logger.error({ msg: message, ...context }),
              },
            }),
        },
        {
          provide: ResidentDirectoryQueries,
          inject: [ProjectionRunner, PERSONAL_DATA_CIPHER, KEYED_HASHER],
          useFactory: (runner: ProjectionRunner, cipher: FieldCipher, hasher: KeyedHasher) =>
            new ResidentDirectoryQueries(runner, cipher, hasher),
        },
        {
          provide: DirectoryAudit,
          inject: [DOCUMENT_STORE],
          useFactory: (store: DocumentStore) => new DirectoryAudit(store),
        },
        {
          provide: ResidentDirectoryService,
          inject: [ResidentDirectoryQueries, ProjectionRunner, ORG_DIRECTORY, DirectoryAudit, ReadYourWrites],
          useFactory: (queries: ResidentDirectoryQueries, runner: ProjectionRunner, org: OrgDirectoryReader, audit: DirectoryAudit, readYourWrites: ReadYourWrites) =>
            new ResidentDirectoryService(queries, runner, org, audit, readYourWrites),
        },
        ...READ_MODEL_PROVIDERS,
        ProjectionsLifecycle,
      ],
      exports: [ProjectionRunner, ResidentDirectoryQueries, DirectoryAudit],
    };
  }
}
