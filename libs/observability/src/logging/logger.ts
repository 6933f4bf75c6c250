import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';

// Field names the domain uses for personal data. pino cannot redact at any depth, so the common
// shapes are listed: `{ idNumber }`, `{ resident: { idNumber } }`, `{ data: { resident: { idNumber } } }`.
const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'address', 'personal', 'email'] as const;

/** Log fields that may carry personal data; their values are replaced before a line is written. */
export const REDACTED_PATHS: readonly string[] = [
  // A top-level `name` is the logger's own name, not a person's.
  ...PERSONAL_FIELDS.filter((field) => field !== 'name'),
  ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  ...PERSONAL_FIELDS.map((field) => `*.*.${field}`),
  // Request bodies carry what residents typed in; they never reach the logs, whatever logged them.
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
];

export interface CreateLoggerOptions {
  /** pino level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'. */
  level?: string;
  /** The process or component name written on every line. */
  name: string;
  /** Where lines go; stdout when omitted. */
  destination?: DestinationStream;
}

const requestBound = Symbol('kinship.requestBoundLogger');

/** Marks a logger whose bindings already carry the correlation id, so it is not written twice. */
export function markCorrelationBound<T extends Logger>(logger: T): T {
  (logger as unknown as Record<symbol, boolean>)[requestBound] = true;
  return logger;
}

/** A JSON logger with personal fields redacted and the current correlation id on every line. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Code deep inside a request (a handler, a repository) logs through plain loggers; the
    // correlation id reaches their lines from the async context instead of being passed around.
    mixin: (_merge, _level, logger) => {
      if ((logger as unknown as Record<symbol, boolean>)[requestBound]) return {};
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
