import { randomUUID } from 'node:crypto';
import { IndicatorRelease, indicatorReleaseSchema } from '@kinship/contracts';
import { describeEngine } from '@kinship/testing';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { feedTopic, KafkaIndicatorFeedPublisher } from './feed-publisher';
import { contentHashOf } from './indicator-release';

function release(sequence: number, cells: IndicatorRelease['cells']): IndicatorRelease {
  return {
    releaseId: `district-release-${String(sequence).padStart(6, '0')}`,
    sequence,
    issuedAt: '2013-07-01T08:00:00.000Z',
    computedAtPosition: 1200 + sequence,
    reason: 'requested',
    supersedes: sequence === 1 ? null : `district-release-${String(sequence - 1).padStart(6, '0')}`,
    contentHash: contentHashOf(cells),
    hidden: { small: 1, complementary: 0 },
    cells,
  };
}

/** Reads `topic` from the beginning until `count` messages arrived. */
async function readMessages(kafka: Kafka, topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `indicators-e2e-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${count} messages on ${topic}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

describeEngine('kafka', 'the district feed published to Kafka', (engine) => {
  const namespace = `indicators-e2e-${randomUUID().slice(0, 8)}`;
  let publisher: KafkaIndicatorFeedPublisher;

  beforeAll(() => {
    publisher = new KafkaIndicatorFeedPublisher({ kind: 'kafka', brokers: engine.url.split(','), namespace, clientId: 'indicators-e2e' });
  });
  afterAll(async () => {
    await publisher?.close();
  });

  it('publishes each release as one message keyed by its id on the namespaced topic, whole and intact', async () => {
    const small = release(1, [{ orgUnitId: 'guangyi', level: 'station', period: '2012', indicator: 'arrivals', group: null, value: null, status: 'suppressed-small' }]);
    // A release larger than a broker's default message limit once uncompressed: a decade of cells.
    const cells: IndicatorRelease['cells'] = [];
    for (let year = 2004; year <= 2013; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        for (const orgUnitId of ['guangrui-1', 'guangyi', 'guangrui', 'liangxi']) {
          for (const indicator of ['arrivals', 'departures', 'transfersIn', 'transfersOut', 'disputes', 'leasesBrokered', 'feesEarnedFen'] as const) {
            cells.push({ orgUnitId, level: 'station', period: `${year}-${String(month).padStart(2, '0')}`, indicator, group: null, value: year * 100 + month, status: 'published' });
          }
        }
      }
    }
    const large = release(2, cells.concat(cells, cells, cells, cells, cells));
    expect(JSON.stringify(large).length).toBeGreaterThan(1_048_576);

    expect(publisher.topic).toBe(feedTopic(namespace));
    await publisher.publish(small);
    await publisher.publish(large);

    const kafka = new Kafka({ clientId: 'indicators-e2e-reader', brokers: engine.url.split(','), logLevel: logLevel.NOTHING });
    const messages = await readMessages(kafka, `${namespace}.district.indicators.v1`, 2);
    expect(messages.map((m) => m.key?.toString())).toEqual([small.releaseId, large.releaseId]);
    const received = messages.map((m) => indicatorReleaseSchema.parse(JSON.parse(m.value?.toString() ?? '')));
    expect(received[0]).toEqual(small);
    expect(received[1]?.contentHash).toBe(contentHashOf(received[1]?.cells ?? []));
    expect(received[1]?.cells).toHaveLength(large.cells.length);
    expect(messages[1]?.headers?.['content-hash']?.toString()).toBe(large.contentHash);
  });
});
