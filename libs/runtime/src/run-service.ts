import { createHttpApp, listenHttp } from '@kinship/http';
import { createLogger, HealthRegistry, metrics } from '@kinship/observability';
import { TenancyModule } from '@kinship/tenancy';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'pino';
import {
  Infrastructure,
  InfrastructureOptions,
  openInfrastructure,
  openReadSideInfrastructure,
  ReadSideInfrastructure,
  ReadSideOptions,
} from './infrastructure';
import { InfrastructureModule } from './infrastructure.module';
import { RuntimeConfig } from './runtime-config';

export interface RunningService<I extends ReadSideInfrastructure = Infrastructure> {
  app: NestFastifyApplication;
  infra: I;
  url: string;
  stop(): Promise<void>;
}

/** What every service definition has, whatever infrastructure it runs on. */
export interface ServiceApp<I extends ReadSideInfrastructure> {
  title: string;
  description: string;
  /** The service modules this process serves (one in distributed mode, all of them embedded). */
  modules: (infra: I) => DynamicModule[];
  /** Work after the app is up and before it listens (e.g. seeding a demo district). */
  beforeListen?: (app: NestFastifyApplication, infra: I) => Promise<void>;
}

/** A service that writes events: its own event store and outbox relay beside the shared adapters. */
export interface ServiceDefinition extends Omit<InfrastructureOptions, 'logger' | 'onConsumerLag' | 'onRelayLag'>, ServiceApp<Infrastructure> {}

/** A service that writes no events (the projections service): it reads every event from Kafka. */
export interface ReadSideServiceDefinition extends Omit<ReadSideOptions, 'logger' | 'onConsumerLag'>, ServiceApp<ReadSideInfrastructure> {}

interface Lag {
  logger: Logger;
  onConsumerLag: (group: string, events: number) => void;
}

/**
 * Opens the adapters the configuration names, mounts the service modules in one Nest app on Fastify with the
 * shared edge (auth, problem+json, logs, metrics, health, /docs), and listens.
 */
export async function startService(config: RuntimeConfig, definition: ServiceDefinition): Promise<RunningService> {
  const relayLag = metrics.gauge('kinship_relay_lag', 'Log positions the outbox relay is behind the event store head', ['service']);
  return launch(
    config,
    definition,
    (observed) => openInfrastructure(config, { ...definition, ...observed, onRelayLag: (positions) => relayLag.set({ service: config.service }, positions) }),
    (health, infra) =>
      health.register('event-store', async () => ({ up: true, detail: { headPosition: await infra.events.headPosition() } }), { kind: 'readiness' }),
  );
}

/** `startService` for a service that keeps no event store (see `openReadSideInfrastructure`). */
export async function startReadSideService(config: RuntimeConfig, definition: ReadSideServiceDefinition): Promise<RunningService<ReadSideInfrastructure>> {
  return launch(
    config,
    definition,
    (observed) => openReadSideInfrastructure(config, { ...definition, ...observed }),
    // Ready once the source stores' head can be read from Kafka: without the broker nothing reaches the read models.
    (health, infra) => health.register('log-head', async () => ({ up: true, detail: { headPosition: await infra.head.headPosition() } }), { kind: 'readiness' }),
  );
}

async function launch<I extends ReadSideInfrastructure>(
  config: RuntimeConfig,
  definition: ServiceApp<I>,
  open: (observed: Lag) => Promise<I>,
  checkLog: (health: HealthRegistry, infra: I) => void,
): Promise<RunningService<I>> {
  const logger = createLogger({ name: `kinship-${config.service}`, level: config.logLevel });
  const consumerLag = metrics.gauge('kinship_consumer_lag', 'Events in the log not yet handled by a consumer group', ['group']);
  const infra = await open({ logger, onConsumerLag: (group, events) => consumerLag.set({ group }, events) });
  try {
    const health = new HealthRegistry();
    checkLog(health, infra);
    // A check that throws counts as down: reaching the read-model store is the check.
    health.register('read-models', async () => ({ up: true, detail: { collections: (await infra.documents.listCollections()).length } }), {
      kind: 'readiness',
    });

    class KinshipService {}
    Module({
      imports: [
        InfrastructureModule.forRoot(infra),
        TenancyModule.forRoot({ directory: infra.org, verifier: infra.verifier }),
        ...definition.modules(infra),
      ],
    })(KinshipService);
    const app = await createHttpApp(KinshipService, {
      logger,
      title: definition.title,
      version: '0.1.0',
      description: definition.description,
      health,
      // The launcher owns the signals: it closes the app and then the stores, in that order.
      shutdownHooks: false,
    });
    await definition.beforeListen?.(app, infra);
    const url = await listenHttp(app, config.port, config.host);
    return {
      app,
      infra,
      url,
      async stop() {
        await app.close();
        await infra.close();
      },
    };
  } catch (error) {
    await infra.close();
    throw error;
  }
}

/** Runs until SIGINT or SIGTERM, then closes the app and the stores; for each service's `main.ts`. */
export async function serveUntilSignalled(running: { stop(): Promise<void> }): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.stop();
}
