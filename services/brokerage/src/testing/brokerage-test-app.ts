import { registryUpcasters } from '@kinship/contracts';
import { GUANGRUI_CALLERS, HUISHAN_CHAIN, ServiceTestApp, startServiceTestApp } from '@kinship/testing';
import { BrokerageModule } from '../brokerage.module';
import { addMonths, IsoDate, Month, monthOf, stationDate } from '../domain/calendar';
import { BrokerageReactions } from '../reactions/brokerage-reactions';

export type { HttpReply, JsonBody } from '@kinship/testing';

/**
 * The brokerage served the way the platform serves it (the shared service harness of @kinship/testing: tenancy's
 * guard with real tokens, the embedded adapters on files of one temp directory). For `*.int-spec.ts`.
 */

export const CALLERS = { ...GUANGRUI_CALLERS, huishanManager: { role: 'center-manager', org: 'huishan' } } as const;

export type Caller = keyof typeof CALLERS;
/** The methods of the brokerage's routes. */
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface BrokerageTestApp extends ServiceTestApp<Caller> {
  /** The stations' calendar date now, and the month before this one (ended, so it can be closed). */
  readonly today: IsoDate;
  readonly lastMonth: Month;
  /** A resident the registry knows: their data key exists, as the registry made it when it registered them. */
  newResident(): Promise<string>;
  /** Resolves once the brokerage's reactions have handled everything appended so far. */
  settled(): Promise<void>;
}

export async function startBrokerageTestApp(): Promise<BrokerageTestApp> {
  const t = await startServiceTestApp({
    service: 'brokerage',
    modules: [BrokerageModule.forRoot({ reactionsCatchUpTimeoutMs: 3000 })],
    callers: CALLERS,
    upcasters: registryUpcasters,
    orgUnits: HUISHAN_CHAIN,
  });
  const today = stationDate(new Date().toISOString());
  const reactions = t.app.get(BrokerageReactions);
  return Object.assign(t, {
    today,
    lastMonth: addMonths(monthOf(today), -1),
    async newResident() {
      const residentId = crypto.randomUUID();
      await t.keys.getOrCreateKey(residentId);
      return residentId;
    },
    settled: () => reactions.settled(5000),
  });
}
