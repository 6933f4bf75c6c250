import { ROLES, Role } from '@kinship/contracts';
import { ORG_UNIT_KINDS, OrgUnitKind, SqliteOrgDirectory, seedGuangruiDistrict, sharedSecretFromConfig, TokenIssuer } from '@kinship/tenancy';
import { join } from 'node:path';
import { EmbeddedConfig } from '../embedded/config';
import { DATA_FILES } from '../embedded/embedded-runtime';

/**
 * The operator CLI. Tenants and tokens are handled offline on the data directory; projections and dead letters
 * live in the running platform (their handlers are there), so those commands call its operator API.
 */

export const USAGE = `Kinship operator CLI (embedded mode)

  ./kinship start [--data-dir DIR] [--port 3000] [--host 127.0.0.1] [--demo-residents 300]
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
    case 'dead-letters':
      if (action === 'list') return out(await operatorCall(config, flags, 'GET', '/operator/dead-letters'));
      if (action === 'replay' && target) return out(await operatorCall(config, flags, 'POST', `/operator/dead-letters/${encodeURIComponent(target)}/replay`));
      throw new UsageError('dead-letters list | dead-letters replay ID');
    default:
      throw new UsageError(`unknown command ${group ?? ''}`.trim());
  }
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
