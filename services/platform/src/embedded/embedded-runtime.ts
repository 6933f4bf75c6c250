import { brokerageUpcasters, casesUpcasters, registryUpcasters, Upcasters, volunteeringUpcasters } from '@kinship/contracts';
import { RuntimeConfig } from '@kinship/runtime';
import { join } from 'node:path';
import { EmbeddedConfig } from './config';

/** The files of an embedded data directory (ADR 0002): one log for every service, read models, keys, tenants. */
export const DATA_FILES = {
  events: 'events.sqlite',
  readModels: 'read-models.sqlite',
  keys: 'keys.sqlite',
  org: 'org.sqlite',
} as const;

/** The embedded default as a runtime configuration: every adapter on SQLite in one process, the in-process bus. */
export function embeddedRuntime(config: EmbeddedConfig): RuntimeConfig {
  const file = (name: string) => join(config.dataDir, name);
  return {
    service: 'platform',
    host: config.host,
    port: config.port,
    logLevel: config.logLevel,
    districtId: config.districtId,
    masterKey: config.masterKey,
    eventStore: { kind: 'sqlite', file: file(DATA_FILES.events) },
    bus: { kind: 'embedded' },
    documents: { kind: 'sqlite', file: file(DATA_FILES.readModels) },
    keys: { kind: 'sqlite', file: file(DATA_FILES.keys) },
    org: { kind: 'sqlite', file: file(DATA_FILES.org) },
    auth: { kind: 'shared-secret', secret: config.tokenSecret },
  };
}

/** Every service's upcasters: in one process all of them read the one log. */
export const allUpcasters = Upcasters.merge(registryUpcasters, casesUpcasters, volunteeringUpcasters, brokerageUpcasters);
