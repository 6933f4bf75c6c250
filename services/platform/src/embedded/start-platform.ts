import { createHttpApp, listenHttp } from '@kinship/http';
import { createLogger, HealthRegistry, metrics } from '@kinship/observability';
import { RegisterResidentHandler } from '@kinship/registry';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { seedDemoResidents } from '../seed/demo-district';
import { EmbeddedConfig } from './config';
import { EmbeddedAppModule } from './embedded-app.module';
import { EmbeddedInfrastructure, openEmbeddedInfrastructure } from './embedded-infrastructure';

export interface RunningPlatform {
  app: NestFastifyApplication;
  infra: EmbeddedInfrastructure;
  url: string;
  seeded: number;
  stop(): Promise<void>;
}

/** Opens the data directory, boots every service in one Nest app, seeds a fresh directory, and listens. */
export async function startPlatform(config: EmbeddedConfig): Promise<RunningPlatform> {
  const logger = createLogger({ name: 'kinship', level: config.logLevel });
  const lag = metrics.gauge('kinship_consumer_lag', 'Events in the log not yet handled by a consumer group', ['group']);
  const infra = await openEmbeddedInfrastructure(config, logger, (group, events) => lag.set({ group }, events));
  const health = new HealthRegistry();
  health.register('event-store', async () => ({ up: true, detail: { headPosition: await infra.events.headPosition() } }), { kind: 'readiness' });
  // A check that throws counts as down: reaching the read-model file is the check.
  health.register('read-models', async () => ({ up: true, detail: { collections: (await infra.documents.listCollections()).length } }), {
    kind: 'readiness',
  });
  class KinshipEmbedded {}
  Module({ imports: [EmbeddedAppModule.forRoot(infra, { districtId: config.districtId })] })(KinshipEmbedded);
  const app = await createHttpApp(KinshipEmbedded, {
    logger,
    title: 'Kinship',
    version: '0.1.0',
    description: 'New-citizen service stations: registry and resident directory (embedded mode).',
    health,
    // main.ts owns the signals: it closes the app and then the stores, in that order.
    shutdownHooks: false,
  });
  let seeded = 0;
  if (config.demoResidents > 0 && (await infra.events.headPosition()) === 0) {
    seeded = await seedDemoResidents(app.get(RegisterResidentHandler), config.demoResidents, new Date());
    logger.info({ residents: seeded }, 'demo district seeded');
  }
  const url = await listenHttp(app, config.port, config.host);
  return {
    app,
    infra,
    url,
    seeded,
    async stop() {
      await app.close();
      await infra.close();
    },
  };
}
