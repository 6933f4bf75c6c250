import { join, resolve } from 'node:path';

/**
 * How one process is put together, from the environment (DESIGN: the same domain code in both modes, only the
 * adapters change). The embedded platform builds the all-SQLite variant itself; a distributed service reads it
 * from its environment with `runtimeConfigFromEnv`.
 */
export interface RuntimeConfig {
  service: string;
  host: string;
  port: number;
  logLevel: string;
  districtId: string;
  masterKey: string;
  /** `none` for a service that writes no events and reads every other service's from Kafka (the projections). */
  eventStore:
    | { kind: 'sqlite'; file: string }
    | { kind: 'postgres'; url: string; schema: string }
    | { kind: 'kurrentdb'; url: string }
    | { kind: 'none' };
  bus: { kind: 'embedded' } | KafkaBusConfig;
  documents: { kind: 'sqlite'; file: string } | { kind: 'mongodb'; url: string; dbName: string };
  /** Per-person keys and the tenant hierarchy: shared by every service of a deployment. */
  keys: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  org: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  auth: { kind: 'shared-secret'; secret: string } | { kind: 'oidc'; issuer: string; audience: string; jwksUrl?: string };
}

/** The Kafka bus of a distributed deployment. */
export interface KafkaBusConfig {
  kind: 'kafka';
  brokers: string[];
  /**
   * Prefixes every topic and consumer group (`<namespace>.registry.events.v1`), so several deployments (or
   * test runs) can share one cluster without hearing each other. Every service of a deployment must use the same.
   */
  namespace?: string;
  /** How long the broker waits for a silent consumer before handing its partitions to another (kafkajs: 30 s). */
  sessionTimeoutMs?: number;
}

/** What kind of service reads the configuration. */
export interface RuntimeConfigOptions {
  /**
   * False for a service that writes no events (the projections service): EVENT_STORE and its settings are
   * ignored, so one environment can serve every service of a deployment, and BUS must be kafka.
   */
  ownEventStore?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const KAFKA_NAMESPACE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
}

/** Reads a service's configuration; every missing or contradictory setting is named, all at once. */
export function runtimeConfigFromEnv(service: string, env: NodeJS.ProcessEnv, options: RuntimeConfigOptions = {}): RuntimeConfig {
  const ownEventStore = options.ownEventStore ?? true;
  const problems: string[] = [];
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required`);
    return value ?? '';
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = (env[name]?.trim() || fallback) as T;
    if (!allowed.includes(value)) problems.push(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
    return value;
  };
  const schema = (name: string, fallback?: string): string | undefined => {
    const value = env[name]?.trim() || fallback;
    if (value !== undefined && !SCHEMA_NAME.test(value)) problems.push(`${name} must be a PostgreSQL schema name (${SCHEMA_NAME.source}), got ${value}`);
    return value;
  };
  const whole = (name: string, min: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be a whole number of at least ${min}, got ${raw}`);
    return value;
  };
  const dataDir = resolve(env['KINSHIP_DATA_DIR'] ?? 'data');
  const databaseUrl = env['DATABASE_URL']?.trim();

  const eventStoreKind = ownEventStore ? choice('EVENT_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite') : 'none';
  const busKind = choice('BUS', ['embedded', 'kafka'] as const, 'embedded');
  const documentsKind = choice('DOCUMENTS', ['sqlite', 'mongodb'] as const, 'sqlite');
  const port = Number(env['PORT'] ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got ${env['PORT']}`);
  const namespace = env['KAFKA_NAMESPACE']?.trim() || undefined;
  if (namespace !== undefined && !KAFKA_NAMESPACE.test(namespace)) problems.push(`KAFKA_NAMESPACE must match ${KAFKA_NAMESPACE.source}, got ${namespace}`);
  const sessionTimeoutMs = whole('KAFKA_SESSION_TIMEOUT_MS', 1000);

  const config: RuntimeConfig = {
    service,
    host: env['HOST'] ?? '0.0.0.0',
    port,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    districtId: env['KINSHIP_DISTRICT_ID'] ?? 'liangxi',
    masterKey: need('KINSHIP_MASTER_KEY'),
    eventStore:
      eventStoreKind === 'none'
        ? { kind: 'none' }
        : eventStoreKind === 'postgres'
          ? { kind: 'postgres', url: need('DATABASE_URL'), schema: schema('EVENT_STORE_SCHEMA', `${service.replace(/-/g, '_')}_events`) ?? '' }
          : eventStoreKind === 'kurrentdb'
            ? { kind: 'kurrentdb', url: need('KURRENTDB_URL') }
            : { kind: 'sqlite', file: join(dataDir, `${service}-events.sqlite`) },
    bus:
      busKind === 'kafka'
        ? {
            kind: 'kafka',
            brokers: need('KAFKA_BROKERS').split(',').map((b) => b.trim()),
            ...optional('namespace', namespace),
            ...optional('sessionTimeoutMs', sessionTimeoutMs),
          }
        : { kind: 'embedded' },
    documents:
      documentsKind === 'mongodb'
        ? { kind: 'mongodb', url: need('MONGODB_URL'), dbName: env['MONGODB_DB'] ?? 'kinship' }
        : { kind: 'sqlite', file: join(dataDir, 'read-models.sqlite') },
    keys: databaseUrl ? { kind: 'postgres', url: databaseUrl, ...optional('schema', schema('KEY_STORE_SCHEMA')) } : { kind: 'sqlite', file: join(dataDir, 'keys.sqlite') },
    org: databaseUrl ? { kind: 'postgres', url: databaseUrl, ...optional('schema', schema('ORG_SCHEMA')) } : { kind: 'sqlite', file: join(dataDir, 'org.sqlite') },
    auth: env['OIDC_ISSUER']
      ? { kind: 'oidc', issuer: env['OIDC_ISSUER'], audience: need('OIDC_AUDIENCE'), ...(env['JWKS_URL'] ? { jwksUrl: env['JWKS_URL'] } : {}) }
      : { kind: 'shared-secret', secret: need('KINSHIP_TOKEN_SECRET') },
  };
  // Processes of a district share nothing but the broker and the databases: an in-process bus would hear nothing.
  if (busKind === 'embedded' && eventStoreKind === 'none') problems.push(`BUS=kafka is required: ${service} keeps no event store and reads every event from Kafka`);
  else if (busKind === 'embedded' && eventStoreKind !== 'sqlite') problems.push('BUS=embedded only works with EVENT_STORE=sqlite');
  if (problems.length > 0) throw new RuntimeConfigError(`Configuration of ${service}: ${problems.join('; ')}`);
  return config;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
