import { BrokerageReactions } from '@kinship/brokerage';
import { SlaSweep } from '@kinship/case-management';
import { CommandContext } from '@kinship/eventsourcing';
import { ProjectionRunner } from '@kinship/projections';
import { VolunteeringStreams } from '@kinship/volunteering';
import { INestApplicationContext } from '@nestjs/common';
import { CensusUseCase, HistoryProgress, HistorySummary, tellGuangruiHistory } from './guangrui-history';
import { findUseCase, useCasesOf } from './use-cases';

/** The Guangrui aid fund is the center's. */
const AID_FUND_CENTER = 'guangrui';
const REACTION_TIMEOUT_MS = 30_000;

export interface SimulateOptions {
  seed: number;
  until?: string;
  onMonth?: (month: string, progress: HistoryProgress) => void;
  /**
   * Stops the read models while the history is told and lets them catch up afterwards, which is much faster than
   * following every command; only where nobody queries meanwhile (the `simulate` command, tests).
   */
  pauseReadModels?: boolean;
  signal?: AbortSignal;
}

export interface SimulationResult extends HistorySummary {
  durationMs: number;
  /** Events the history appended to the log (commands and the services' reactions to them). */
  events: number;
  /** Whether the registry's census use case was there to record the community census. */
  censusRecorded: boolean;
}

/** The app's event log head, for counting what the history appended. */
export interface LogHead {
  headPosition(): Promise<number>;
}

/**
 * Tells the Guangrui history into a running platform through its services' use cases. The SLA sweep is paused
 * meanwhile: it reads the wall clock, and would otherwise record 2026 breaches on cases of 2005 that the history
 * is about to resolve a simulated week later.
 */
export async function simulateHistory(app: INestApplicationContext, log: LogHead, options: SimulateOptions): Promise<SimulationResult> {
  const started = Date.now();
  const headBefore = await log.headPosition();
  const sweep = app.get(SlaSweep, { strict: false });
  const funds = app.get(VolunteeringStreams, { strict: false });
  const brokerage = app.get(BrokerageReactions, { strict: false });
  const census = censusUseCase(app);
  const readModels = options.pauseReadModels ? app.get(ProjectionRunner, { strict: false }) : null;
  await sweep.stop();
  await readModels?.stop();
  try {
    const summary = await tellGuangruiHistory(useCasesOf(app), {
      seed: options.seed,
      until: options.until,
      census,
      onMonth: options.onMonth,
      signal: options.signal,
      brokerageSettled: () => brokerage.settled(REACTION_TIMEOUT_MS),
      aidFundCredited: (allocationId) =>
        until(async () => (await funds.aidFundState(AID_FUND_CENTER)).allocations.some((a) => a.allocationId === allocationId), `allocation ${allocationId} in the aid fund`),
    });
    return { ...summary, durationMs: Date.now() - started, events: (await log.headPosition()) - headBefore, censusRecorded: census !== undefined };
  } finally {
    await readModels?.start();
    await sweep.start();
  }
}

/** Waits (bounded) until every read model has caught up with the log, e.g. before a feed release is computed. */
export async function readModelsCaughtUp(app: INestApplicationContext, timeoutMs = 120_000): Promise<void> {
  const runner = app.get(ProjectionRunner, { strict: false });
  await until(async () => (await runner.status()).every((projection) => projection.lag === 0 && projection.rebuild === null), 'read models caught up', timeoutMs);
}

/**
 * The registry's census use case (POST /stations/:stationId/census), found by name: the history records the
 * community census through it when the registry has it, and leaves the census out otherwise.
 */
function censusUseCase(app: INestApplicationContext): CensusUseCase | undefined {
  const handler = findUseCase(app, 'RecordCensusHandler');
  if (!handler || typeof handler['execute'] !== 'function') return undefined;
  const execute = handler['execute'] as (stationId: string, request: object, context: CommandContext) => Promise<unknown>;
  return (stationId, request, context) => execute.call(handler, stationId, request, context);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = REACTION_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
