import { EventEnvelope } from '@kinship/contracts';
import { DocumentStore } from '@kinship/documents';
import { Consumer, MessageBus } from '@kinship/messaging';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { ProjectionNotFoundError, ProjectionRunner } from '../projection/projection-runner';
import { DOCUMENT_STORE, MESSAGE_BUS, ORG_DIRECTORY, PROJECTIONS_OPTIONS } from '../projections.tokens';
import { DISTRICT_INDICATORS, DISTRICT_INDICATORS_GATE } from './district-indicators.projection';
import { DistrictIndicatorReleases } from './district-indicators.releases';
import { IndicatorFeedConfig, IndicatorFeedPublisher, indicatorFeedPublisherOf } from './feed-publisher';
import { ERASURE_CATEGORIES, ERASURE_EVENT_TYPES } from './indicator-facts';

/** The publisher of the feed (a Kafka producer, or the embedded outbox), by `indicatorFeed` of the module's options. */
export const INDICATOR_FEED_PUBLISHER = 'IndicatorFeedPublisher';

/** What the district indicators read of `ProjectionsModule.forRoot` options. */
interface IndicatorOptions {
  indicatorFeed?: IndicatorFeedConfig;
  autoStart?: boolean;
  readYourWritesTimeoutMs?: number;
}

/** How long an erasure's re-issue waits for the projection to have applied the erasure. */
const ERASURE_CATCH_UP_MS = 30_000;

/**
 * Re-issues the feed when a person's data is erased after the last release (reason 'erasure'): the figures do
 * not change, but the district's copy must be replaced by one computed after the erasure. Its own consumer group
 * follows the categories of the erasure events; a redelivered erasure finds the release already re-issued.
 */
@Injectable()
export class ErasureReissue implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: Consumer | null = null;
  private readonly logger = new Logger('DistrictIndicators');

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly runner: ProjectionRunner,
    private readonly releases: DistrictIndicatorReleases,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: IndicatorOptions,
    @Inject(INDICATOR_FEED_PUBLISHER) private readonly publisher: IndicatorFeedPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart === false) return;
    this.consumer = await this.bus.subscribe({
      group: 'district-indicators.erasure-reissue',
      categories: ERASURE_CATEGORIES,
      handler: (event) => this.onEvent(event),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
    await this.publisher.close();
  }

  private async onEvent(event: EventEnvelope): Promise<void> {
    if (!ERASURE_EVENT_TYPES.includes(event.type)) return;
    await this.projectionReached(event.position);
    const release = await this.releases.reissueAfterErasure(event.position);
    if (release) this.logger.log({ msg: 'district indicators re-issued after an erasure', releaseId: release.releaseId, eventId: event.id });
  }

  /** The projection starts with the application too; until it has, there is nothing to wait on yet. */
  private async projectionReached(position: number): Promise<void> {
    const deadline = Date.now() + ERASURE_CATCH_UP_MS;
    for (;;) {
      try {
        await this.runner.waitFor(DISTRICT_INDICATORS, position, Math.max(1, deadline - Date.now()));
        return;
      } catch (error) {
        if (!(error instanceof ProjectionNotFoundError) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

/** The providers of the district indicators, for the catalogue's READ_MODEL_PROVIDERS. */
export const DISTRICT_INDICATOR_PROVIDERS: Provider[] = [
  {
    provide: INDICATOR_FEED_PUBLISHER,
    inject: [PROJECTIONS_OPTIONS],
    useFactory: (options: IndicatorOptions) => indicatorFeedPublisherOf(options.indicatorFeed),
  },
  {
    provide: DistrictIndicatorReleases,
    inject: [DOCUMENT_STORE, ProjectionRunner, ORG_DIRECTORY, INDICATOR_FEED_PUBLISHER, PROJECTIONS_OPTIONS],
    useFactory: (store: DocumentStore, runner: ProjectionRunner, org: OrgDirectoryReader, publisher: IndicatorFeedPublisher, options: IndicatorOptions) => {
      const logger = new Logger('DistrictIndicators');
      return new DistrictIndicatorReleases({
        store,
        runner,
        org,
        publisher,
        gate: DISTRICT_INDICATORS_GATE,
        readYourWritesTimeoutMs: options.readYourWritesTimeoutMs,
        logger: { error: (message, context) => logger.error({ msg: message, ...context }) },
      });
    },
  },
  ErasureReissue,
];
