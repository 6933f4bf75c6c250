import 'reflect-metadata';
import { REGISTRY_CATEGORIES, registryUpcasters } from '@kinship/contracts';
import { mainOf } from '@kinship/runtime';
import { RegistryModule } from './registry.module';

// The registry as its own process (distributed mode), configured by environment: see libs/runtime.
mainOf('registry', (config) => ({
  title: 'Kinship registry',
  description: 'Residents, households, moves, transfers, residence permits and erasure of personal data.',
  upcasters: registryUpcasters,
  relayCategories: REGISTRY_CATEGORIES,
  modules: () => [RegistryModule.forRoot({ districtId: config.districtId })],
}));
