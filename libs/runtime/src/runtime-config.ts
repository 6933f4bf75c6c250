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
  eventStore: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string } | { kind: 'kurrentdb'; url: string };
  bus: { kind: 'embedded' } | { kind: 'kafka'; brokers: string[] };
  documents: { kind: 'sqlite'; file: string } | { kind: 'mongodb'; url: string; dbName: string };
  /** Per-person keys and the tenant hierarchy: shared by every service of a deployment. */
  keys: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  org: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  auth: { kind: 'shared-secret'; secret: string } | { kind: 'oidc'; issuer: string; audience: string; jwksUrl?: string };
}

export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
}

/** Reads a service's configuration; every missing or contradictory setting is named, all at once. */
export function runtimeConfigFromEnv(service: string, env: NodeJS.ProcessEnv): RuntimeConfig {
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
  const dataDir = resolve(env['KINSHIP_DATA_DIR'] ?? 'data');
  const databaseUrl = env['DATABASE_URL']?.trim();

  const eventStoreKind = choice('EVENT_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite');
  const busKind = choice('BUS', ['embedded', 'kafka'] as const, 'embedded');
  const documentsKind = choice('DOCUMENTS', ['sqlite', 'mongodb'] as const, 'sqlite');
  const port = Number(env['PORT'] ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got ${env['PORT']}`);

  const config: RuntimeConfig = {
    service,
    host: env['HOST'] ?? '0.0.0.0',
    port,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    districtId: env['KINSHIP_DISTRICT_ID'] ?? 'liangxi',
    masterKey: need('KINSHIP_MASTER_KEY'),
    eventStore:
      eventStoreKind === 'postgres'
        ? { kind: 'postgres', url: need('DATABASE_URL'), schema: env['EVENT_STORE_SCHEMA'] ?? `${service.replace(/-/g, '_')}_events` }
        : eventStoreKind === 'kurrentdb'
          ? { kind: 'kurrentdb', url: need('KURRENTDB_URL') }
          : { kind: 'sqlite', file: join(dataDir, `${service}-events.sqlite`) },
    bus: busKind === 'kafka' ? { kind: 'kafka', brokers: need('KAFKA_BROKERS').split(',').map((b) => b.trim()) } : { kind: 'embedded' },
    documents:
      documentsKind === 'mongodb'
        ? { kind: 'mongodb', url: need('MONGODB_URL'), dbName: env['MONGODB_DB'] ?? 'kinship' }
        : { kind: 'sqlite', file: join(dataDir, 'read-models.sqlite') },
    keys: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: join(dataDir, 'keys.sqlite') },
    org: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: join(dataDir, 'org.sqlite') },
    auth: env['OIDC_ISSUER']
      ? { kind: 'oidc', issuer: env['OIDC_ISSUER'], audience: need('OIDC_AUDIENCE'), ...(env['JWKS_URL'] ? { jwksUrl: env['JWKS_URL'] } : {}) }
      : { kind: 'shared-secret', secret: need('KINSHIP_TOKEN_SECRET') },
  };
  // Processes of a district share nothing but the broker and the databases: an in-process bus would hear nothing.
  if (busKind === 'embedded' && eventStoreKind !== 'sqlite') problems.push('BUS=embedded only works with EVENT_STORE=sqlite');
  if (problems.length > 0) throw new RuntimeConfigError(`Configuration of ${service}: ${problems.join('; ')}`);
  return config;
}
