import 'reflect-metadata';
import { CASES_CATEGORIES, casesUpcasters } from '@kinship/contracts';
import { mainOf } from '@kinship/runtime';
import { CaseManagementModule } from './case-management.module';

// Case management as its own process (distributed mode), configured by environment: see libs/runtime.
mainOf('case-management', () => ({
  title: 'Kinship case management',
  description: "Cases of the council's four groups, mediation, referrals and the SLA clock.",
  upcasters: casesUpcasters,
  relayCategories: CASES_CATEGORIES,
  modules: () => [CaseManagementModule.forRoot({ slaSweepIntervalMs: Number(process.env['SLA_SWEEP_INTERVAL_MS'] ?? 60_000) })],
}));
