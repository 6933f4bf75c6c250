import { RuntimeConfigError, runtimeConfigFromEnv } from './runtime-config';
import { serveUntilSignalled, ServiceDefinition, startService } from './run-service';
import { RuntimeConfig } from './runtime-config';

/**
 * The body of every service's `main.ts` in distributed mode: configuration from the environment, start, serve
 * until signalled. A configuration error is printed plainly and exits 2 (a deployment mistake, not a crash).
 */
export function mainOf(service: string, define: (config: RuntimeConfig) => ServiceDefinition): void {
  const run = async () => {
    const config = runtimeConfigFromEnv(service, process.env);
    const running = await startService(config, define(config));
    process.stdout.write(`${JSON.stringify({ level: 'info', service, msg: `listening at ${running.url}` })}\n`);
    await serveUntilSignalled(running);
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error instanceof RuntimeConfigError ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
      process.exit(error instanceof RuntimeConfigError ? 2 : 1);
    },
  );
}
