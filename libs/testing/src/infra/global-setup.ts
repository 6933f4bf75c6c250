import { ENGINE_LABELS, EngineName, engineEnv, redactUrl, requestedEngines } from './engine-env';
import {
  KURRENTDB_NEEDS_DOCKER,
  LocalEngineName,
  StartedEngineContainer,
  dockerAvailable,
  localEnginesRunning,
  localVersion,
  startContainer,
  startLocal,
} from './engine-sources';

// Jest globalSetup for the e2e suites: finds every engine once per run, in the parent process, and hands
// them to the workers through process.env (workers are forked afterwards and inherit it).
// Only relative imports: Jest loads this file without the workspace's module mapper.

/** What globalSetup leaves for globalTeardown (same process, so a global is enough). */
export interface EngineRunState {
  containers: StartedEngineContainer[];
  startedLocal: LocalEngineName[];
}

/** The global under which the run's state travels from setup to teardown. */
export const ENGINE_RUN_STATE = '__kinshipEngineRunState';

function report(line: string): void {
  process.stdout.write(`[e2e engines] ${line}\n`);
}

async function startContainers(names: EngineName[], state: EngineRunState): Promise<void> {
  const results = await Promise.allSettled(names.map((name) => startContainer(name)));
  const failures: string[] = [];
  results.forEach((result, i) => {
    const name = names[i];
    if (result.status === 'rejected') {
      failures.push(`${ENGINE_LABELS[name]}: ${String(result.reason)}`);
      return;
    }
    const env = engineEnv(name);
    state.containers.push(result.value);
    process.env[env.url] = result.value.url;
    process.env[env.source] = 'testcontainers';
    if (result.value.version) process.env[env.version] = result.value.version;
  });
  if (failures.length > 0) {
    await Promise.allSettled(state.containers.map((c) => c.stop()));
    throw new Error(`Testcontainers could not start: ${failures.join('; ')}`);
  }
}

async function startLocalEngines(names: LocalEngineName[], state: EngineRunState): Promise<void> {
  const alreadyRunning = await localEnginesRunning(names);
  const urls = await startLocal(names);
  state.startedLocal = names.filter((n) => !alreadyRunning.includes(n));
  for (const name of names) {
    const env = engineEnv(name);
    process.env[env.url] = urls[name];
    process.env[env.source] = 'local';
    const version = localVersion(name);
    if (version) process.env[env.version] = version;
  }
}

/** Jest globalSetup: engines from env, else Testcontainers, else deploy/local; KurrentDB needs Docker. */
export default async function globalSetup(): Promise<void> {
  const state: EngineRunState = { containers: [], startedLocal: [] };
  (globalThis as Record<string, unknown>)[ENGINE_RUN_STATE] = state;

  const names = requestedEngines();
  const missing = names.filter((name) => !process.env[engineEnv(name).url]);
  if (missing.length > 0) {
    const started = Date.now();
    if (await dockerAvailable()) {
      report(`a Docker engine answers: starting ${missing.join(', ')} with Testcontainers`);
      await startContainers(missing, state);
    } else {
      if (missing.includes('kurrentdb')) process.env[engineEnv('kurrentdb').skipped] = KURRENTDB_NEEDS_DOCKER;
      const local = missing.filter((n): n is LocalEngineName => n !== 'kurrentdb');
      report(`no Docker engine: starting ${local.join(', ') || 'nothing'} with deploy/local`);
      await startLocalEngines(local, state);
    }
    report(`engines ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  for (const name of names) {
    const env = engineEnv(name);
    const url = process.env[env.url];
    const line = url
      ? `${process.env[env.source] ?? 'env'} ${redactUrl(url)}${process.env[env.version] ? ` (${process.env[env.version]})` : ''}`
      : `SKIPPED: ${process.env[env.skipped]}`;
    report(`${ENGINE_LABELS[name]}: ${line}`);
  }
}
