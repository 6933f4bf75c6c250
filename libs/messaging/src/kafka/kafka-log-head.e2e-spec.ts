import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { describeEngine } from '@kinship/testing';
import { KafkaLogHead } from './kafka-log-head';
import { OutboxRelay } from './outbox-relay';
import { routeByContext, TopicRouter } from './topics';
import { newEvent, removeCreated, testKafka } from './kafka-test-kit';

describeEngine('kafka', 'KafkaLogHead', (broker) => {
  let directory: string;
  let kafka: Kafka;
  let stores: SqliteEventStore[];
  let relays: OutboxRelay[];
  let heads: KafkaLogHead[];
  let topics: string[];
  let groups: string[];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'kinship-log-head-'));
    kafka = testKafka(broker.url);
    stores = [];
    relays = [];
    heads = [];
    topics = [];
    groups = [];
  });

  afterEach(async () => {
    for (const head of heads) await head.stop();
    for (const relay of relays) await relay.stop();
    for (const store of stores) await store.close();
    rmSync(directory, { recursive: true, force: true });
    await removeCreated(testKafka(broker.url), { topics, groups });
  });

  /** Two contexts, each with a topic of its own: `registry` (resident, household) and `cases` (case). */
  function contexts(): TopicRouter {
    const suffix = randomUUID().slice(0, 8);
    const router = routeByContext({ [`e2e-head-registry-${suffix}`]: ['resident', 'household'], [`e2e-head-cases-${suffix}`]: ['case'] });
    topics.push(router('resident'), router('case'));
    return router;
  }

  /** A service's store with its relay to `categories`' topic, as each source service runs them. */
  async function source(topicFor: TopicRouter, categories: string[]) {
    const store = new SqliteEventStore({ filename: join(directory, `${randomUUID()}.sqlite`) });
    stores.push(store);
    const relay = new OutboxRelay({ store, checkpoints: store.checkpoints, kafka, topicFor, categories, notifications: store, pollIntervalMs: 20 });
    relays.push(relay);
    await relay.start();
    return {
      /** Appends `count` events to `streamId` and waits until the broker has them all. */
      async append(streamId: string, count: number): Promise<number> {
        let position = 0;
        for (let i = 0; i < count; i++) position = (await store.append(streamId, [newEvent(i)], { expectedVersion: 'any' })).lastPosition;
        await relay.waitFor(position, 15_000);
        return position;
      },
    };
  }

  async function head(topicFor: TopicRouter): Promise<KafkaLogHead> {
    const groupId = `e2e-log-head-${randomUUID()}`;
    groups.push(groupId);
    const created = new KafkaLogHead({ kafka, topicFor, categories: ['resident', 'household', 'case'], groupId, timeoutMs: 15_000 });
    heads.push(created);
    await created.start();
    return created;
  }

  describe('when nothing has been produced yet', () => {
    it('answers 0', async () => {
      const logHead = await head(contexts());

      expect(await logHead.headPosition()).toBe(0);
    });
  });

  describe('when a relay has produced events of a store', () => {
    it("answers that store's head, including what was produced before the head started", async () => {
      const topicFor = contexts();
      const registry = await source(topicFor, ['resident', 'household']);
      await registry.append('resident-t1-a', 3);
      const produced = await registry.append('household-t1-b', 4);

      const logHead = await head(topicFor);

      expect(await logHead.headPosition(['resident', 'household'])).toBe(produced);
    });

    it('follows the store as it grows: an answer includes every event acknowledged before the call', async () => {
      const topicFor = contexts();
      const registry = await source(topicFor, ['resident', 'household']);
      await registry.append('resident-t1-a', 2);
      const logHead = await head(topicFor);

      for (const streamId of ['resident-t1-b', 'household-t1-c', 'resident-t1-a']) {
        const produced = await registry.append(streamId, 3);
        expect(await logHead.headPosition(['resident'])).toBe(produced);
      }
    });
  });

  describe('when two stores feed topics of their own', () => {
    it("answers each store's head for its categories, and the lower of the two for both", async () => {
      const topicFor = contexts();
      const registry = await source(topicFor, ['resident', 'household']);
      const cases = await source(topicFor, ['case']);
      const registryHead = await registry.append('resident-t1-a', 9);
      const casesHead = await cases.append('case-t1-x', 4);

      const logHead = await head(topicFor);

      expect(await logHead.headPosition(['resident'])).toBe(registryHead);
      expect(await logHead.headPosition(['case'])).toBe(casesHead);
      expect(await logHead.headPosition()).toBe(Math.min(registryHead, casesHead));
    });
  });

  describe('when asked about a topic it does not follow', () => {
    it('refuses rather than answering for another store', async () => {
      const topicFor = contexts();
      const groupId = `e2e-log-head-${randomUUID()}`;
      const logHead = new KafkaLogHead({ kafka, topicFor, categories: ['resident'], groupId });
      heads.push(logHead);

      await expect(logHead.headPosition(['case'])).rejects.toThrow(RangeError);
    });
  });
});
