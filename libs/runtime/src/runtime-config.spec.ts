import { RuntimeConfigError, runtimeConfigFromEnv } from './runtime-config';

const DISTRICT: NodeJS.ProcessEnv = {
  EVENT_STORE: 'postgres',
  BUS: 'kafka',
  DOCUMENTS: 'mongodb',
  DATABASE_URL: 'postgres://kinship@db:5432/kinship',
  KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
  MONGODB_URL: 'mongodb://mongo:27017/',
  KINSHIP_MASTER_KEY: 'bWFzdGVyLWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=',
  KINSHIP_TOKEN_SECRET: 'a-token-secret-of-at-least-thirty-two-bytes',
};

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('when a service of a district reads its environment', () => {
  it('keeps its events in a schema of its own and shares the tenant and key schemas by default', () => {
    const config = runtimeConfigFromEnv('case-management', DISTRICT);

    expect(config.eventStore).toEqual({ kind: 'postgres', url: DISTRICT['DATABASE_URL'], schema: 'case_management_events' });
    expect(config.org).toEqual({ kind: 'postgres', url: DISTRICT['DATABASE_URL'] });
    expect(config.keys).toEqual({ kind: 'postgres', url: DISTRICT['DATABASE_URL'] });
    expect(config.bus).toEqual({ kind: 'kafka', brokers: ['kafka-1:9092', 'kafka-2:9092'] });
  });

  it('takes the schemas, the Kafka namespace and the session timeout from the environment when given', () => {
    const config = runtimeConfigFromEnv('registry', {
      ...DISTRICT,
      EVENT_STORE_SCHEMA: 'run7_registry_events',
      ORG_SCHEMA: 'run7_org',
      KEY_STORE_SCHEMA: 'run7_keys',
      KAFKA_NAMESPACE: 'run-7',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });

    expect(config.eventStore).toEqual(expect.objectContaining({ schema: 'run7_registry_events' }));
    expect(config.org).toEqual(expect.objectContaining({ schema: 'run7_org' }));
    expect(config.keys).toEqual(expect.objectContaining({ schema: 'run7_keys' }));
    expect(config.bus).toEqual({ kind: 'kafka', brokers: ['kafka-1:9092', 'kafka-2:9092'], namespace: 'run-7', sessionTimeoutMs: 6000 });
  });

  it('names every malformed knob at once', () => {
    const message = problemsOf(() =>
      runtimeConfigFromEnv('registry', {
        ...DISTRICT,
        EVENT_STORE_SCHEMA: 'Registry-Events',
        ORG_SCHEMA: 'org; drop',
        KAFKA_NAMESPACE: 'Upper.Case',
        KAFKA_SESSION_TIMEOUT_MS: 'soon',
      }),
    );

    expect(message).toContain('EVENT_STORE_SCHEMA must be a PostgreSQL schema name');
    expect(message).toContain('ORG_SCHEMA must be a PostgreSQL schema name');
    expect(message).toContain('KAFKA_NAMESPACE must match');
    expect(message).toContain('KAFKA_SESSION_TIMEOUT_MS must be a whole number');
  });
});

describe('when a service that writes no events reads its environment', () => {
  it('has no event store and ignores the event store settings the deployment shares', () => {
    const config = runtimeConfigFromEnv('projections', { ...DISTRICT, EVENT_STORE: 'kurrentdb' }, { ownEventStore: false });

    expect(config.eventStore).toEqual({ kind: 'none' });
    expect(config.bus).toEqual(expect.objectContaining({ kind: 'kafka' }));
  });

  it('refuses the embedded bus: it would hear no other process', () => {
    const message = problemsOf(() => runtimeConfigFromEnv('projections', { ...DISTRICT, BUS: 'embedded' }, { ownEventStore: false }));

    expect(message).toContain('BUS=kafka is required: projections keeps no event store');
  });
});
