import { generateResidentIdNumber } from '@kinship/privacy';
import { call, Deployment, Registered, ServiceProcess, sleep } from '@kinship/e2e-harness';

const STATION = 'guangrui-1';
const TARGET_P50_MS = 50;
const TARGET_P99_MS = 250;
// A command still invisible after this long counts as an error, so an overloaded run still ends.
const GIVE_UP_MS = 30_000;

/** How a run of the Kafka latency benchmark is sized. */
export interface KafkaLatencyOptions {
  commandsPerSecond?: number;
  durationSeconds?: number;
  warmUpCommands?: number;
}

interface Engines {
  postgres: string;
  kafka: string;
  mongodb: string;
}

interface Outcome {
  latencyMs?: number;
  commandMs?: number;
  error?: string;
  requeried: boolean;
}

/**
 * Command-to-read-model latency through Kafka: the registry and the projections service as separate processes on
 * PostgreSQL, Kafka and MongoDB (the distributed e2e harness), an open-loop load of registrations over HTTP on a
 * fixed schedule, and for each one the time from sending the command until the projections service's directory
 * answers with that resident (`afterPosition` of the command, filtered by its ID number). Target: p50 <= 50 ms,
 * p99 <= 250 ms at 500 commands/s.
 */
export async function kafkaLatencyBench(options: KafkaLatencyOptions = {}): Promise<string> {
  // The environment overrides the defaults, so `./kinship bench --only=latency` can be run at other rates.
  const rate = options.commandsPerSecond ?? numberFromEnvironment('KINSHIP_BENCH_LATENCY_RATE') ?? 500;
  const seconds = options.durationSeconds ?? numberFromEnvironment('KINSHIP_BENCH_LATENCY_SECONDS') ?? 20;
  const engines = enginesFromEnvironment();
  if (!engines) return 'Kafka command-to-read-model latency: skipped, KINSHIP_TEST_POSTGRES_URL / KINSHIP_TEST_KAFKA_BROKERS / KINSHIP_TEST_MONGODB_URL not set';

  const deployment = new Deployment(engines);
  // An interrupted run must still take its service processes down: `exit` is where the deployment kills them.
  const interrupted = () => process.exit(130);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await deployment.seedOrgHierarchy();
    const [registry, projections] = await Promise.all([deployment.start('registry'), deployment.start('projections')]);
    const staff = await deployment.token('station-staff', STATION);
    let sequence = 0;
    const roundTrip = () => commandToReadModel(registry, projections, staff, sequence++);

    // Warm-up, one at a time: topics, consumer-group assignment, connection pools and JIT before the clock runs.
    for (let i = 0; i < (options.warmUpCommands ?? 200); i++) {
      const warm = await roundTrip();
      if (warm.error) throw new Error(`warm-up failed: ${warm.error}`);
    }

    const total = rate * seconds;
    const intervalMs = 1000 / rate;
    const pending: Array<Promise<Outcome>> = [];
    let maxSlipMs = 0;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      maxSlipMs = Math.max(maxSlipMs, performance.now() - due);
      pending.push(roundTrip());
    }
    const sendSeconds = (performance.now() - started) / 1000;
    const outcomes = await Promise.all(pending);
    const allDoneSeconds = (performance.now() - started) / 1000;

    const latencies = outcomes.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs])).sort((a, b) => a - b);
    const errors = outcomes.filter((o) => o.error);
    const commands = outcomes.flatMap((o) => (o.commandMs === undefined ? [] : [o.commandMs])).sort((a, b) => a - b);
    const requeried = outcomes.filter((o) => o.requeried).length;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const sampleErrors = [...new Set(errors.map((e) => e.error))].slice(0, 3).join('; ');
    return (
      `Command to read model through Kafka (registry and projections as separate processes, PostgreSQL + Kafka + ` +
      `MongoDB API): p50 ${ms(quantile(latencies, 0.5))} (target <= ${TARGET_P50_MS} ms), ` +
      `p95 ${ms(quantile(latencies, 0.95))}, p99 ${ms(quantile(latencies, 0.99))} (target <= ${TARGET_P99_MS} ms), ` +
      `max ${ms(latencies[latencies.length - 1] ?? NaN)} over ${latencies.length} registrations ` +
      `(of which the registry's answer: p50 ${ms(quantile(commands, 0.5))}, p99 ${ms(quantile(commands, 0.99))}); ` +
      `offered ${rate}/s for ${seconds} s open-loop, achieved ${Math.round(total / sendSeconds)} commands/s sent ` +
      `(${Math.round(latencies.length / allDoneSeconds)}/s visible, schedule slip max ${ms(maxSlipMs)}), ` +
      `${errors.length} errors${sampleErrors ? ` (${sampleErrors})` : ''}, ${requeried} re-queried`
    );
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await deployment.cleanUp();
  }
}

/** One registration, then one directory query that waits for its position; the latency spans both. */
async function commandToReadModel(registry: ServiceProcess, projections: ServiceProcess, token: string, n: number): Promise<Outcome> {
  const form = registration(n);
  const sent = performance.now();
  try {
    const command = await call<Registered>(`${registry.url}/stations/${STATION}/residents`, token, { method: 'POST', body: form });
    if (command.status !== 201) return { error: `register ${command.status}`, requeried: false };
    const query = `${projections.url}/stations/${STATION}/directory?afterPosition=${command.body.position}&idNumber=${form.idNumber}&pageSize=1`;
    const commandMs = performance.now() - sent;
    // The position guarantees the resident is there; a second query only covers a 504 of a service that fell behind.
    for (let attempt = 0; performance.now() - sent < GIVE_UP_MS; attempt++) {
      const reply = await call<{ items: Array<{ residentId: string }> }>(query, token);
      if (reply.status === 200 && reply.body.items.some((item) => item.residentId === command.body.residentId)) {
        return { latencyMs: performance.now() - sent, commandMs, requeried: attempt > 0 };
      }
      if (reply.status !== 200 && reply.status !== 504) return { error: `directory ${reply.status}`, requeried: attempt > 0 };
    }
    return { error: `not in the directory within ${GIVE_UP_MS / 1000} s`, requeried: true };
  } catch (error) {
    return { error: String(error), requeried: false };
  }
}

/** A registration with an ID number unique to `n` (for the 10,000s of a run). */
function registration(n: number) {
  const sex = n % 2 === 0 ? 'female' : 'male';
  const birthDate = new Date(Date.UTC(1960, 0, 1) + (n % 12_000) * 86_400_000).toISOString().slice(0, 10);
  return {
    name: `延迟测试${n}`,
    sex,
    birthDate,
    idNumber: generateResidentIdNumber('341202', birthDate, Math.floor(n / 12_000) % 500, sex),
    phone: `139${String(n).padStart(8, '0')}`,
    origin: { province: '安徽省', city: '阜阳市' },
    arrivalDate: '2026-01-15',
    address: { compound: '广瑞一村', building: String(1 + (n % 30)), unit: String(1 + (n % 4)), room: '301' },
    occupation: 'assembly worker',
    consent: { given: true, scope: ['registry', 'services'] },
  };
}

function enginesFromEnvironment(): Engines | undefined {
  const postgres = process.env['KINSHIP_TEST_POSTGRES_URL'];
  const kafka = process.env['KINSHIP_TEST_KAFKA_BROKERS'];
  const mongodb = process.env['KINSHIP_TEST_MONGODB_URL'];
  return postgres && kafka && mongodb ? { postgres, kafka, mongodb } : undefined;
}

function numberFromEnvironment(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!(value > 0)) throw new RangeError(`${name} must be a positive number, got ${raw}`);
  return value;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
