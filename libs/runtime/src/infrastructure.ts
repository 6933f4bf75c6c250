import { randomUUID } from 'node:crypto';
import { brokerageUpcasters, casesUpcasters, CATEGORIES_BY_CONTEXT, registryUpcasters, Upcasters, volunteeringUpcasters } from '@kinship/contracts';
import { DocumentStore, MongoDocumentStore, SqliteDocumentStore } from '@kinship/documents';
import {
  AppendNotifications,
  CheckpointStore,
  EventStore,
  KurrentDbEventStore,
  PostgresEventStore,
  PostgresLeaderLease,
  SqliteEventStore,
} from '@kinship/eventsourcing';
import {
  BusLogger,
  createEmbeddedMessaging,
  createKafkaMessaging,
  DeadLetterStore,
  KafkaLogHead,
  MessageBus,
  OutboxRelay,
  routeByContext,
  TopicRouter,
} from '@kinship/messaging';
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
import { namespacedBus, namespacedTopics } from './kafka-namespace';
import { KafkaBusConfig, RuntimeConfig } from './runtime-config';

/** A service's own event store: its outbox (DESIGN §3), its checkpoints, and in-process append notifications. */
export type ServiceEventStore = EventStore & AppendNotifications & { checkpoints: CheckpointStore };

/** How far the log this process follows goes, for lag and rebuild catch-up: an event store, or the Kafka topics. */
export interface LogHead {
  /** The head of the store whose events carry `categories` (all the process follows when omitted). */
  headPosition(categories?: readonly string[]): Promise<number>;
}

/** The adapters of a process that writes no events (the projections service), behind the ports it injects. */
export interface ReadSideInfrastructure {
  /** The source stores' head as far as Kafka carries it (`KafkaLogHead`); a service's own store in `Infrastructure`. */
  head: LogHead;
  bus: MessageBus;
  deadLetters: DeadLetterStore;
  documents: DocumentStore;
  keys: KeyStore;
  cipher: PersonalDataCipher;
  hasher: KeyedHasher;
  org: OrgDirectory;
  verifier: TokenVerifier;
  close(): Promise<void>;
}

/** Every adapter one process needs, chosen by its configuration, behind the ports the services inject. */
export interface Infrastructure extends ReadSideInfrastructure {
  events: ServiceEventStore;
  /** The outbox relay to Kafka, when the bus is Kafka (DESIGN §3): this service's events leave through it. */
  relay: OutboxRelay | null;
}

/** What configures a process beside its `RuntimeConfig`, whether or not it keeps an event store. */
export interface ReadSideOptions {
  /** Stream category → Kafka topic; by default every context's categories to `<context>.events.v1`. */
  topicFor?: TopicRouter;
  /** The categories whose topics the Kafka log head follows; every context's by default. */
  headCategories?: readonly string[];
  logger?: Logger;
  onConsumerLag?: (group: string, events: number) => void;
  /**
   * Upcasters of this service's own events: its event store lifts them on read. The Kafka consumers lift every
   * context's events with the contracts' upcasters (and these), whatever schema version their producer wrote.
   */
  upcasters?: Upcasters;
}

/** What configures a service that writes events, beside its `RuntimeConfig`. */
export interface InfrastructureOptions extends Omit<ReadSideOptions, 'headCategories'> {
  /** The categories this service writes and relays to Kafka. */
  relayCategories?: readonly string[];
  /** Seeds the Guangrui demo hierarchy into an empty tenant directory (embedded and test deployments). */
  seedDemoHierarchy?: boolean;
  onRelayLag?: (events: number) => void;
}

type Closer = () => Promise<void> | void;

/** What a consumer may read from any context's topic, lifted to the versions these contracts define. */
const EVERY_CONTEXT_UPCASTERS = Upcasters.merge(registryUpcasters, casesUpcasters, volunteeringUpcasters, brokerageUpcasters);

