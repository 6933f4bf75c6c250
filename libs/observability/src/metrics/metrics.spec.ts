import { httpRequestDuration, Metrics, metrics } from './metrics';

describe('the metrics registry', () => {
  it('hands out the same gauge to every module that asks for it by name', async () => {
    const registry = new Metrics();
    const relayLag = registry.gauge('relay_lag_events', 'Events not yet relayed', ['context']);
    relayLag.set({ context: 'registry' }, 7);
    expect(registry.gauge('relay_lag_events', 'Events not yet relayed', ['context'])).toBe(relayLag);
    expect(await registry.render()).toContain('relay_lag_events{context="registry"} 7');
  });

  it('refuses one name registered as two kinds or with other labels', () => {
    const registry = new Metrics();
    registry.counter('commands_total', 'Commands handled', ['command']);
    expect(() => registry.gauge('commands_total', 'Commands handled', ['command'])).toThrow(/already registered as a counter/);
    expect(() => registry.counter('commands_total', 'Commands handled', ['command', 'outcome'])).toThrow(/labels/);
  });

  it('counts and observes into the Prometheus text format', async () => {
    const registry = new Metrics();
    registry.counter('dead_letters_total', 'Messages sent to a dead-letter topic').inc(2);
    httpRequestDuration(registry).observe({ method: 'GET', route: '/residents/:id', status_code: '200' }, 0.02);
    const text = await registry.render();
    expect(text).toContain('dead_letters_total 2');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.025",method="GET",route="/residents/:id",status_code="200"} 1');
    expect(registry.contentType).toMatch(/^text\/plain/);
  });

  it('collects the process’s default metrics in the process registry', async () => {
    expect(await metrics.render()).toContain('process_cpu_user_seconds_total');
  });
});
