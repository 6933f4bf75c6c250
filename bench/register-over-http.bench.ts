import { generateResidentIdNumber } from '@kinship/privacy';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const ROOT = resolve(__dirname, '..');

export interface HttpBenchResult {
  commandsPerSecond: number;
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  rssAfterMiB: number;
  registrations: number;
  /** CPU time (user + system) the platform process spent per measured command: steadier than rates on a busy machine. */
  platformCpuMsPerCommand: number;
}

/**
 * Starts `./kinship start` as its own process (the all-in-one platform, as a user runs it) and registers residents
 * over HTTP with autocannon from this process. Every request carries a fresh, valid ID number.
 */
export async function registerOverHttp(options: {
  durationSeconds: number;
  connections: number;
  totalRegistrations: number;
  /** Extra node flags for the platform process (e.g. `--cpu-prof`); KINSHIP_BENCH_PLATFORM_NODE_ARGS when omitted. */
  platformNodeArgs?: string[];
}): Promise<HttpBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kinship-bench-http-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const nodeArgs = options.platformNodeArgs ?? (process.env['KINSHIP_BENCH_PLATFORM_NODE_ARGS']?.split(' ').filter(Boolean) ?? []);
  const platform = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'services/platform/src/main.ts', 'start', '--data-dir', dataDir, '--port', String(port), '--demo-residents', '0', '--history', 'off', '--log-level', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const token = await waitForToken(platform);
    const url = `http://127.0.0.1:${port}/stations/guangrui-1/residents`;
    let sequence = 0;
    const body = () => JSON.stringify(registration(sequence++));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // Warm-up: JIT, statement caches, first keys.
    await autocannon({ url, method: 'POST', connections: options.connections, amount: 2000, headers, requests: [{ setupRequest: (r) => ({ ...r, body: body() }) }] });

    const cpuBefore = processCpuMs(platform.pid as number);
    const measured = await autocannon({
      url,
      method: 'POST',
      connections: options.connections,
      duration: options.durationSeconds,
      headers,
      requests: [{ setupRequest: (r) => ({ ...r, body: body() }) }],
    });
    const platformCpuMs = processCpuMs(platform.pid as number) - cpuBefore;
    // Fill up to the total for the memory figure, at full speed, without measuring latency.
    const remaining = options.totalRegistrations - sequence;
    if (remaining > 0) {
      await autocannon({ url, method: 'POST', connections: options.connections, amount: remaining, headers, requests: [{ setupRequest: (r) => ({ ...r, body: body() }) }] });
    }
    const rssAfterMiB = residentMemoryMiB(platform.pid as number);
    return {
      commandsPerSecond: Math.round(measured.requests.average),
      p50Ms: measured.latency.p50,
      p97_5Ms: measured.latency.p97_5,
      p99Ms: measured.latency.p99,
      requests: measured.requests.total,
      non2xx: measured.non2xx,
      errors: measured.errors,
      rssAfterMiB,
      registrations: sequence,
      platformCpuMsPerCommand: Math.round((platformCpuMs / Math.max(1, measured.requests.total)) * 100) / 100,
    };
  } finally {
    platform.kill('SIGTERM');
    await new Promise((done) => platform.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function registration(i: number) {
  const year = 1960 + (i % 45);
  const day = new Date(Date.UTC(year, 0, 1) + Math.floor(i / 45 / 500) * 86_400_000).toISOString().slice(0, 10);
  const sex = i % 2 === 0 ? 'female' : 'male';
  return {
    name: `测试${i}`,
    sex,
    birthDate: day,
    idNumber: generateResidentIdNumber('341200', day, Math.floor(i / 45) % 500, sex),
    phone: `138${String(i).padStart(8, '0')}`,
    origin: { province: '安徽省', city: '阜阳市' },
    arrivalDate: '2026-01-15',
    address: { compound: '广瑞一村东区', building: String(1 + (i % 30)), unit: String(1 + (i % 4)), room: '301' },
    occupation: 'factory worker',
    consent: { given: true, scope: ['registry'] },
  };
}

async function waitForToken(platform: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolveToken, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output}`)), 60_000);
    platform.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /export STAFF_TOKEN=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveToken(match[1] as string);
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

function residentMemoryMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}
