import { Client } from 'pg';

/** Where the lease lives and how eagerly it is checked. */
export interface PostgresLeaderLeaseOptions {
  connectionString: string;
  /** What is led, e.g. `<schema>/<relay name>`: processes naming the same thing compete for one lock. */
  name: string;
  /** How often a standby tries to take the lock, and the leader checks that it still holds it (default 1000 ms). */
  checkIntervalMs?: number;
  /** Told about connection failures (the lease keeps trying). */
  onError?: (error: unknown) => void;
}

/** One stretch of leadership: `ended` settles once this process no longer holds the lock. */
export interface LeadershipTerm {
  readonly ended: Promise<void>;
  isOver(): boolean;
}

/**
 * Leadership among replicas through a PostgreSQL session advisory lock (`pg_try_advisory_lock`) held on a
 * connection of its own: the server releases it when that connection ends, so a leader that crashes or is cut
 * off hands over without anyone waiting for a timeout. A standby tries again every `checkIntervalMs`; the
 * leader checks its connection as often and ends its term when the check fails, since the lock may then be
 * somebody else's. Between the failure and the check both may act for a moment: what is led must tolerate
 * that (the outbox relay does: delivery is at least once).
 */
export class PostgresLeaderLease {
  private client: Client | null = null;
  private term: Term | null = null;
  private readonly closing = new AbortController();
  private holding = false;
  private readonly checkIntervalMs: number;

  constructor(private readonly options: PostgresLeaderLeaseOptions) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
  }

  /** Resolves once this process holds the lock; undefined when `signal` aborts (or the lease closes) first. */
  async lead(signal?: AbortSignal): Promise<LeadershipTerm | undefined> {
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    while (!stop.aborted) {
      if (this.term && !this.term.over) throw new Error(`Lease ${this.options.name} already leads; wait for its term to end`);
      if (await this.tryLock()) {
        if (!stop.aborted) return this.startTerm();
        // Told to stop while the lock was being taken: give it straight back.
        await this.release();
        break;
      }
      await pause(this.checkIntervalMs, stop);
    }
    return undefined;
  }

  /** Gives the lock up (and ends the term) so a standby can take over; the lease can lead again later. */
  async release(): Promise<void> {
    const client = this.client;
    this.endTerm();
    if (!client || !this.holding) return;
    this.holding = false;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.options.name]);
    } catch (error) {
      // The connection is gone, and the lock with it.
      await this.drop(client, error);
    }
  }

  /** Releases the lock and closes the connection. */
  async close(): Promise<void> {
    this.closing.abort();
    const client = this.client;
    this.endTerm();
    this.client = null;
    this.holding = false;
    await client?.end().catch(() => undefined);
  }

  private async tryLock(): Promise<boolean> {
    try {
      const client = await this.connected();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.options.name]);
      this.holding = rows[0]?.locked === true;
      return this.holding;
    } catch (error) {
      if (this.client) await this.drop(this.client, error);
      else this.options.onError?.(error);
      return false;
    }
  }

  private startTerm(): LeadershipTerm {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const term: Term = { ended, end, over: false, stop: new AbortController() };
    this.term = term;
    void this.watch(term);
    return { ended, isOver: () => term.over };
  }

  /** While the term lasts, checks the connection that holds the lock; a failure ends the term. */
  private async watch(term: Term): Promise<void> {
    while (!term.over) {
      await pause(this.checkIntervalMs, term.stop.signal);
      const client = this.client;
      if (term.over || !client) break;
      try {
        await client.query('SELECT 1');
      } catch (error) {
        await this.drop(client, error);
      }
    }
  }

  private endTerm(): void {
    if (!this.term || this.term.over) return;
    this.term.over = true;
    this.term.stop.abort();
    this.term.end();
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.connectionString });
    // A connection the server drops is reported here first; the lock went with it.
    client.on('error', (error) => void this.drop(client, error));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      if (this.client === client) this.client = null;
      throw error;
    }
    return client;
  }

  private async drop(client: Client, error: unknown): Promise<void> {
    if (this.client !== client) return;
    this.client = null;
    this.holding = false;
    this.endTerm();
    this.options.onError?.(error);
    await client.end().catch(() => undefined);
  }
}

interface Term {
  ended: Promise<void>;
  end: () => void;
  over: boolean;
  /** Wakes the connection check when the term ends some other way. */
  stop: AbortController;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
