import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../embedded/config';
import { startPlatform } from '../embedded/start-platform';
import { runCli, UsageError } from './cli';

/** `./kinship simulate` on a data directory, as an operator runs it. */
describe('the simulate command', () => {
  const dirs: string[] = [];
  const freshConfig = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kinship-simulate-'));
    dirs.push(dataDir);
    return loadConfig({ flags: { 'data-dir': dataDir, 'log-level': 'silent' }, env: {} });
  };
  const simulate = async (config: ReturnType<typeof loadConfig>, flags: Record<string, string> = {}) => {
    const lines: string[] = [];
    await runCli(['simulate'], flags, config, (line) => lines.push(line));
    return lines.join('\n');
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('tells the first month of the history into a fresh data directory and reports what it sent', async () => {
    const config = freshConfig();
    const output = await simulate(config, { seed: '11', until: '2004-05' });
    expect(output).toMatch(/Telling the Guangrui history \(seed 11\) from 2004-05 to 2004-05/);
    expect(output).toMatch(/2004-05: \d+ commands, new citizens present: guangrui-1 620, guangyi 0/);
    expect(output).toMatch(/register-resident\s+620/);
    const platform = await startPlatform({ ...config, port: 0, demoResidents: 0 });
    try {
      expect(await platform.infra.events.headPosition()).toBeGreaterThan(1240);
    } finally {
      await platform.stop();
    }
  }, 120_000);

  it('refuses a data directory that already holds events', async () => {
    const config = freshConfig();
    const platform = await startPlatform({ ...config, port: 0, demoResidents: 3 });
    await platform.stop();
    await expect(simulate(config)).rejects.toThrow(new UsageError(`${config.dataDir} already holds events; the history is told into a fresh data directory`));
  }, 60_000);

  it('refuses a month outside the history and a seed that is not a whole number', async () => {
    const config = freshConfig();
    await expect(simulate(config, { until: '2014-01' })).rejects.toThrow(UsageError);
    await expect(simulate(config, { until: 'mid-2013' })).rejects.toThrow(/--until must be a month from 2004-05 to 2013-06/);
    await expect(simulate(config, { seed: 'seven' })).rejects.toThrow(/--seed must be a whole number/);
  });
});
