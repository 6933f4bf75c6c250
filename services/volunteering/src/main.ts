import 'reflect-metadata';
import { VOLUNTEERING_CATEGORIES, volunteeringUpcasters } from '@kinship/contracts';
import { mainOf } from '@kinship/runtime';
import { VolunteeringModule } from './volunteering.module';

// Volunteering as its own process (distributed mode), configured by environment: see libs/runtime.
mainOf('volunteering', (config) => ({
  title: 'Kinship volunteering',
  description: 'Volunteers, shifts, verified hours, pairings with vulnerable households and the aid fund.',
  upcasters: volunteeringUpcasters,
  relayCategories: VOLUNTEERING_CATEGORIES,
  modules: () => [VolunteeringModule.forRoot({ districtId: config.districtId })],
}));
