import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { mongo } from 'mongoose';
import { describeEngine, queryPostgres } from './engines';

describeEngine('postgres', 'the PostgreSQL engine', (pg) => {
  it('answers a query', async () => {
    expect(await queryPostgres(pg.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('reports its version', () => {
    expect(pg.version).toMatch(/^PostgreSQL \d+/);
  });
});

describeEngine('kafka', 'the Kafka engine', (broker) => {
  it('delivers a produced message to a consumer group', async () => {
    const kafka = new Kafka({ clientId: 'kinship-smoke', brokers: broker.url.split(','), logLevel: logLevel.NOTHING });
    const topic = `smoke.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'resident-1', value: 'ResidentRegistered' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key: string; value: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({ key: String(message.key), value: String(message.value) }),
        });
      });
      expect(received).toEqual({ key: 'resident-1', value: 'ResidentRegistered' });
    } finally {
      await consumer.disconnect();
    }
  });
});

describeEngine('mongodb', 'the MongoDB-compatible engine', (server) => {
  let client: InstanceType<typeof mongo.MongoClient>;

  beforeAll(async () => {
    client = await new mongo.MongoClient(server.url, { serverSelectionTimeoutMS: 10_000 }).connect();
  });

  afterAll(async () => {
    await client.close();
  });

  it('finds a document it stored', async () => {
    const residents = client.db(`smoke_${randomUUID().slice(0, 8)}`).collection<{ _id: string; name: string }>('residents');
    await residents.insertOne({ _id: 'resident-1', name: 'Ada' });
    expect(await residents.findOne({ _id: 'resident-1' })).toEqual({ _id: 'resident-1', name: 'Ada' });
    await residents.drop();
  });
});

describeEngine('kurrentdb', 'the KurrentDB engine', (store) => {
  it('reports its version over HTTP', () => {
    expect(store.version).toMatch(/^KurrentDB /);
  });
});
