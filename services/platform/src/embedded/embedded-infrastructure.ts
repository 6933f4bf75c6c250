import { SqliteDocumentStore } from '@kinship/documents';
import { registryUpcasters } from '@kinship/contracts';
import { SqliteEventStore } from '@kinship/eventsourcing';
import { createEmbeddedMessaging, DeadLetterStore, EmbeddedMessageBus } from '@kinship/messaging';
import { Logger as PinoLogger } from 'pino';
import { KeyedHasher, masterKeyFromConfig, PersonalDataCipher, SqliteKeyStore } from '@kinship/privacy';
import { CachingTokenVerifier, seedGuangruiDistrict, SharedSecretTokenVerifier, sharedSecretFromConfig, SqliteOrgDirectory, TokenIssuer, TokenVerifier } from '@kinship/tenancy';
import { join } from 'node:path';
import { EmbeddedConfig } from './config';

/** Every adapter of the embedded mode, opened on the files of one data directory (ADR 0002). */
export interface EmbeddedInfrastructure {
  events: SqliteEventStore;
  bus: EmbeddedMessageBus;
  deadLetters: DeadLetterStore;
  documents: SqliteDocumentStore;
  keys: SqliteKeyStore;
  cipher: PersonalDataCipher;
  hasher: KeyedHasher;
  org: SqliteOrgDirectory;
  tokens: TokenIssuer;
  verifier: TokenVerifier;
  close(): Promise<void>;
}

export const DATA_FILES = {
  events: 'events.sqlite',
  readModels: 'read-models.sqlite',
  keys: 'keys.sqlite',
  org: 'org.sqlite',
} as const;

export async function openEmbeddedInfrastructure(
  config: EmbeddedConfig,
  logger?: PinoLogger,
  onLag?: (group: string, events: number) => void,
): Promise<EmbeddedInfrastructure> {
  const file = (name: string) => join(config.dataDir, name);
  const masterKey = masterKeyFromConfig(config.masterKey);
  const secret = sharedSecretFromConfig(config.tokenSecret);

  const events = new SqliteEventStore({ filename: file(DATA_FILES.events), upcasters: registryUpcasters });
  const { bus, deadLetters } = createEmbeddedMessaging({
    store: events,
    checkpoints: events.checkpoints,
    database: events.database,
    notifications: events,
    ...(onLag ? { onLag } : {}),
    ...(logger ? { logger: busLogger(logger) } : {}),
  });
  const documents = new SqliteDocumentStore({ filename: file(DATA_FILES.readModels) });
  const keys = new SqliteKeyStore({ database: file(DATA_FILES.keys), masterKey });
  const org = new SqliteOrgDirectory(file(DATA_FILES.org));
  await seedGuangruiDistrict(org);

  return {
    events,
    bus,
    deadLetters,
    documents,
    keys,
    cipher: new PersonalDataCipher(keys),
    hasher: new KeyedHasher(masterKey),
    org,
    tokens: new TokenIssuer({ secret }),
    verifier: new CachingTokenVerifier(new SharedSecretTokenVerifier({ secret })),
    async close() {
      await bus.close();
      await documents.close();
      await events.close();
      keys.close();
      org.close();
    },
  };
}

function busLogger(logger: PinoLogger) {
  const child = logger.child({ component: 'bus' });
  return {
    error: (context: object, message: string) => child.error(context, message),
    warn: (context: object, message: string) => child.warn(context, message),
    info: (context: object, message: string) => child.info(context, message),
  };
}
