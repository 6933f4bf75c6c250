import { CATEGORIES_BY_CONTEXT, Upcasters } from '@kinship/contracts';
import { DocumentStore, MongoDocumentStore, SqliteDocumentStore } from '@kinship/documents';
import { AppendNotifications, CheckpointStore, EventStore, PostgresEventStore, SqliteEventStore } from '@kinship/eventsourcing';
import { createEmbeddedMessaging, createKafkaMessaging, DeadLetterStore, MessageBus, OutboxRelay, routeByContext, TopicRouter } from '@kinship/messaging';
import { KeyedHasher, KeyStore, masterKeyFromConfig, PersonalDataCipher, PostgresKeyStore, SqliteKeyStore } from '@kinship/privacy';
import {
  CachingTokenVerifier,
  JwksTokenVerifier,
  OrgDirectory,
  PostgresOrgDirectory,
  seedGuangruiDistrict,
  SharedSecretTokenVerifier,
  sharedSecretFromConfig,
  SqliteOrgDirectory,
  TokenVerifier,
} from '@kinship/tenancy';
import { Kafka, logLevel as kafkaLogLevel } from 'kafkajs';
import { Logger } from 'pino';
import { RuntimeConfig } from './runtime-config';

/** Every adapter one process needs, chosen by its configuration, behind the ports the services inject. */
export interface Infrastructure {
  events: EventStore & AppendNotifications & { checkpoints: CheckpointStore };
  bus: MessageBus;
  deadLetters: DeadLetterStore;
  documents: DocumentStore;
  keys: KeyStore;
  cipher: PersonalDataCipher;
  hasher: KeyedHasher;
  org: OrgDirectory;
  verifier: TokenVerifier;
  /** The outbox relay to Kafka, when the bus is Kafka (DESIGN §3): this service's events leave through it. */
  relay: OutboxRelay | null;
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  upcasters?: Upcasters;
  /** Stream category → Kafka topic; by default every context's categories to `<context>.events.v1`. */
  topicFor?: TopicRouter;
  /** The categories this service writes and relays to Kafka. */
  relayCategories?: readonly string[];
  /** Seeds the Guangrui demo hierarchy into an empty tenant directory (embedded and test deployments). */
  seedDemoHierarchy?: boolean;
  logger?: Logger;
  onConsumerLag?: (group: string, events: number) => void;
  onRelayLag?: (events: number) => void;
}

export async function openInfrastructure(config: RuntimeConfig, options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const masterKey = masterKeyFromConfig(config.masterKey);
    const busLogger = options.logger && busLoggerOf(options.logger);

    const events = await openEventStore(config, options.upcasters);
    closers.push(() => events.close());

    const keys = await openKeyStore(config, masterKey);
    closers.push(() => keys.close());

    const org = await openOrgDirectory(config);
    closers.push(() => org.close());
    if (options.seedDemoHierarchy) await seedGuangruiDistrict(org);

    const documents =
      config.documents.kind === 'mongodb'
        ? await MongoDocumentStore.open({ url: config.documents.url, dbName: config.documents.dbName })
        : new SqliteDocumentStore({ filename: config.documents.file });
    closers.push(() => documents.close());

    let bus: MessageBus;
    let deadLetters: DeadLetterStore;
    let relay: OutboxRelay | null = null;
    if (config.bus.kind === 'kafka') {
      const topicFor = options.topicFor ?? routeByContext(CATEGORIES_BY_CONTEXT);
      const kafka = new Kafka({ clientId: `kinship-${config.service}`, brokers: config.bus.brokers, logLevel: kafkaLogLevel.WARN });
      const messaging = createKafkaMessaging({ kafka, topicFor, logger: busLogger, onLag: options.onConsumerLag });
      bus = messaging.bus;
      deadLetters = messaging.deadLetters;
      closers.push(() => messaging.close());
      if (options.relayCategories && options.relayCategories.length > 0) {
        relay = new OutboxRelay({
          store: events,
          checkpoints: events.checkpoints,
          kafka,
          topicFor,
          name: `${config.service}.outbox-relay`,
          categories: options.relayCategories,
          notifications: events,
          logger: busLogger,
          onLag: options.onRelayLag,
        });
        const started = relay;
        await started.start();
        closers.push(() => started.stop());
      }
    } else {
      if (!(events instanceof SqliteEventStore)) throw new Error('The embedded bus tails a SQLite event store');
      const messaging = createEmbeddedMessaging({
        store: events,
        checkpoints: events.checkpoints,
        database: events.database,
        notifications: events,
        logger: busLogger,
        onLag: options.onConsumerLag,
      });
      bus = messaging.bus;
      deadLetters = messaging.deadLetters;
      closers.push(() => messaging.bus.close());
    }

    const verifier =
      config.auth.kind === 'oidc'
        ? config.auth.jwksUrl
          ? new JwksTokenVerifier({ issuer: config.auth.issuer, audience: config.auth.audience, jwksUri: config.auth.jwksUrl })
          : await JwksTokenVerifier.discover({ issuer: config.auth.issuer, audience: config.auth.audience })
        : new SharedSecretTokenVerifier({ secret: sharedSecretFromConfig(config.auth.secret) });

    return {
      events,
      bus,
      deadLetters,
      documents,
      keys,
      cipher: new PersonalDataCipher(keys),
      hasher: new KeyedHasher(masterKey),
      org,
      verifier: new CachingTokenVerifier(verifier),
      relay,
      async close() {
        // In reverse: consumers and the relay stop before the stores they read close.
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    throw error;
  }
}

async function openEventStore(config: RuntimeConfig, upcasters?: Upcasters) {
  switch (config.eventStore.kind) {
    case 'postgres': {
      const store = new PostgresEventStore({ connectionString: config.eventStore.url, schema: config.eventStore.schema, upcasters });
      await store.migrate();
      return store;
    }
    case 'kurrentdb':
      throw new Error('EVENT_STORE=kurrentdb: the KurrentDB adapter is not available in this build');
    case 'sqlite':
      return new SqliteEventStore({ filename: config.eventStore.file, upcasters });
  }
}

async function openKeyStore(config: RuntimeConfig, masterKey: Buffer): Promise<KeyStore & { close(): Promise<void> }> {
  if (config.keys.kind === 'postgres') {
    const store = new PostgresKeyStore({ connectionString: config.keys.url, masterKey });
    await store.migrate();
    return store;
  }
  return new SqliteKeyStore({ database: config.keys.file, masterKey });
}

async function openOrgDirectory(config: RuntimeConfig): Promise<OrgDirectory & { close(): Promise<void> }> {
  if (config.org.kind === 'postgres') return PostgresOrgDirectory.open({ connectionString: config.org.url });
  return new SqliteOrgDirectory(config.org.file);
}

function busLoggerOf(logger: Logger) {
  const child = logger.child({ component: 'bus' });
  return {
    error: (context: object, message: string) => child.error(context, message),
    warn: (context: object, message: string) => child.warn(context, message),
    info: (context: object, message: string) => child.info(context, message),
  };
}
