import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Flushes a file's data to stable storage (the default is `fdatasync` on libuv's thread pool). */
export type SyncFile = (fd: number) => Promise<void>;

/** `fdatasync` on libuv's thread pool: the event loop goes on serving while the disk flushes. */
export const fdatasyncOffTheLoop: SyncFile = (fd) =>
  new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

/**
 * Syncs the write-ahead log of a SQLite database in WAL mode with `synchronous = NORMAL` (ADR 0014): SQLite then
 * syncs nothing at commit, but still syncs the log before and the database after each checkpoint, so the log is
 * never restarted over frames that are not in the database on disk. What a commit leaves in the log is made
 * durable here, off the event loop: `durable()` resolves once an fdatasync of the `-wal` file that started after
 * the call has completed. Commits made while a sync runs share the next one.
 */
export class WalSync {
  private readonly walFd: number;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  /** The database must be open in WAL mode and have been read once, so that its `-wal` file exists. */
  constructor(
    file: string,
    private readonly syncFile: SyncFile = fdatasyncOffTheLoop,
  ) {
    // SQLite keeps the -wal file while a connection is open: one descriptor serves every sync.
    this.walFd = openSync(`${file}-wal`, 'r+');
    // What an earlier process committed and never synced (it crashed; the machine did not) is made durable now,
    // and the log's directory entry too, so that the file itself is found after a power cut.
    fdatasyncSync(this.walFd);
    syncDirectory(dirname(file));
  }

  /** Resolves once everything committed before the call is on disk. */
  durable(): Promise<void> {
    if (!this.running) {
      this.running = this.syncFile(this.walFd).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // The sync under way may have started before the caller's commit: wait for the next one.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.durable();
      });
    return this.queued;
  }

  /** After the database connection has closed (SQLite has then checkpointed with syncing, and removed the log). */
  close(): void {
    closeSync(this.walFd);
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
