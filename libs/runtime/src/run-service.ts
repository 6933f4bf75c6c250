import { createHttpApp, listenHttp } from '@kinship/http';
import { createLogger, HealthRegistry, metrics } from '@kinship/observability';
import { TenancyModule } from '@kinship/tenancy';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Infrastructure, InfrastructureOptions, openInfrastructure } from './infrastructure';
import { InfrastructureModule } from './infrastructure.module';
import { RuntimeConfig } from './runtime-config';

export interface RunningService {
  app: NestFastifyApplication;
  infra: Infrastructure;
  url: string;
  stop(): Promise<void>;
}

export interface ServiceDefinition extends Omit<InfrastructureOptions, 'logger' | 'onConsumerLag' | 'onRelayLag'> {
  title: string;
  description: string;
  /** The service modules this process serves (one in distributed mode, all of them embedded). */
  modules: (infra: Infrastructure) => DynamicModule[];
  /** Work after the app is up and before it listens (e.g. seeding a demo district). */
  beforeListen?: (app: NestFastifyApplication, infra: Infrastructure) => Promise<void>;
}

/**
 * Opens the adapters the configuration names, mounts the service modules in one Nest app on Fastify with the
 * shared edge (auth, problem+json, logs, metrics, health, /docs), and listens.
 */
export async function startService(config: RuntimeConfig, definition: ServiceDefinition): Promise<RunningService> {
  const logger = createLogger({ name: `kinship-${config.service}`, level: config.logLevel });
  const consumerLag = metrics.gauge('kinship_consumer_lag', 'Events in the log not yet handled by a consumer group', ['group']);
  const relayLag = metrics.gauge('kinship_relay_lag', 'Log positions the outbox relay is behind the event store head', ['service']);
  const infra = await openInfrastructure(config, {
    ...definition,
    logger,
    onConsumerLag: (group, events) => consumerLag.set({ group }, events),
    onRelayLag: (positions) => relayLag.set({ service: config.service }, positions),
  });
  try {
    const health = new HealthRegistry();
    health.register('event-store', async () => ({ up: true, detail: { headPosition: await infra.events.headPosition() } }), { kind: 'readiness' });
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
export async function serveUntilSignalled(running: RunningService): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.stop();
}
