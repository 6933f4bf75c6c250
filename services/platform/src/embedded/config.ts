import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Settings of the embedded platform, from flags first, then the environment, then defaults. */
export interface EmbeddedConfig {
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  districtId: string;
  /** Residents the demo seeder registers on a fresh data directory (0 disables seeding residents). */
  demoResidents: number;
  /**
   * Seed the Guangrui history (2004 to 2013) into a fresh data directory in the background, instead of the demo
   * residents. `./kinship start` turns it on unless `--history off`; tests leave it off.
   */
  seedHistory: boolean;
  masterKey: string;
  tokenSecret: string;
  /** True when a secret was generated into the data directory rather than configured. */
  generatedSecrets: string[];
}

export interface ConfigSources {
  flags: Record<string, string | boolean | undefined>;
  env: NodeJS.ProcessEnv;
}

export function loadConfig({ flags, env }: ConfigSources): EmbeddedConfig {
  const dataDir = resolve(String(flags['data-dir'] ?? env['KINSHIP_DATA_DIR'] ?? 'data'));
  mkdirSync(dataDir, { recursive: true });
  const generatedSecrets: string[] = [];
  const secret = (envName: string, file: string, make: () => string): string => {
    const configured = env[envName]?.trim();
    if (configured) return configured;
    const path = join(dataDir, file);
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
    // Nothing to install and nothing to configure for a first run: a local secret is made once and kept.
    const value = make();
    writeFileSync(path, `${value}\n`, { mode: 0o600 });
    generatedSecrets.push(`${envName} (kept in ${path})`);
    return value;
  };
  return {
    dataDir,
    host: String(flags['host'] ?? env['HOST'] ?? '127.0.0.1'),
    port: integer(flags['port'] ?? env['PORT'] ?? '3000', 'port'),
    logLevel: String(flags['log-level'] ?? env['LOG_LEVEL'] ?? 'info'),
    districtId: String(env['KINSHIP_DISTRICT_ID'] ?? 'liangxi'),
    demoResidents: integer(flags['demo-residents'] ?? env['KINSHIP_DEMO_RESIDENTS'] ?? '300', 'demo-residents'),
    seedHistory: false,
    masterKey: secret('KINSHIP_MASTER_KEY', 'master.key', () => randomBytes(32).toString('base64')),
    tokenSecret: secret('KINSHIP_TOKEN_SECRET', 'token.secret', () => randomBytes(48).toString('base64url')),
    generatedSecrets,
  };
}

function integer(value: string | boolean, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return n;
}