/** Opens the adapters of a service that writes events: its event store (and outbox relay), and the shared ones. */
export async function openInfrastructure(config: RuntimeConfig, options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const masterKey = masterKeyFromConfig(config.masterKey);
  const closers: Closer[] = [];
  try {
    const events = await openEventStore(config, options.upcasters);
    closers.push(() => events.close());
    const shared = await openShared(config, masterKey, options, closers);
    if (options.seedDemoHierarchy) await seedGuangruiDistrict(shared.org);

    let bus: MessageBus;
    let deadLetters: DeadLetterStore;
    let relay: OutboxRelay | null = null;
    if (config.bus.kind === 'kafka') {
      const kafka = openKafka(config, config.bus, options, shared.busLogger, closers);
      ({ bus, deadLetters } = kafka);
      if (options.relayCategories && options.relayCategories.length > 0) {
        const name = `${config.service}.outbox-relay`;
        const leadership = relayLeadership(config, name, shared.busLogger);
        if (leadership) closers.push(() => leadership.close());
        relay = new OutboxRelay({
          store: events,
          checkpoints: events.checkpoints,
          kafka: kafka.client,
          topicFor: kafka.topicFor,
          name,
          leadership,
          categories: options.relayCategories,
          notifications: events,
          logger: shared.busLogger,
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
        logger: shared.busLogger,
        onLag: options.onConsumerLag,
      });
      bus = messaging.bus;
      deadLetters = messaging.deadLetters;
      closers.push(() => messaging.bus.close());
    }
    return { ...shared.ports, events, head: events, bus, deadLetters, relay, close: () => closeAll(closers) };
  } catch (error) {
    await closeQuietly(closers);
    throw error;
  }
}

/**
 * Opens the adapters of a service that writes no events and reads every other service's from Kafka (the
 * projections service): no event store, no relay, and a `KafkaLogHead` for how far the source stores go.
 */
export async function openReadSideInfrastructure(config: RuntimeConfig, options: ReadSideOptions = {}): Promise<ReadSideInfrastructure> {
  if (config.bus.kind !== 'kafka') throw new Error(`${config.service} keeps no event store: it reads events from Kafka (BUS=kafka)`);
  const masterKey = masterKeyFromConfig(config.masterKey);
  const closers: Closer[] = [];
  try {
    const shared = await openShared(config, masterKey, options, closers);
    const kafka = openKafka(config, config.bus, options, shared.busLogger, closers);
    const head = new KafkaLogHead({
      kafka: kafka.client,
      topicFor: kafka.topicFor,
      categories: options.headCategories ?? Object.values(CATEGORIES_BY_CONTEXT).flat(),
      // Unique per process: the reader never commits, so a crashed process leaves nothing to clean up.
      groupId: namespaced(config.bus, `${config.service}.log-head.${randomUUID()}`),
      logger: shared.busLogger,
    });
    closers.push(() => head.stop());
    await head.start();
    return { ...shared.ports, head, bus: kafka.bus, deadLetters: kafka.deadLetters, close: () => closeAll(closers) };
  } catch (error) {
    await closeQuietly(closers);
    throw error;
  }
}

/** Keys, tenants, read models and token verification: the same for every process of a deployment. */
async function openShared(config: RuntimeConfig, masterKey: Buffer, options: ReadSideOptions, closers: Closer[]) {
  const keys = await openKeyStore(config, masterKey);
  closers.push(() => keys.close());

  const org = await openOrgDirectory(config);
  closers.push(() => org.close());

  const documents =
    config.documents.kind === 'mongodb'
      ? await MongoDocumentStore.open({ url: config.documents.url, dbName: config.documents.dbName })
      : new SqliteDocumentStore({ filename: config.documents.file });
  closers.push(() => documents.close());

  const verifier =
    config.auth.kind === 'oidc'
      ? config.auth.jwksUrl
        ? new JwksTokenVerifier({ issuer: config.auth.issuer, audience: config.auth.audience, jwksUri: config.auth.jwksUrl })
        : await JwksTokenVerifier.discover({ issuer: config.auth.issuer, audience: config.auth.audience })
      : new SharedSecretTokenVerifier({ secret: sharedSecretFromConfig(config.auth.secret) });

  return {
    org,
    busLogger: options.logger && busLoggerOf(options.logger),
    ports: {
      documents,
      keys,
      cipher: new PersonalDataCipher(keys),
      hasher: new KeyedHasher(masterKey),
      org,
      verifier: new CachingTokenVerifier(verifier),
    },
  };
}

/** The Kafka client, topic router, bus and dead-letter store of a process, in the deployment's namespace. */
function openKafka(config: RuntimeConfig, bus: KafkaBusConfig, options: ReadSideOptions, logger: BusLogger | undefined, closers: Closer[]) {
  const topicFor = namespacedTopics(bus.namespace, options.topicFor ?? routeByContext(CATEGORIES_BY_CONTEXT));
  const client = new Kafka({ clientId: `kinship-${config.service}`, brokers: bus.brokers, logLevel: kafkaLogLevel.WARN });
  const messaging = createKafkaMessaging({
    kafka: client,
    topicFor,
    logger,
    onLag: options.onConsumerLag,
    sessionTimeoutMs: bus.sessionTimeoutMs,
    upcasters: options.upcasters ? Upcasters.merge(EVERY_CONTEXT_UPCASTERS, options.upcasters) : EVERY_CONTEXT_UPCASTERS,
  });
  closers.push(() => messaging.close());
  return { client, topicFor, bus: namespacedBus(bus.namespace, messaging.bus), deadLetters: messaging.deadLetters };
}

function namespaced(bus: KafkaBusConfig, name: string): string {
  return bus.namespace ? `${bus.namespace}.${name}` : name;
}

async function closeAll(closers: Closer[]): Promise<void> {
  // In reverse: consumers and the relay stop before the stores they read close.
  for (const close of [...closers].reverse()) await close();
}

async function closeQuietly(closers: Closer[]): Promise<void> {
  for (const close of [...closers].reverse()) await Promise.resolve(close()).catch(() => undefined);
}

/**
 * Replicas of a service on PostgreSQL share its store: only the holder of an advisory lock on the store's schema
 * relays, and another replica takes over when it goes (DESIGN §3: one relay per outbox).
 */
function relayLeadership(config: RuntimeConfig, relay: string, logger: BusLogger | undefined): PostgresLeaderLease | undefined {
  if (config.eventStore.kind !== 'postgres') return undefined;
  return new PostgresLeaderLease({
    connectionString: config.eventStore.url,
    name: `${config.eventStore.schema}/${relay}`,
    onError: (error) => logger?.warn({ relay, err: error }, 'relay leadership: the lock connection failed; trying again'),
  });
}

async function openEventStore(config: RuntimeConfig, upcasters?: Upcasters) {
  switch (config.eventStore.kind) {
    case 'postgres': {
      const store = new PostgresEventStore({ connectionString: config.eventStore.url, schema: config.eventStore.schema, upcasters });
      await store.migrate();
      return store;
    }
    case 'kurrentdb':
      return new KurrentDbEventStore({ connectionString: config.eventStore.url, upcasters });
    case 'sqlite':
      return new SqliteEventStore({ filename: config.eventStore.file, upcasters });
    case 'none':
      throw new Error(`${config.service} is configured without an event store: open it with openReadSideInfrastructure`);
  }
}

async function openKeyStore(config: RuntimeConfig, masterKey: Buffer): Promise<KeyStore & { close(): Promise<void> }> {
  if (config.keys.kind === 'postgres') {
    const store = new PostgresKeyStore({ connectionString: config.keys.url, masterKey, schema: config.keys.schema });
    await store.migrate();
    return store;
  }
  return new SqliteKeyStore({ database: config.keys.file, masterKey });
}

async function openOrgDirectory(config: RuntimeConfig): Promise<OrgDirectory & { close(): Promise<void> }> {
  if (config.org.kind === 'postgres') return PostgresOrgDirectory.open({ connectionString: config.org.url, schema: config.org.schema });
  return new SqliteOrgDirectory(config.org.file);
}

function busLoggerOf(logger: Logger): BusLogger {
  const child = logger.child({ component: 'bus' });
  return {
    error: (context: object, message: string) => child.error(context, message),
    warn: (context: object, message: string) => child.warn(context, message),
    info: (context: object, message: string) => child.info(context, message),
  };
}
