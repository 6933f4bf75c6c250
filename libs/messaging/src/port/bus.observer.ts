/**
 * What the bus logs through: pino-compatible (`logger.error({ group, err }, 'message')`), so a pino
 * logger can be passed as is and the bus stays free of a logging library.
 */
export interface BusLogger {
  error(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
}

/** Receives a group's consumer lag (head position − handled position), e.g. to set a Prometheus gauge. */
export type ConsumerLagReporter = (group: string, lag: number) => void;

/** Only errors reach stderr: retries and dead letters are routine and belong in a real logger. */
export const stderrBusLogger: BusLogger = {
  error: (context, message) => console.error(message, context),
  warn: () => undefined,
  info: () => undefined,
};
