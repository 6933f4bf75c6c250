import { INestApplicationContext } from '@nestjs/common';
import { LogHead, simulateHistory, SimulationResult } from './simulate-history';

/** The seed of the history a fresh platform is seeded with: the same district for every newcomer. */
export const START_SEED = 2004;

export interface HistorySeeding {
  /** Resolves with the result once the history is told (or stopped), rejects if a command failed. */
  done: Promise<SimulationResult>;
  /** Stops after the command in hand and waits for it: call before closing the app. */
  stop(): Promise<void>;
}

/**
 * Seeds the Guangrui history into a running platform in the background, so the API answers from the first second
 * and the district fills up while the newcomer looks: the read models keep following, a year at a time is logged.
 */
export function seedHistoryInBackground(app: INestApplicationContext, log: LogHead, report: (line: string) => void, seed = START_SEED): HistorySeeding {
  const stopping = new AbortController();
  const started = Date.now();
  const done = simulateHistory(app, log, {
    seed,
    signal: stopping.signal,
    onMonth: (month, progress) => {
      if (!month.endsWith('-12')) return;
      const present = Object.entries(progress.present).map(([station, count]) => `${station} ${count}`).join(', ');
      report(`Seeding the Guangrui history: ${month} told (${progress.commands} commands, new citizens present: ${present}, ${Math.round((Date.now() - started) / 1000)} s)`);
    },
  }).then((result) => {
    report(
      result.complete
        ? `Seeded the Guangrui history (May 2004 to mid-2013): ${result.commands} commands, ${result.events} events in ${(result.durationMs / 1000).toFixed(1)} s.`
        : `Stopped seeding the Guangrui history after ${result.commands} commands.`,
    );
    return result;
  });
  return {
    done,
    async stop() {
      stopping.abort();
      await done.catch(() => undefined);
    },
  };
}
