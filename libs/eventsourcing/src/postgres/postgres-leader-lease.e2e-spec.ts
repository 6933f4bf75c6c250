import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeEngine } from '@kinship/testing';
import { LeadershipTerm, PostgresLeaderLease } from './postgres-leader-lease';

/** Settles with the term, or with 'waiting' if it is not there after `ms`. */
function within(lead: Promise<LeadershipTerm | undefined>, ms: number): Promise<LeadershipTerm | undefined | 'waiting'> {
  return Promise.race([lead, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);
}

describeEngine('postgres', 'PostgresLeaderLease', (engine) => {
  const leases: PostgresLeaderLease[] = [];
  const lease = (name: string) => {
    const created = new PostgresLeaderLease({ connectionString: engine.url, name, checkIntervalMs: 50 });
    leases.push(created);
    return created;
  };
  let name: string;

  beforeEach(() => {
    name = `e2e-lease-${randomBytes(4).toString('hex')}`;
  });

  afterEach(async () => {
    for (const created of leases.splice(0)) await created.close();
  });

  describe('when two replicas compete for the same name', () => {
    it('lets one lead and the other take over only once the leader releases', async () => {
      const first = lease(name);
      const second = lease(name);
      const leader = await first.lead();
      const standby = second.lead();

      expect(leader?.isOver()).toBe(false);
      expect(await within(standby, 300)).toBe('waiting');
      await first.release();

      expect(leader?.isOver()).toBe(true);
      expect((await within(standby, 2000)) as LeadershipTerm).toMatchObject({ ended: expect.any(Promise) });
    });

    it('lets replicas of other names lead at the same time', async () => {
      const ours = await lease(name).lead();
      const theirs = await within(lease(`${name}-other`).lead(), 2000);

      expect(ours?.isOver()).toBe(false);
      expect(theirs).not.toBe('waiting');
    });
  });

  describe("when the leader's connection is cut", () => {
    it('ends its term and hands the lock to a standby', async () => {
      const first = lease(name);
      const term = await first.lead();
      const standby = lease(name).lead();
      expect(await within(standby, 200)).toBe('waiting');

      const admin = new Client({ connectionString: engine.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_locks
            WHERE locktype = 'advisory' AND objsubid = 1 AND granted
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
          [name],
        );
        expect(rows).toEqual([{ terminated: true }]);
      } finally {
        await admin.end();
      }

      if (!term) throw new Error('the first replica did not lead');
      await within(term.ended.then(() => undefined), 2000);
      expect(term.isOver()).toBe(true);
      expect(await within(standby, 2000)).not.toBe('waiting');
    });
  });

  describe('when a standby is told to stop waiting', () => {
    it('gives up without leading', async () => {
      await lease(name).lead();
      const stop = new AbortController();
      const standby = lease(name).lead(stop.signal);
      stop.abort();

      expect(await within(standby, 1000)).toBeUndefined();
    });
  });
});
