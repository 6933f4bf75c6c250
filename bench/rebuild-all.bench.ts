import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const MAIN = 'services/platform/src/main.ts';

export interface RebuildAllOptions {
  /** The simulated history is told up to this month (default: to its end, mid-2013). */
  until?: string;
  seed?: number;
}

/** What the rebuild of every read model measured. */
export interface RebuildAllResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** CPU time (user + system) of the platform process per event of the log, in microseconds. */
  platformCpuUsPerEvent: number;
  /** Seconds until each projection's rebuilt collections served queries. */
  byProjection: Record<string, number>;
  /** How long telling the history took, when it was not in the cache yet. */
  historySeconds: number | null;
}

interface ProjectionStatusView {
  name: string;
  state: 'live' | 'rebuilding';
  headPosition: number;
  lag: number | null;
  active: { build: number } | null;
}

/**
 * Rebuild speed of every read model of the catalogue on the embedded SQLite store (issue #7). The log is the
 * simulated Guangrui history (`./kinship simulate`), told once per seed and month and kept under tmp/bench-history.
 * A copy of it is started as the all-in-one platform, as a user runs it, and an operator asks every projection to
 * rebuild at once (`POST /operator/projections/:name/rebuild?wait=true`): each builds beside its live build under a
 * new consumer group and switches when it has caught up. The rate is the log's events over the time until the last
 * projection switched.
 */
export async function rebuildAllBench(options: RebuildAllOptions = {}): Promise<RebuildAllResult> {
  const seed = options.seed ?? 2004;
  const { dir: history, seconds: historySeconds } = await simulatedHistory(seed, options.until);
  const dataDir = mkdtempSync(join(tmpdir(), 'kinship-bench-rebuild-'));
  cpSync(history, dataDir, { recursive: true });
  const port = 3990 + Math.floor(Math.random() * 9);
  const nodeArgs = process.env['KINSHIP_BENCH_PLATFORM_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const platform = spawn(
    process.execPath,
    [...nodeArgs, '-r', '@swc-node/register', MAIN, 'start', '--data-dir', dataDir, '--port', String(port), '--demo-residents', '0', '--history', 'off', '--log-level', 'warn'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const token = await waitForLine(platform, /export OPERATOR_TOKEN=(\S+)/);
    const call = (method: 'GET' | 'POST', path: string) => httpJson(method, `http://127.0.0.1:${port}${path}`, token);
    const before = ((await call('GET', '/operator/projections')) as { projections: ProjectionStatusView[] }).projections;
    if (before.some((p) => p.state !== 'live' || p.lag !== 0)) throw new Error(`the read models of the history are not caught up: ${JSON.stringify(before)}`);
    const events = Math.max(...before.map((p) => p.headPosition));

    const byProjection: Record<string, number> = {};
    const cpuBefore = processCpuMs(platform.pid as number);
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    await Promise.all(
      before.map(async ({ name }) => {
        await call('POST', `/operator/projections/${encodeURIComponent(name)}/rebuild?wait=true`);
        byProjection[name] = Math.round(seconds() * 100) / 100;
      }),
    );
    const total = seconds();
    const cpuMs = processCpuMs(platform.pid as number) - cpuBefore;

    const after = ((await call('GET', '/operator/projections')) as { projections: ProjectionStatusView[] }).projections;
    for (const projection of after) {
      const previous = before.find((p) => p.name === projection.name);
      if (projection.state !== 'live' || projection.active?.build === previous?.active?.build) {
        throw new Error(`projection ${projection.name} did not switch to its rebuilt collections: ${JSON.stringify(projection)}`);
      }
    }
    return {
      events,
      seconds: Math.round(total * 100) / 100,
      eventsPerSecond: Math.round(events / total),
      platformCpuUsPerEvent: Math.round((cpuMs * 1000) / Math.max(1, events)),
      byProjection,
      historySeconds,
    };
  } finally {
    platform.kill('SIGTERM');
    await new Promise((done) => platform.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The history's data directory, told by `./kinship simulate` on first use and kept for the next runs. */
async function simulatedHistory(seed: number, until: string | undefined): Promise<{ dir: string; seconds: number | null }> {
  const dir = join(ROOT, 'tmp', 'bench-history', `seed-${seed}-until-${until ?? 'end'}`);
  const complete = join(dir, 'complete');
  if (existsSync(complete)) return { dir, seconds: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const args = ['-r', '@swc-node/register', MAIN, 'simulate', '--data-dir', dir, '--seed', String(seed), ...(until ? ['--until', until] : [])];
  const simulate = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  simulate.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  simulate.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => simulate.once('exit', done));
  if (code !== 0) throw new Error(`./kinship simulate exited with ${code}:\n${output}`);
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  return { dir, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

function httpJson(method: 'GET' | 'POST', url: string, token: string): Promise<unknown> {
  // node:http rather than fetch: a rebuild answered with ?wait=true may take longer than fetch's header timeout.
  return new Promise((resolveBody, reject) => {
    const req = request(url, { method, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${url}: ${res.statusCode} ${body}`));
        else resolveBody(body === '' ? null : JSON.parse(body));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function waitForLine(platform: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolveMatch, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output}`)), 120_000);
    platform.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveMatch(match[1] as string);
      }
    });
    platform.once('exit', (code) => reject(new Error(`platform exited with ${code}:\n${output}`)));
  });
}

/** utime + stime of a process, in ms (Linux `/proc/<pid>/stat`, fields 14 and 15, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
