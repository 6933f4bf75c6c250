import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedConfig, loadConfig } from '../embedded/config';
import { RunningPlatform, startPlatform } from '../embedded/start-platform';
import { runCli, UsageError } from './cli';

/** The operator CLI against a data directory and a running platform, as an operator uses it. */
describe('the operator CLI', () => {
  let dataDir: string;
  let config: EmbeddedConfig;
  let platform: RunningPlatform;
  const run = async (...args: string[]) => {
    const [positional, flags] = parse(args);
    const lines: string[] = [];
    await runCli(positional, { ...flags, url: platform.url }, config, (line) => lines.push(line));
    return lines.join('\n');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kinship-cli-'));
    config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'demo-residents': '10', 'log-level': 'silent' }, env: {} });
    platform = await startPlatform(config);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the seeded tenants and adds a station to a chain', async () => {
    expect(await run('tenants', 'list')).toMatch(/station\s+guangyi\s+guangrui/);
    const after = await run('tenants', 'add', '--id', 'guangrui-2', '--kind', 'station', '--parent', 'guangrui', '--name', 'Guangrui No.2 station');
    expect(after).toMatch(/station\s+guangrui-2\s+guangrui\s+Guangrui No.2 station/);
    const token = await run('token', '--role', 'station-staff', '--org', 'guangrui-2');
    const directory = await fetch(`${platform.url}/stations/guangrui-2/directory`, { headers: { authorization: `Bearer ${token}` } });
    expect(directory.status).toBe(200);
  });

  it('refuses a station under an org unit that does not exist', async () => {
    await expect(run('tenants', 'add', '--id', 'nowhere-1', '--kind', 'station', '--parent', 'nowhere', '--name', 'Nowhere')).rejects.toThrow();
  });

  it('issues a development token the running platform accepts', async () => {
    const token = await run('token', '--role', 'station-staff', '--org', 'guangyi');
    const response = await fetch(`${platform.url}/stations/guangyi/directory`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it('refuses an unknown role with a usage error', async () => {
    await expect(run('token', '--role', 'mayor', '--org', 'guangyi')).rejects.toBeInstanceOf(UsageError);
  });

  it('shows projection status and rebuilds the resident directory', async () => {
    const status = JSON.parse(await run('projections', 'status')) as { projections: Array<{ name: string; lag: number }> };
    expect(status.projections).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'resident-directory' })]));
    const rebuilt = JSON.parse(await run('projections', 'rebuild', 'resident-directory')) as { projection: string; state: string };
    expect(rebuilt.projection).toBe('resident-directory');
  });

  it('lists dead letters (none in a healthy platform)', async () => {
    expect(JSON.parse(await run('dead-letters', 'list'))).toEqual(expect.objectContaining({ deadLetters: [] }));
  });
});

function parse(args: string[]): [string[], Record<string, string>] {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg.startsWith('--')) flags[arg.slice(2)] = args[(i += 1)] as string;
    else positional.push(arg);
  }
  return [positional, flags];
}
