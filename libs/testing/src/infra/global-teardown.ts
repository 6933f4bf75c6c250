import { ENGINE_RUN_STATE, EngineRunState } from './global-setup';
import { stopLocal } from './engine-sources';

// Containers always go (they were made for this run). deploy/local engines that this run started are
// stopped too, so CI and a developer's machine are left as they were; engines that were already up
// (started by hand with deploy/local/engines.sh, to keep reruns fast) stay up, and so does everything
// when KINSHIP_TEST_KEEP_ENGINES=1.

/** Jest globalTeardown paired with ./global-setup. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[ENGINE_RUN_STATE] as EngineRunState | undefined;
  if (!state) return;
  await Promise.allSettled(state.containers.map((c) => c.stop()));
  if (state.startedLocal.length === 0) return;
  if (process.env['KINSHIP_TEST_KEEP_ENGINES'] === '1') {
    process.stdout.write(`[e2e engines] left running: ${state.startedLocal.join(', ')} (deploy/local/engines.sh stop)\n`);
    return;
  }
  await stopLocal(state.startedLocal);
}
