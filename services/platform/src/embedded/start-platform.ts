import { BrokerageModule } from '@kinship/brokerage';
import { CaseManagementModule } from '@kinship/case-management';
import { ProjectionsModule } from '@kinship/projections';
import { RegisterResidentHandler, RegistryModule } from '@kinship/registry';
import { RunningService, startService } from '@kinship/runtime';
import { VolunteeringModule } from '@kinship/volunteering';
import { seedDemoResidents } from '../seed/demo-district';
import { EmbeddedConfig } from './config';
import { allUpcasters, embeddedRuntime } from './embedded-runtime';

export interface RunningPlatform extends RunningService {
  seeded: number;
}

/** Opens the data directory, boots every service in one Nest app, seeds a fresh directory, and listens. */
export async function startPlatform(config: EmbeddedConfig): Promise<RunningPlatform> {
  let seeded = 0;
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
    ],
    beforeListen: async (app, infra) => {
      if (config.demoResidents > 0 && (await infra.events.headPosition()) === 0) {
        seeded = await seedDemoResidents(app.get(RegisterResidentHandler), config.demoResidents, new Date());
      }
    },
  });
  return Object.assign(running, { seeded });
}
