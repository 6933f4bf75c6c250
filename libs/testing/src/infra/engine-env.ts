// The environment variables through which engines reach the e2e suites. The Jest globalSetup fills them
// in the parent process before workers start, so every test file of a run shares the same engines.

/** An engine some e2e suite needs. */
export type EngineName = 'postgres' | 'kafka' | 'mongodb' | 'kurrentdb';

/** Where an engine came from: given by the environment, a Testcontainers container, or deploy/local. */
export type EngineSource = 'env' | 'testcontainers' | 'local';

/** Every engine, in the order the harness reports them. */
export const ENGINE_NAMES: readonly EngineName[] = ['postgres', 'kafka', 'mongodb', 'kurrentdb'];

/** What test output calls each engine. */
export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = {
  postgres: 'PostgreSQL',
  kafka: 'Kafka',
  mongodb: 'MongoDB',
  kurrentdb: 'KurrentDB',
};

const PREFIX: Readonly<Record<EngineName, string>> = {
  postgres: 'KINSHIP_TEST_POSTGRES',
  kafka: 'KINSHIP_TEST_KAFKA',
  mongodb: 'KINSHIP_TEST_MONGODB',
  kurrentdb: 'KINSHIP_TEST_KURRENTDB',
};

/** The variable names of one engine: its URL (Kafka: bootstrap brokers), and what the harness records. */
export function engineEnv(name: EngineName): { url: string; source: string; version: string; skipped: string; image: string } {
  const prefix = PREFIX[name];
  return {
    url: `${prefix}_${name === 'kafka' ? 'BROKERS' : 'URL'}`,
    source: `${prefix}_SOURCE`,
    version: `${prefix}_VERSION`,
    skipped: `${prefix}_SKIPPED`,
    image: `${prefix}_IMAGE`,
  };
}

/** Engines a run asks for: KINSHIP_TEST_ENGINES=postgres,kafka narrows the default of all of them. */
export function requestedEngines(env: NodeJS.ProcessEnv = process.env): EngineName[] {
  const raw = env['KINSHIP_TEST_ENGINES'];
  if (!raw) return [...ENGINE_NAMES];
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  for (const n of names) {
    if (!(ENGINE_NAMES as readonly string[]).includes(n)) {
      throw new Error(`KINSHIP_TEST_ENGINES names an unknown engine '${n}' (${ENGINE_NAMES.join(', ')})`);
    }
  }
  return names as EngineName[];
}

/** Hides a password in a connection URL before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
