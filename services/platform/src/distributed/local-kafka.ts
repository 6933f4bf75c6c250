import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '@kinship/e2e-harness';

const SCRIPT = join(REPO_ROOT, 'deploy/local/kafka/kafka.sh');

/**
 * A Kafka broker of one test's own, started with deploy/local/kafka/kafka.sh on free ports under tmp/, so the test
 * may stop and start it without disturbing anyone else's broker. Needs what that script needs (a JDK, Maven
 * once for the jars); the jars of the shared local broker are reused when they are there.
 */
export class LocalKafka {
  private readonly killOnExit = () => {
    const pid = this.pid();
    try {
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };

  private constructor(
    readonly dir: string,
    readonly brokers: string,
    readonly version: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    process.once('exit', this.killOnExit);
  }

  /** Starts a broker whose data, logs and pid file live under `dir`. */
  static async create(dir: string): Promise<LocalKafka> {
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const enginesDir = join(dir, 'engines');
    mkdirSync(join(enginesDir, 'kafka'), { recursive: true });
    const sharedJars = join(process.env['KINSHIP_ENGINES_DIR'] ?? join(REPO_ROOT, 'tmp/engines'), 'kafka/lib');
    if (existsSync(join(sharedJars, '.inputs'))) symlinkSync(sharedJars, join(enginesDir, 'kafka/lib'));
    const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort), KINSHIP_ENGINES_DIR: enginesDir };
    const brokers = (await runScript('start', env)).trim().split('\n').at(-1) ?? '';
    const version = readFileSync(join(enginesDir, 'kafka/version'), 'utf8').trim();
    return new LocalKafka(dir, brokers, version, env);
  }

  /** Stops the broker (TERM, then KILL if it lingers); its data stays for `start`. */
  async stop(): Promise<void> {
    await runScript('stop', this.env);
  }

  /** Starts the stopped broker again on the same ports and data; resolves once it answers. */
  async start(): Promise<void> {
    await runScript('start', this.env);
  }

  /** Stops the broker and deletes everything it wrote. */
  async destroy(): Promise<void> {
    try {
      await runScript('stop', this.env);
    } finally {
      process.removeListener('exit', this.killOnExit);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private pid(): number | undefined {
    const file = join(this.env['KINSHIP_ENGINES_DIR'] ?? '', 'kafka/pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  }
}

function runScript(verb: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, verb], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`kafka.sh ${verb} exited with ${code}:\n${stderr}`))));
  });
}
