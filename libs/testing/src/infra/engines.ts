import { ENGINE_LABELS, EngineName, EngineSource, engineEnv, redactUrl } from './engine-env';
import {
  KURRENTDB_NEEDS_DOCKER,
  LocalEngineName,
  dockerAvailable,
  dockerAvailableSync,
  localVersion,
  startContainer,
  startLocal,
} from './engine-sources';
import { engineVersion } from './engine-versions';

export { ENGINE_LABELS, ENGINE_NAMES, engineEnv, requestedEngines } from './engine-env';
export type { EngineName, EngineSource } from './engine-env';
export { queryPostgres } from './engine-versions';

/** An engine an e2e suite can talk to, with the version it reported about itself. */
export interface RunningEngine {
  url: string;
  version: string;
  source: EngineSource;
}

/** An engine that cannot be had on this machine, and why. */
export interface SkippedEngine {
  skipped: string;
}

const resolved = new Map<EngineName, Promise<RunningEngine | SkippedEngine>>();

async function withVersion(name: EngineName, url: string, source: EngineSource): Promise<RunningEngine> {
  try {
    return { url, source, version: await engineVersion(name, url, process.env[engineEnv(name).version]) };
  } catch (error) {
    throw new Error(`${ENGINE_LABELS[name]} at ${redactUrl(url)} (${source}) does not answer: ${String(error)}`);
  }
}

// Without the globalSetup (a spec run by another Jest config), each worker finds its own engine: containers
// then live as long as the worker (Testcontainers' reaper removes them), deploy/local engines stay up.
async function resolveEngine(name: EngineName): Promise<RunningEngine | SkippedEngine> {
  const env = engineEnv(name);
  const skipped = process.env[env.skipped];
  if (skipped) return { skipped };
  const url = process.env[env.url];
  if (url) return withVersion(name, url, (process.env[env.source] as EngineSource | undefined) ?? 'env');
  if (await dockerAvailable()) {
    const container = await startContainer(name);
    if (container.version) process.env[env.version] = container.version;
    return withVersion(name, container.url, 'testcontainers');
  }
  if (name === 'kurrentdb') return { skipped: KURRENTDB_NEEDS_DOCKER };
  const local = name as LocalEngineName;
  const urls = await startLocal([local]);
  const localUrl = urls[local];
  if (!localUrl) throw new Error(`deploy/local gave no URL for ${name}`);
  const version = localVersion(local);
  if (version) process.env[env.version] = version;
  return withVersion(name, localUrl, 'local');
}

/**
 * The engine `name` for this test process: from the environment (KINSHIP_TEST_*_URL / _BROKERS),
 * else a Testcontainers container where a Docker engine answers, else deploy/local; KurrentDB without
 * Docker is skipped. Resolved once per process.
 */
export function engine(name: EngineName): Promise<RunningEngine | SkippedEngine> {
  let pending = resolved.get(name);
  if (!pending) {
    pending = resolveEngine(name);
    resolved.set(name, pending);
  }
  return pending;
}

/** Why a suite on `name` must be skipped, decided synchronously while describe blocks are defined. */
function skipReason(name: EngineName): string | undefined {
  const env = engineEnv(name);
  if (process.env[env.skipped]) return process.env[env.skipped];
  if (process.env[env.url]) return undefined;
  if (name === 'kurrentdb' && !dockerAvailableSync()) {
    process.env[env.skipped] = KURRENTDB_NEEDS_DOCKER;
    return KURRENTDB_NEEDS_DOCKER;
  }
  return undefined;
}

/** The engine a describeEngine suite receives; its fields are readable from beforeAll/it onwards. */
export type EngineHandle = Readonly<RunningEngine>;

/**
 * Runs `fn`'s suite against the engine `name`, printing which engine, version and source it got;
 * where the engine cannot be had, the suite is skipped and the reason printed and put in its title.
 */
export function describeEngine(name: EngineName, title: string, fn: (engine: EngineHandle) => void): void {
  const label = ENGINE_LABELS[name];
  const reason = skipReason(name);
  let current: RunningEngine | undefined;
  const ready = (): RunningEngine => {
    if (!current) throw new Error(`the ${label} engine is read before describeEngine's beforeAll resolved it`);
    return current;
  };
  const handle: EngineHandle = {
    get url() {
      return ready().url;
    },
    get version() {
      return ready().version;
    },
    get source() {
      return ready().source;
    },
  };

  if (reason) {
    process.stdout.write(`[e2e] SKIPPED ${title} on ${label}: ${reason}\n`);
    describe.skip(`${title} [${label}: skipped, ${reason}]`, () => fn(handle));
    return;
  }

  describe(`${title} [${label}]`, () => {
    beforeAll(async () => {
      const found = await engine(name);
      if ('skipped' in found) throw new Error(`${label} became unavailable after the suite was defined: ${found.skipped}`);
      current = found;
      process.stdout.write(`[e2e] ${title} on ${found.version} (${found.source}) at ${redactUrl(found.url)}\n`);
    }, 300_000);
    fn(handle);
  });
}
