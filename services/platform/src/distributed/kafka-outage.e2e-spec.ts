import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { call, Deployment, describeDistributed, directoryIds, eventually, REPO_ROOT, Registered, ServiceProcess, sleep } from '@kinship/e2e-harness';
import { LocalKafka } from './local-kafka';

// DESIGN §3: with the broker down, commands still succeed (the event store is the outbox) and the relay catches
// up later. The broker here is this test's own, so stopping it disturbs nobody else's.
describeDistributed('the distributed services when the Kafka broker goes away and comes back', (engines) => {
  let broker: LocalKafka | undefined;
  let deployment: Deployment | undefined;
  let registry: ServiceProcess;
  let projections: ServiceProcess;
  let staff: string;

  beforeAll(async () => {
    broker = await LocalKafka.create(join(REPO_ROOT, 'tmp', 'distributed-e2e', `kafka-${randomBytes(4).toString('hex')}`));
    process.stdout.write(`[e2e] a Kafka broker of this test's own: ${broker.version} at ${broker.brokers}\n`);
    deployment = new Deployment({ postgres: engines.postgres.url, kafka: broker.brokers, mongodb: engines.mongodb.url });
    await deployment.seedOrgHierarchy();
    [registry, projections] = await Promise.all([deployment.start('registry'), deployment.start('projections')]);
    staff = await deployment.token('station-staff', 'guangrui-1');
  }, 180_000);

  afterAll(async () => {
    try {
      await deployment?.cleanUp();
    } finally {
      await broker?.destroy();
    }
  }, 90_000);

  it('acknowledges every registration while the broker is down, and the directory ends with exactly those residents, once each', async () => {
    if (!deployment || !broker) throw new Error('the deployment did not start');
    const running = deployment;
    const accepted: Registered[] = [];
    const register = async () => {
      const reply = await running.register(registry, 'guangrui-1', staff);
      expect(reply.status).toBe(201);
      accepted.push(reply.body);
      return reply.body;
    };

    const before = await register();
    const seen = await call(`${projections.url}/stations/guangrui-1/directory/${before.residentId}?afterPosition=${before.position}`, staff);
    expect(seen.status).toBe(200);

    await broker.stop();
    // Down for longer than kafkajs retries on its own (about 10 s), so every client gives up and starts over.
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      await register();
      // Acknowledged by the registry's own store alone: no broker round trip, no timeout waited out.
      expect(Date.now() - started).toBeLessThan(5000);
      await sleep(2500);
    }
    await broker.start();
    for (let i = 0; i < 3; i++) await register();

    const expected = accepted.map((r) => r.residentId).sort();
    const listed = await eventually(
      async () => {
        const directory = await directoryIds(projections, 'guangrui-1', staff);
        return directory.total === expected.length ? directory : undefined;
      },
      90_000,
      'the directory catching up after the broker came back',
    );

    expect(listed.total).toBe(expected.length);
    expect([...listed.ids].sort()).toEqual(expected);
    expect(new Set(listed.ids).size).toBe(listed.ids.length);
    const last = accepted[accepted.length - 1];
    const entry = await call(`${projections.url}/stations/guangrui-1/directory/${last.residentId}?afterPosition=${last.position}`, staff);
    expect(entry.status).toBe(200);
  }, 150_000);
});
