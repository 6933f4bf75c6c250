import type { Admin, ITopicConfig } from 'kafkajs';

/** How topics the bus creates are laid out; applied only when a topic does not exist yet. */
export interface TopicLayout {
  /** Partitions of an events topic (default 3): the unit of parallelism and of per-key order. */
  partitions?: number;
  /** Broker default when omitted. */
  replicationFactor?: number;
  /**
   * Kafka's `retention.ms` of events topics (default -1, kept forever): a new consumer group rebuilds its
   * read model from the topic's beginning, so the topic must hold the whole history the store holds.
   */
  retentionMs?: number;
}

/** Creates topics on first use and remembers their partition counts (re-read after `maxAgeMs`). */
export class TopicProvisioner {
  private readonly partitions = new Map<string, { count: number; readAt: number }>();
  private connected: Promise<void> | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Creates `topics` that do not exist yet with `config`, and returns each one's partition count. */
  async ensure(topics: readonly string[], config: (topic: string) => Omit<ITopicConfig, 'topic'>): Promise<Map<string, number>> {
    const now = Date.now();
    const stale = topics.filter((topic) => {
      const known = this.partitions.get(topic);
      return !known || now - known.readAt > this.maxAgeMs;
    });
    if (stale.length > 0) {
      await this.connect();
      const unknown = stale.filter((topic) => !this.partitions.has(topic));
      if (unknown.length > 0) {
        await this.admin.createTopics({ topics: unknown.map((topic) => ({ topic, ...config(topic) })), waitForLeaders: true });
      }
      // A topic another process created a moment ago (ours found it existing) may not be served yet.
      const { topics: described } = await whileSettling(() => this.admin.fetchTopicMetadata({ topics: stale }));
      for (const { name, partitions } of described) this.partitions.set(name, { count: partitions.length, readAt: now });
    }
    return new Map(topics.map((topic) => [topic, this.partitions.get(topic)?.count ?? 0]));
  }

  /** Which of `topics` exist, without creating any. */
  async existing(topics?: readonly string[]): Promise<string[]> {
    await this.connect();
    const all = await this.admin.listTopics();
    return topics ? all.filter((topic) => topics.includes(topic)) : all;
  }

  /**
   * Each partition's low and high offsets. A topic created a moment ago may not have a leader the admin
   * knows of yet, so retriable answers are asked again for a short while.
   */
  async offsets(topic: string): Promise<Array<{ partition: number; low: bigint; high: bigint }>> {
    const admin = await this.connect();
    const offsets = await whileSettling(() => admin.fetchTopicOffsets(topic));
    return offsets.map((p) => ({ partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) }));
  }

  /** The admin client, connected; a failed connection is tried again on the next call. */
  async connect(): Promise<Admin> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    return this.admin;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = undefined;
    await this.admin.disconnect();
  }
}

/** Asks again for a short while (about 10 s in all) when the broker answers that it is not ready yet. */
async function whileSettling<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= 20 || (error as { retriable?: unknown }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** The config of an events topic under `layout`. */
export function eventsTopicConfig(layout: TopicLayout = {}): Omit<ITopicConfig, 'topic'> {
  return {
    numPartitions: layout.partitions ?? 3,
    ...(layout.replicationFactor !== undefined ? { replicationFactor: layout.replicationFactor } : {}),
    configEntries: [{ name: 'retention.ms', value: String(layout.retentionMs ?? -1) }],
  };
}
