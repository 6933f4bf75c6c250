import { BrokerageModule } from '@kinship/brokerage';
import { CaseManagementModule } from '@kinship/case-management';
import { ProjectionsModule } from '@kinship/projections';
import { RegisterResidentHandler, RegistryModule } from '@kinship/registry';
import { RunningService, startService } from '@kinship/runtime';
import { VolunteeringModule } from '@kinship/volunteering';
import { DashboardModule } from '../dashboard/dashboard.module';
import { seedDemoResidents } from '../seed/demo-district';
import { HistorySeeding, seedHistoryInBackground } from '../simulate/seed-history';
import { EmbeddedConfig } from './config';
import { allUpcasters, embeddedRuntime } from './embedded-runtime';

export interface RunningPlatform extends RunningService {
  /** Demo residents registered before listening. */
  seeded: number;
  /** The Guangrui history being seeded in the background, when the data directory was fresh and it was asked for. */
  seeding: HistorySeeding | null;
}

/** Opens the data directory, boots every service in one Nest app, seeds a fresh directory, and listens. */
export async function startPlatform(config: EmbeddedConfig, report: (line: string) => void = () => undefined): Promise<RunningPlatform> {
  let seeded = 0;
  let fresh = false;
  const { districtId } = config;
  const running = await startService(embeddedRuntime(config), {
    title: 'Kinship',
    description: 'New-citizen service stations: registry, case management, volunteering, brokerage and their read models (embedded mode).',
    upcasters: allUpcasters,
    seedDemoHierarchy: true,
    modules: () => [
      RegistryModule.forRoot({ districtId }),
      CaseManagementModule.forRoot({ slaSweepIntervalMs: 60_000 }),
      VolunteeringModule.forRoot({ districtId }),
      BrokerageModule.forRoot(),
      ProjectionsModule.forRoot(),
      DashboardModule.forRoot(),
    ],
    beforeListen: async (app, infra) => {
      fresh = (await infra.events.headPosition()) === 0;
      if (fresh && !config.seedHistory && config.demoResidents > 0) {
        seeded = await seedDemoResidents(app.get(RegisterResidentHandler), config.demoResidents, new Date());
      }
    },
  });
  // The history takes a while to tell: the API answers at once and the district fills up behind it.
  const seeding = fresh && config.seedHistory ? seedHistoryInBackground(running.app, running.infra.events, report) : null;
  seeding?.done.catch((error: unknown) => report(`Seeding the Guangrui history failed: ${error instanceof Error ? error.message : String(error)}`));
  const stop = running.stop.bind(running);
  return Object.assign(running, {
    seeded,
    seeding,
    async stop() {
      await seeding?.stop();
      await stop();
    },
  });
}
