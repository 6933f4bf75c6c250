import { HealthRegistry } from './health';

describe('the health registry', () => {
  describe('when every check is up', () => {
    it('reports the process live and ready, with each check’s detail', async () => {
      const health = new HealthRegistry();
      health.register('event-loop', async () => ({ up: true }), { kind: 'liveness' });
      health.register('event-store', async () => ({ up: true, detail: { position: 42 } }));
      const report = await health.report();
      expect(report).toMatchObject({
        status: 'up',
        live: true,
        ready: true,
        checks: {
          'event-loop': { up: true, kind: 'liveness' },
          'event-store': { up: true, kind: 'readiness', detail: { position: 42 } },
        },
      });
    });
  });

  describe('when a readiness check is down', () => {
    it('stays live but is not ready', async () => {
      const health = new HealthRegistry();
      health.register('event-loop', async () => ({ up: true }), { kind: 'liveness' });
      health.register('broker', async () => ({ up: false, detail: 'no broker connection' }));
      expect(await health.report()).toMatchObject({ status: 'down', live: true, ready: false });
      expect(await health.report('liveness')).toMatchObject({ status: 'up', live: true, checks: { 'event-loop': { up: true } } });
    });
  });

  describe('when a check throws or hangs', () => {
    it('counts it down, names only the error publicly, and logs the rest', async () => {
      const warnings: object[] = [];
      const health = new HealthRegistry({ timeoutMs: 20 });
      health.register('database', async () => {
        throw new Error('password authentication failed for user "kinship"');
      });
      health.register('kafka', () => new Promise(() => undefined));
      const report = await health.report(undefined, { warn: (fields) => void warnings.push(fields) });
      expect(report.ready).toBe(false);
      expect(report.checks['database']).toMatchObject({ up: false, detail: { error: 'Error' } });
      expect(report.checks['kafka']).toMatchObject({ up: false, detail: { error: 'HealthCheckTimeout' } });
      expect(JSON.stringify(report)).not.toContain('password');
      expect(warnings).toHaveLength(2);
    });
  });

  describe('when a component unregisters', () => {
    it('no longer reports its check, unless another registered the name since', async () => {
      const health = new HealthRegistry();
      const unregister = health.register('relay', async () => ({ up: false }));
      unregister();
      expect((await health.report()).checks).toEqual({});
      const stale = health.register('relay', async () => ({ up: true }));
      health.register('relay', async () => ({ up: true, detail: 'replacement' }));
      stale();
      expect((await health.report()).checks['relay']).toMatchObject({ detail: 'replacement' });
    });
  });
});
