import { ROLES, Role } from '@kinship/contracts';
import { ORG_UNIT_KINDS, OrgUnitKind, SqliteOrgDirectory, seedGuangruiDistrict, sharedSecretFromConfig, TokenIssuer } from '@kinship/tenancy';
import { join } from 'node:path';
import { EmbeddedConfig } from '../embedded/config';
import { DATA_FILES } from '../embedded/embedded-runtime';
import { startPlatform } from '../embedded/start-platform';
import { HISTORY_ENDS, HISTORY_STARTS } from '../simulate/guangrui-history';
import { START_SEED } from '../simulate/seed-history';
import { readModelsCaughtUp, simulateHistory } from '../simulate/simulate-history';

/**
 * The operator CLI. Tenants and tokens are handled offline on the data directory; projections and dead letters
 * live in the running platform (their handlers are there), so those commands call its operator API.
 */

export const USAGE = `Kinship operator CLI (embedded mode)

  ./kinship start [--data-dir DIR] [--port 3000] [--host 127.0.0.1] [--history on|off] [--demo-residents 300]
  ./kinship simulate [--seed 2004] [--until YYYY-MM]   tell the Guangrui history (May 2004 to mid-2013) into a fresh data directory
  ./kinship tenants list
  ./kinship tenants add --id ID --kind district|center|station --parent PARENT_ID --name "Name"
  ./kinship token --role ROLE --org ORG_UNIT_ID [--sub USER_ID] [--ttl 8h]
  ./kinship projections status                 [--url http://127.0.0.1:3000]
  ./kinship projections rebuild NAME           [--url ...]
  ./kinship dead-letters list                  [--url ...]
  ./kinship dead-letters replay ID             [--url ...]

Roles: ${ROLES.join(', ')}. Every command takes --data-dir (default ./data, or KINSHIP_DATA_DIR).`;

export class UsageError extends Error {}

type Out = (line: string) => void;

export async function runCli(args: string[], flags: Record<string, string | boolean | undefined>, config: EmbeddedConfig, out: Out): Promise<void> {
  const [group, action, target] = args;
  switch (group) {
    case 'tenants':
      return tenants(action, flags, config, out);
    case 'token':
      return out(await issueToken(config, required(flags, 'role') as Role, required(flags, 'org'), flags));
    case 'projections':
      if (action === 'status') return out(await operatorCall(config, flags, 'GET', '/operator/projections'));
      if (action === 'rebuild' && target) return out(await operatorCall(config, flags, 'POST', `/operator/projections/${encodeURIComponent(target)}/rebuild`));
      throw new UsageError('projections status | projections rebuild NAME');
    case 'simulate':
      return simulate(flags, config, out);
    case 'dead-letters':
      if (action === 'list') return out(await operatorCall(config, flags, 'GET', '/operator/dead-letters'));
      if (action === 'replay' && target) return out(await operatorCall(config, flags, 'POST', `/operator/dead-letters/${encodeURIComponent(target)}/replay`));
      throw new UsageError('dead-letters list | dead-letters replay ID');
    default:
      throw new UsageError(`unknown command ${group ?? ''}`.trim());
  }
}

/**
 * Boots the platform on the data directory (on a loopback port of its own, so a running `start` is not disturbed)
 * and tells the history through its services; refuses a directory that already holds events.
 */
async function simulate(flags: Record<string, string | boolean | undefined>, config: EmbeddedConfig, out: Out): Promise<void> {
  const seed = integerFlag(flags['seed'], 'seed', START_SEED);
  const until = typeof flags['until'] === 'string' ? flags['until'] : HISTORY_ENDS;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(until) || until < HISTORY_STARTS || until > HISTORY_ENDS) {
    throw new UsageError(`--until must be a month from ${HISTORY_STARTS} to ${HISTORY_ENDS} (YYYY-MM), got ${until}`);
  }
  const platform = await startPlatform({ ...config, host: '127.0.0.1', port: 0, demoResidents: 0, logLevel: 'warn' });
  try {
    if ((await platform.infra.events.headPosition()) > 0) {
      throw new UsageError(`${config.dataDir} already holds events; the history is told into a fresh data directory`);
    }
    out(`Telling the Guangrui history (seed ${seed}) from ${HISTORY_STARTS} to ${until} into ${config.dataDir}...`);
    const started = Date.now();
    const result = await simulateHistory(platform.app, platform.infra.events, {
      seed,
      until,
      pauseReadModels: true,
      onMonth: (month, progress) => {
        if (month.endsWith('-12') || month === until) {
          const present = Object.entries(progress.present).map(([station, count]) => `${station} ${count}`).join(', ');
          out(`  ${month}: ${progress.commands} commands, new citizens present: ${present} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        }
      },
    });
    out(`Told ${result.commands} commands (${result.events} events) in ${(result.durationMs / 1000).toFixed(1)} s.`);
    for (const [kind, ms] of Object.entries(result.msByKind)) {
      out(`  ${kind.padEnd(40)} ${String(result.commandsByKind[kind] ?? '').padStart(6)}  ${String(ms).padStart(7)} ms`);
    }
    if (!result.censusRecorded) out('The registry has no census use case yet: the community census was left out.');
    out('Waiting for the read models to catch up...');
    await readModelsCaughtUp(platform.app);
    out(`Done. Start the platform on this directory with ./kinship start --data-dir ${config.dataDir}`);
  } finally {
    await platform.stop();
  }
}

function integerFlag(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${String(value)}`);
  return n;
}

async function tenants(action: string | undefined, flags: Record<string, string | boolean | undefined>, config: EmbeddedConfig, out: Out) {
  const directory = new SqliteOrgDirectory(join(config.dataDir, DATA_FILES.org));
  try {
    await seedGuangruiDistrict(directory);
    if (action === 'add') {
      const kind = required(flags, 'kind') as OrgUnitKind;
      if (!ORG_UNIT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${ORG_UNIT_KINDS.join(', ')}`);
      const parent = flags['parent'];
      await directory.add({ id: required(flags, 'id'), kind, parentId: typeof parent === 'string' ? parent : null, name: required(flags, 'name') });
    } else if (action !== 'list') {
      throw new UsageError('tenants list | tenants add --id ID --kind KIND --parent PARENT --name NAME');
    }
    for (const unit of directory.list()) out(`${unit.kind.padEnd(8)} ${unit.id.padEnd(20)} ${(unit.parentId ?? '-').padEnd(20)} ${unit.name}`);
  } finally {
    await directory.close();
  }
}

export async function issueToken(
  config: EmbeddedConfig,
  role: Role,
  org: string,
  flags: Record<string, string | boolean | undefined> = {},
): Promise<string> {
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const issuer = new TokenIssuer({ secret: sharedSecretFromConfig(config.tokenSecret) });
  const sub = typeof flags['sub'] === 'string' ? flags['sub'] : `${role}@${org}`;
  return issuer.issueDevToken({ sub, role, org }, typeof flags['ttl'] === 'string' ? flags['ttl'] : '8h');
}

async function operatorCall(config: EmbeddedConfig, flags: Record<string, string | boolean | undefined>, method: string, path: string): Promise<string> {
  const base = typeof flags['url'] === 'string' ? flags['url'] : `http://${config.host}:${config.port}`;
  const token = await issueToken(config, 'operator', config.districtId, { sub: 'operator-cli', ttl: '5m' });
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new Error(`The platform does not answer at ${base} (is './kinship start' running?): ${(error as Error).message}`);
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${body}`);
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function required(flags: Record<string, string | boolean | undefined>, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
