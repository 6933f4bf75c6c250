import 'reflect-metadata';
import { Role } from '@kinship/contracts';
import { parseArgs } from 'node:util';
import { issueToken, runCli, USAGE, UsageError } from './cli/cli';
import { loadConfig } from './embedded/config';
import { startPlatform } from './embedded/start-platform';

/** `./kinship <command>`: start the embedded platform, or run an operator command. */
async function main(argv: string[]): Promise<number> {
  const text = { type: 'string' } as const;
  const { values: flags, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': text,
      port: text,
      host: text,
      'log-level': text,
      'demo-residents': text,
      id: text,
      kind: text,
      parent: text,
      name: text,
      role: text,
      org: text,
      sub: text,
      ttl: text,
      url: text,
      seed: text,
      until: text,
      history: text,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || flags['help']) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig({ flags, env: process.env });
  if (command !== 'start') {
    await runCli([command, ...rest], flags, config, (line) => console.log(line));
    return 0;
  }

  const started = Date.now();
  const platform = await startPlatform({ ...config, seedHistory: flags['history'] !== 'off' }, (line) => console.log(line));
  const tokens: Array<[string, Role, string, string]> = [
    ['STAFF_TOKEN', 'station-staff', 'guangrui-1', 'staff of Guangrui No.1 Village station'],
    ['LEAD_TOKEN', 'station-lead', 'guangrui-1', 'lead of Guangrui No.1 Village station'],
    ['GUANGYI_STAFF_TOKEN', 'station-staff', 'guangyi', 'staff of Guangyi New Village station'],
    ['MANAGER_TOKEN', 'center-manager', 'guangrui', 'manager of the Guangrui service center (both stations)'],
    ['ANALYST_TOKEN', 'district-analyst', 'liangxi', 'district analyst (aggregated feed only)'],
    ['OPERATOR_TOKEN', 'operator', 'liangxi', 'operator (tenants, projections, dead letters; no personal data)'],
  ];
  const lines = [
    '',
    `Kinship is up at ${platform.url} (data in ${config.dataDir}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `API description: ${platform.url}/docs   health: ${platform.url}/health   metrics: ${platform.url}/metrics`,
    `District dashboard: ${platform.url}/dashboard (paste the ANALYST_TOKEN or MANAGER_TOKEN below)`,
    ...(platform.seeded > 0 ? [`Seeded the demo district: ${platform.seeded} residents at guangrui-1 and guangyi.`] : []),
    ...(platform.seeding ? ['Seeding the Guangrui history (May 2004 to mid-2013) in the background; progress follows below.'] : []),
    ...config.generatedSecrets.map((s) => `Generated a development secret: ${s}. Set it in the environment for real use.`),
    '',
    'Development tokens (valid 8 h; more with ./kinship token --role ROLE --org ORG):',
  ];
  for (const [variable, role, org, who] of tokens) {
    lines.push(`  # ${who}`, `  export ${variable}=${await issueToken(config, role, org)}`);
  }
  lines.push(
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer $STAFF_TOKEN" '${platform.url}/stations/guangrui-1/directory?pageSize=5'`,
    '',
  );
  console.log(lines.join('\n'));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await platform.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
