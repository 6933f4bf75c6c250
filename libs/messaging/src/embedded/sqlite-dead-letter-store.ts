import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { EventEnvelope } from '@kinship/contracts';
import { DeadLetter, DeadLetterStore } from '../port/bus.port';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  DeadLetterReplayFailedError,
  NoLiveConsumerError,
  errorMessage,
} from '../port/bus.errors';
import { ConsumerHandlerRegistry } from './consumer-handler-registry';
import { DeadLetterLog } from './embedded-message-bus';

interface DeadLetterRow {
  id: string;
  consumer_group: string;
  event: string;
  error: string;
  attempts: number;
  dead_lettered_at: string;
  replayed_at: string | null;
}

/**
 * Dead letters of the embedded bus, in a table beside the events (the same SQLite file), replayed
 * through the group's live handler.
 */
export class SqliteDeadLetterStore implements DeadLetterStore, DeadLetterLog {
  constructor(
    private readonly database: Database,
    private readonly handlers: ConsumerHandlerRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS dead_letters (
        id TEXT PRIMARY KEY,
        consumer_group TEXT NOT NULL,
        event TEXT NOT NULL,
        error TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        dead_lettered_at TEXT NOT NULL,
        replayed_at TEXT
      );
      CREATE INDEX IF NOT EXISTS dead_letters_by_group ON dead_letters (consumer_group, replayed_at);
    `);
  }

  async record(entry: { group: string; event: EventEnvelope; error: string; attempts: number }): Promise<void> {
    this.database
      .prepare(
        `INSERT INTO dead_letters (id, consumer_group, event, error, attempts, dead_lettered_at, replayed_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(randomUUID(), entry.group, JSON.stringify(entry.event), entry.error, entry.attempts, this.now().toISOString());
  }

  async list(options: { group?: string; includeReplayed?: boolean } = {}): Promise<DeadLetter[]> {
    const conditions: string[] = [];
    const parameters: string[] = [];
    if (options.group !== undefined) {
      conditions.push('consumer_group = ?');
      parameters.push(options.group);
    }
    if (!options.includeReplayed) conditions.push('replayed_at IS NULL');
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.database
      .prepare(`SELECT * FROM dead_letters ${where} ORDER BY dead_lettered_at, rowid`)
      .all(...parameters) as DeadLetterRow[];
    return rows.map(toDeadLetter);
  }

  async replay(id: string): Promise<void> {
    const row = this.database.prepare('SELECT * FROM dead_letters WHERE id = ?').get(id) as DeadLetterRow | undefined;
    if (!row) throw new DeadLetterNotFoundError(id);
    if (row.replayed_at !== null) throw new DeadLetterAlreadyReplayedError(id, row.replayed_at);
    const handler = this.handlers.handlerFor(row.consumer_group);
    if (!handler) throw new NoLiveConsumerError(row.consumer_group);
    try {
      await handler(JSON.parse(row.event) as EventEnvelope);
    } catch (error) {
      const { attempts } = this.database
        .prepare('UPDATE dead_letters SET attempts = attempts + 1, error = ? WHERE id = ? RETURNING attempts')
        .get(errorMessage(error), id) as { attempts: number };
      throw new DeadLetterReplayFailedError(id, row.consumer_group, attempts, error);
    }
    this.database.prepare('UPDATE dead_letters SET replayed_at = ? WHERE id = ?').run(this.now().toISOString(), id);
  }
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    group: row.consumer_group,
    event: JSON.parse(row.event) as EventEnvelope,
    error: row.error,
    attempts: row.attempts,
    deadLetteredAt: row.dead_lettered_at,
    replayedAt: row.replayed_at,
  };
}
