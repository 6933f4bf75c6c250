import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EngineName, engineEnv } from './engine-env';

// Only relative imports here: Jest's globalSetup loads this file outside the module mapper.

/** The repository root, where deploy/local/ and tmp/engines/ live. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** The engines deploy/local can start; KurrentDB is not among them. */
export type LocalEngineName = Exclude<EngineName, 'kurrentdb'>;

const LOCAL_SCRIPT: Readonly<Record<LocalEngineName, string>> = {
  postgres: 'postgres',
  kafka: 'kafka',
  mongodb: 'ferretdb',
};

/** Why KurrentDB is skipped where no Docker engine answers. */
export const KURRENTDB_NEEDS_DOCKER = 'KurrentDB needs a Docker engine; none here';

function dockerForbidden(): boolean {
  return process.env['KINSHIP_TEST_DOCKER'] === '0';
}

/** True when a container runtime answers (Testcontainers' own detection: DOCKER_HOST, sockets, config). */
export async function dockerAvailable(): Promise<boolean> {
  if (dockerForbidden()) return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** The same answer without awaiting, for describe blocks that must choose skip or run as they are defined. */
export function dockerAvailableSync(): boolean {
  if (dockerForbidden()) return false;
  const probe = "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))";
  const result = spawnSync(process.execPath, ['-e', probe], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

/** A container started for a run; `version` where the engine cannot report it (Kafka); stop() removes it. */
export interface StartedEngineContainer {
  url: string;
  version?: string;
  stop(): Promise<void>;
}

function image(name: EngineName, fallback: string): string {
  return process.env[engineEnv(name).image] ?? fallback;
}

/** Starts one engine in a container with the Testcontainers modules; images can be overridden per engine. */
export async function startContainer(name: EngineName): Promise<StartedEngineContainer> {
  switch (name) {
    case 'postgres': {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const c = await new PostgreSqlContainer(image(name, 'postgres:16-alpine')).withDatabase('kinship').start();
      return { url: c.getConnectionUri(), stop: async () => void (await c.stop()) };
    }
    case 'kafka': {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const c = await new KafkaContainer(image(name, 'confluentinc/cp-kafka:8.0.0')).start();
      const v = await c.exec(['kafka-topics', '--version']);
      const release = /\d+\.\d+\.\d+\S*/.exec(v.stdout)?.[0] ?? 'unknown';
      return {
        url: `${c.getHost()}:${c.getMappedPort(9093)}`,
        version: `Confluent Kafka ${release}`,
        stop: async () => void (await c.stop()),
      };
    }
    case 'mongodb': {
      const { MongoDBContainer } = await import('@testcontainers/mongodb');
      const c = await new MongoDBContainer(image(name, 'mongo:7.0')).start();
      return { url: `${c.getConnectionString()}/?directConnection=true`, stop: async () => void (await c.stop()) };
    }
    case 'kurrentdb': {
      // @testcontainers/kurrentdb exists only for Testcontainers 12 (Node 22); the generic container does the same.
      const { GenericContainer, Wait } = await import('testcontainers');
      const c = await new GenericContainer(image(name, 'kurrentplatform/kurrentdb:25.0'))
        .withExposedPorts(2113)
        .withEnvironment({
          KURRENTDB_CLUSTER_SIZE: '1',
          KURRENTDB_RUN_PROJECTIONS: 'All',
          KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
          KURRENTDB_INSECURE: 'true',
          KURRENTDB_TELEMETRY_OPTOUT: 'true',
        })
        .withStartupTimeout(120_000)
        .withWaitStrategy(Wait.forHealthCheck())
        .start();
      return { url: `kurrentdb://${c.getHost()}:${c.getMappedPort(2113)}?tls=false`, stop: async () => void (await c.stop()) };
    }
  }
}

function runScript(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    // Progress lines (stderr) go straight to the terminal so a slow first build is visibly working.
    const child = spawn('bash', [join(REPO_ROOT, 'deploy/local/engines.sh'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout }));
  });
}

/** Which of these engines deploy/local already runs (started by hand or by an earlier test run). */
export async function localEnginesRunning(names: LocalEngineName[]): Promise<LocalEngineName[]> {
  const running: LocalEngineName[] = [];
  for (const name of names) {
    const { code } = await runScript(['status', LOCAL_SCRIPT[name]]);
    if (code === 0) running.push(name);
  }
  return running;
}

/** Starts engines with deploy/local/engines.sh (a no-op for those already up) and returns their URLs. */
export async function startLocal(names: LocalEngineName[]): Promise<Partial<Record<LocalEngineName, string>>> {
  if (names.length === 0) return {};
  const { code, stdout } = await runScript(['start', ...names.map((n) => LOCAL_SCRIPT[n])]);
  if (code !== 0) {
    throw new Error(`deploy/local/engines.sh could not start ${names.join(', ')}; see its output above and tmp/engines/*/logs`);
  }
  const urls: Partial<Record<LocalEngineName, string>> = {};
  for (const name of names) {
    const variable = engineEnv(name).url;
    const line = stdout.split('\n').find((l) => l.startsWith(`export ${variable}=`));
    if (!line) throw new Error(`deploy/local/engines.sh printed no ${variable}`);
    urls[name] = line.slice(`export ${variable}=`.length).trim();
  }
  return urls;
}

/** Stops engines that deploy/local started. */
export async function stopLocal(names: LocalEngineName[]): Promise<void> {
  if (names.length === 0) return;
  await runScript(['stop', ...names.map((n) => LOCAL_SCRIPT[n])]);
}

/** The version a deploy/local engine recorded at start (for Kafka, the release of its jars). */
export function localVersion(name: LocalEngineName): string | undefined {
  const base = process.env['KINSHIP_ENGINES_DIR'] ?? join(REPO_ROOT, 'tmp/engines');
  const file = join(base, LOCAL_SCRIPT[name], 'version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
