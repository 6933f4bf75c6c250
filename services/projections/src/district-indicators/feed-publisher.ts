import { DISTRICT_INDICATORS_TOPIC, IndicatorRelease } from '@kinship/contracts';
import { TopicProvisioner } from '@kinship/messaging';
import { CompressionTypes, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';

/** Where the feed's releases go (DESIGN §4): a Kafka topic when distributed, an outbox record when embedded. */
export interface IndicatorFeedPublisher {
  readonly transport: 'outbox' | 'kafka';
  /** The topic the releases are published to. */
  readonly topic: string;
  /** Publishes one release; resolves once it is durably accepted. */
  publish(release: IndicatorRelease): Promise<void>;
  close(): Promise<void>;
}

/** How the feed is published: chosen by the host from its runtime configuration. */
export type IndicatorFeedConfig =
  | { kind: 'outbox' }
  | {
      kind: 'kafka';
      brokers: string[];
      /** The deployment's Kafka namespace: the topic becomes `<namespace>.district.indicators.v1`. */
      namespace?: string;
      clientId?: string;
    };

/** The topic of the feed in a deployment's namespace. */
export function feedTopic(namespace?: string): string {
  return namespace ? `${namespace}.${DISTRICT_INDICATORS_TOPIC}` : DISTRICT_INDICATORS_TOPIC;
}

/**
 * Embedded mode has no broker: the publication record the release service stores in the document store is the
 * outbox a relay or the operator reads, so publishing itself has nothing more to do.
 */
export class OutboxIndicatorFeedPublisher implements IndicatorFeedPublisher {
  readonly transport = 'outbox' as const;
  readonly topic = DISTRICT_INDICATORS_TOPIC;

  async publish(): Promise<void> {
    // The stored publication record is the outbox entry (see DistrictIndicatorReleases.publish).
  }

  async close(): Promise<void> {
    // Nothing is held open.
  }
}

/**
 * Publishes each release as one message keyed by its release id, with an idempotent producer and acks from all
 * in-sync replicas, so a retried send neither duplicates nor loses it. Releases are gzip-compressed: a decade of
 * months per station makes a release larger than a broker's default message limit.
 */
export class KafkaIndicatorFeedPublisher implements IndicatorFeedPublisher {
  readonly transport = 'kafka' as const;
  readonly topic: string;
  private readonly producer: Producer;
  private readonly topics: TopicProvisioner;
  private connected: Promise<void> | undefined;

  constructor(config: Extract<IndicatorFeedConfig, { kind: 'kafka' }>) {
    this.topic = feedTopic(config.namespace);
    const kafka = new Kafka({ clientId: config.clientId ?? 'kinship-district-indicators', brokers: config.brokers, logLevel: logLevel.WARN });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.topics = new TopicProvisioner(kafka.admin());
  }

  async publish(release: IndicatorRelease): Promise<void> {
    this.connected ??= this.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: [
        {
          key: release.releaseId,
          value: JSON.stringify(release),
          headers: { 'content-type': 'application/json', 'content-hash': release.contentHash, sequence: String(release.sequence) },
        },
      ],
    });
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    this.connected = undefined;
    await this.producer.disconnect();
    await this.topics.disconnect();
  }

  /**
   * One partition keeps the releases in their order for every reader; the topic keeps them all, as the
   * district's archive of what was published when.
   */
  private async connect(): Promise<void> {
    await this.topics.ensure([this.topic], () => ({ numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] }));
    await this.producer.connect();
  }
}

/** The feed's publication as a process's runtime configuration implies: Kafka when the bus is, else the outbox. */
export function indicatorFeedOf(config: { service: string; bus: { kind: 'embedded' } | { kind: 'kafka'; brokers: string[]; namespace?: string } }): IndicatorFeedConfig {
  if (config.bus.kind !== 'kafka') return { kind: 'outbox' };
  return { kind: 'kafka', brokers: config.bus.brokers, clientId: `kinship-${config.service}-district-feed`, ...(config.bus.namespace ? { namespace: config.bus.namespace } : {}) };
}

export function indicatorFeedPublisherOf(config: IndicatorFeedConfig | undefined): IndicatorFeedPublisher {
  return config?.kind === 'kafka' ? new KafkaIndicatorFeedPublisher(config) : new OutboxIndicatorFeedPublisher();
}
