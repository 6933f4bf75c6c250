import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../cli/cli';
import { EmbeddedConfig, loadConfig } from '../embedded/config';
import { RunningPlatform, startPlatform } from '../embedded/start-platform';

/** A fresh platform started as `./kinship start` does, filling up with the history in the background while it answers. */
describe('seeding the history in the background', () => {
  let dataDir: string;
  let config: EmbeddedConfig;
  let platform: RunningPlatform;
  const lines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kinship-seeding-'));
    config = loadConfig({ flags: { 'data-dir': dataDir, port: '0', 'log-level': 'silent' }, env: {} });
    platform = await startPlatform({ ...config, seedHistory: true }, (line) => lines.push(line));
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers queries while the district fills up, and stops after the command in hand', async () => {
    const seeding = platform.seeding;
    if (!seeding) throw new Error('a fresh data directory with seedHistory should be seeding');
    // The history replaces the demo residents, it does not come on top of them.
    expect(platform.seeded).toBe(0);
    const staff = await issueToken(config, 'station-staff', 'guangrui-1');
    let seen = 0;
    for (let attempt = 0; attempt < 200 && seen === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const directory = await fetch(`${platform.url}/stations/guangrui-1/directory?pageSize=5`, { headers: { authorization: `Bearer ${staff}` } });
      expect(directory.status).toBe(200);
      seen = ((await directory.json()) as { items: unknown[] }).items.length;
    }
    expect(seen).toBeGreaterThan(0);
    await seeding.stop();
    const result = await seeding.done;
    expect(result.complete).toBe(false);
    expect(result.commands).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(`Stopped seeding the Guangrui history after ${result.commands} commands.`);
  }, 60_000);
});
