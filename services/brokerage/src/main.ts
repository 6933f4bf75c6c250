import 'reflect-metadata';
import { BROKERAGE_CATEGORIES, brokerageUpcasters } from '@kinship/contracts';
import { mainOf } from '@kinship/runtime';
import { BrokerageModule } from './brokerage.module';

// The brokerage as its own process (distributed mode), configured by environment: see libs/runtime.
mainOf('brokerage', () => ({
  title: 'Kinship brokerage',
  description: 'Low-fee rental brokerage, fees, the station ledger, surplus for the council and purchased services.',
  upcasters: brokerageUpcasters,
  relayCategories: BROKERAGE_CATEGORIES,
  modules: () => [BrokerageModule.forRoot()],
}));
