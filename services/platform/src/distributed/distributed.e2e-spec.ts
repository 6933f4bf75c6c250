import { call, Deployment, describeDistributed, directoryIds, Registered, ServiceProcess } from '@kinship/e2e-harness';

// Issue #3, the distributed mode: the registry and the projections service each in its own process, events in
// PostgreSQL, carried by Kafka, read models in MongoDB; nothing shared but the engines.
describeDistributed('the registry and the projections service as separate processes', (engines) => {
  let deployment: Deployment;
  let registry: ServiceProcess;
  let projections: ServiceProcess;
  let staff: string;
  const registered: Registered[] = [];

  beforeAll(async () => {
    deployment = new Deployment({ postgres: engines.postgres.url, kafka: engines.kafka.url, mongodb: engines.mongodb.url });
    await deployment.seedOrgHierarchy();
    [registry, projections] = await Promise.all([deployment.start('registry'), deployment.start('projections')]);
    staff = await deployment.token('station-staff', 'guangrui-1');
  }, 120_000);

  afterAll(async () => {
    await deployment?.cleanUp();
  }, 60_000);

  it('runs each service in a process of its own', () => {
    expect(registry.pid).not.toBe(projections.pid);
    expect([registry.pid, projections.pid]).not.toContain(process.pid);
  });

  describe('when station staff register residents at the registry', () => {
    it('finds each one in the directory of the projections service at the position the registry answered', async () => {
      for (let i = 0; i < 6; i++) {
        const reply = await deployment.register(registry, 'guangrui-1', staff);
        expect(reply.status).toBe(201);
        registered.push(reply.body);

        const entry = await call<{ residentId: string; stationId: string; status: string; personal: { name: string } | null }>(
          `${projections.url}/stations/guangrui-1/directory/${reply.body.residentId}?afterPosition=${reply.body.position}`,
          staff,
        );

        expect(entry.status).toBe(200);
        expect(entry.body).toEqual(
          expect.objectContaining({ residentId: reply.body.residentId, stationId: 'guangrui-1', status: 'present', personal: expect.any(Object) }),
        );
      }
    });

    it('lists exactly the registered residents, once each', async () => {
      const { ids, total } = await directoryIds(projections, 'guangrui-1', staff);

      expect(total).toBe(registered.length);
      expect([...ids].sort()).toEqual(registered.map((r) => r.residentId).sort());
    });

    it("reports the registry's head as the directory's head, with no lag", async () => {
      const operator = await deployment.token('operator', 'liangxi');
      const last = Math.max(...registered.map((r) => r.position));

      const reply = await call<{ projections: Array<{ name: string; headPosition: number; position: number; lag: number }> }>(
        `${projections.url}/operator/projections`,
        operator,
      );

      expect(reply.status).toBe(200);
      expect(reply.body.projections.find((p) => p.name === 'resident-directory')).toEqual(
        expect.objectContaining({ headPosition: last, position: last, lag: 0 }),
      );
    });
  });

  it('answers ready on both processes', async () => {
    for (const service of [registry, projections]) {
      const health = await fetch(`${service.url}/health/ready`);
      expect({ service: service.service, status: health.status }).toEqual({ service: service.service, status: 200 });
    }
  });

  it('stops each process cleanly on SIGTERM: consumers, relay and log head close before the stores', async () => {
    for (const service of [projections, registry]) {
      const started = Date.now();
      await service.stop(20_000);
      expect({ service: service.service, exitCode: await service.exited }).toEqual({ service: service.service, exitCode: 0 });
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  }, 45_000);
});
