import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const pinoLevelOf: Record<LogLevel, PinoLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Nest's LoggerService over pino, so the framework's own lines are JSON like ours. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.logger.level = lowest === undefined ? 'silent' : pinoLevelOf[lowest];
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const rest = [...params];
    // Nest appends the logger's context as the last string argument.
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    // Nest's error(message, stack, context) passes the stack as a string.
    if (level === 'error' && typeof rest[0] === 'string') fields['stack'] = rest.shift();
    const extra = rest.filter((param) => param !== undefined);
    if (extra.length > 0) fields['params'] = extra;
    const pinoLevel = pinoLevelOf[level];
    if (message instanceof Error) {
      this.logger[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      // Nested under `data` so the personal-field redaction paths (`*.name`, ...) still match.
      this.logger[pinoLevel]({ ...fields, data: message });
    } else {
      this.logger[pinoLevel](fields, String(message));
    }
  }
}
