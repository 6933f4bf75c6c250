import { ReadSideServiceDefinition, serveUntilSignalled, ServiceDefinition, startReadSideService, startService } from './run-service';
import { RuntimeConfig, RuntimeConfigError, runtimeConfigFromEnv } from './runtime-config';

/**
 * The body of every service's `main.ts` in distributed mode: configuration from the environment, start, serve
 * until signalled. A configuration error is printed plainly and exits 2 (a deployment mistake, not a crash).
 */
export function mainOf(service: string, define: (config: RuntimeConfig) => ServiceDefinition): void {
  run(service, async () => {
    const config = runtimeConfigFromEnv(service, process.env);
    return startService(config, define(config));
  });
}

/** `mainOf` for a service that writes no events and reads every other service's from Kafka (the projections). */
export function readSideMainOf(service: string, define: (config: RuntimeConfig) => ReadSideServiceDefinition): void {
  run(service, async () => {
    const config = runtimeConfigFromEnv(service, process.env, { ownEventStore: false });
    return startReadSideService(config, define(config));
  });
}

function run(service: string, start: () => Promise<{ url: string; stop(): Promise<void> }>): void {
  const main = async () => {
    const running = await start();
    process.stdout.write(`${JSON.stringify({ level: 'info', service, msg: `listening at ${running.url}` })}\n`);
    await serveUntilSignalled(running);
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error instanceof RuntimeConfigError ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
      process.exit(error instanceof RuntimeConfigError ? 2 : 1);
    },
  );
}
