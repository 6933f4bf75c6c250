import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Kind = 'counter' | 'gauge' | 'histogram';

interface Registration {
  kind: Kind;
  labelNames: string;
  metric: Counter<string> | Gauge<string> | Histogram<string>;
}

export interface MetricsOptions {
  /** Collect prom-client's process metrics (CPU, memory, event-loop lag, GC) into this registry. */
  defaultMetrics?: boolean;
}

/**
 * A Prometheus registry whose metrics are registered idempotently by name: embedded mode mounts every
 * service in one process, so two modules asking for the same gauge must get the same object.
 */
export class Metrics {
  /** The prom-client registry scraped at `/metrics`. */
  readonly registry = new Registry();
  private readonly registrations = new Map<string, Registration>();

  constructor(options: MetricsOptions = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A counter, created on first use of `name`. */
  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.register(name, 'counter', labelNames, () => new Counter({ name, help, labelNames, registers: [this.registry] })) as Counter<L>;
  }

  /** A gauge, created on first use of `name`. */
  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.register(name, 'gauge', labelNames, () => new Gauge({ name, help, labelNames, registers: [this.registry] })) as Gauge<L>;
  }

  /** A histogram, created on first use of `name`; `buckets` in the metric's unit (seconds for durations). */
  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.register(
      name,
      'histogram',
      labelNames,
      () => new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) }),
    ) as Histogram<L>;
  }

  /** The Content-Type of `render()`'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private register(
    name: string,
    kind: Kind,
    labelNames: readonly string[],
    create: () => Registration['metric'],
  ): Registration['metric'] {
    const labels = [...labelNames].sort().join(',');
    const existing = this.registrations.get(name);
    if (existing) {
      // Same name, different shape is two components disagreeing about one metric: fail loudly at startup.
      if (existing.kind !== kind || existing.labelNames !== labels) {
        throw new Error(
          `Metric ${name} is already registered as a ${existing.kind} with labels [${existing.labelNames}], not a ${kind} with [${labels}]`,
        );
      }
      return existing.metric;
    }
    const metric = create();
    this.registrations.set(name, { kind, labelNames: labels, metric });
    return metric;
  }
}

/** The process's metrics: one registry for every module mounted in this process. */
export const metrics = new Metrics({ defaultMetrics: true });

/** The HTTP request duration histogram every Kinship HTTP edge records into. */
export function httpRequestDuration(registry: Metrics = metrics): Histogram<'method' | 'route' | 'status_code'> {
  return registry.histogram(
    'http_request_duration_seconds',
    'Duration of HTTP requests by method, route pattern and status code',
    ['method', 'route', 'status_code'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
}
