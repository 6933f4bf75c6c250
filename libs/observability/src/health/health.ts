/** What a component says about itself; `detail` is shown on the public `/health` endpoint. */
export interface HealthStatus {
  up: boolean;
  detail?: unknown;
}

/** A component's self-check; it should answer quickly and never throw on purpose. */
export type HealthCheck = () => Promise<HealthStatus>;

/** Liveness failures mean "restart me"; readiness failures mean "send me no traffic yet". */
export type HealthKind = 'liveness' | 'readiness';

export interface ComponentHealth extends HealthStatus {
  kind: HealthKind;
  durationMs: number;
}

export interface HealthReport {
  status: 'up' | 'down';
  live: boolean;
  ready: boolean;
  checks: Record<string, ComponentHealth>;
}

/** Receives a check that threw or timed out; the public report only names the error. */
export interface HealthFailureLog {
  warn(fields: object, message: string): void;
}

export interface HealthRegistryOptions {
  /** A check slower than this counts as down. */
  timeoutMs?: number;
}

interface Entry {
  kind: HealthKind;
  check: HealthCheck;
}

class HealthCheckTimeout extends Error {
  override readonly name = 'HealthCheckTimeout';
}

/** Named liveness and readiness checks that components register and `/health` runs. */
export class HealthRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly timeoutMs: number;

  constructor(options: HealthRegistryOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  /**
   * Registers (or replaces) the check called `name`; returns a function that removes it.
   * Replacing rather than failing lets two modules of the embedded process share one component's check.
   */
  register(name: string, check: HealthCheck, options: { kind?: HealthKind } = {}): () => void {
    const entry: Entry = { kind: options.kind ?? 'readiness', check };
    this.entries.set(name, entry);
    return () => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
    };
  }

  /** Runs the checks concurrently: all of them, or only those of one kind. Live ⇐ every liveness check up; ready ⇐ live and every readiness check up. */
  async report(kind?: HealthKind, log?: HealthFailureLog): Promise<HealthReport> {
    const selected = [...this.entries].filter(([, entry]) => kind === undefined || entry.kind === kind);
    const results = await Promise.all(
      selected.map(async ([name, entry]) => [name, await this.run(name, entry, log)] as const),
    );
    const checks = Object.fromEntries(results);
    const live = results.every(([, result]) => result.kind !== 'liveness' || result.up);
    const ready = live && results.every(([, result]) => result.up);
    return { status: ready ? 'up' : 'down', live, ready, checks };
  }

  private async run(name: string, entry: Entry, log: HealthFailureLog | undefined): Promise<ComponentHealth> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HealthCheckTimeout(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const status = await Promise.race([entry.check(), timeout]);
      return { ...status, up: status.up === true, kind: entry.kind, durationMs: elapsed(started) };
    } catch (error: unknown) {
      log?.warn({ err: error, check: name }, 'health check failed');
      // The endpoint is unauthenticated: a driver's message can hold hosts or user names, so only its kind is shown.
      const errorName = error instanceof Error ? error.name : 'Error';
      return { up: false, detail: { error: errorName }, kind: entry.kind, durationMs: elapsed(started) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** The process's health registry: every component of every module mounted in this process registers here. */
export const health = new HealthRegistry();
