import { Collection, SqliteDocumentStore } from '@kinship/documents';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldName } from '../district-indicators/district-indicators.document';
import { CountedFact, CountingAggregate, countOnce } from './count-once';

describe('counting events of many streams into one shared aggregate', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kinship-count-once-'));
  const store = new SqliteDocumentStore({ filename: join(directory, 'facts.db') });
  let facts: Collection<CountedFact>;
  let totals: Collection<CountingAggregate>;
  let run = 0;

  beforeEach(async () => {
    run += 1;
    facts = await store.collection(`facts-${run}`);
    totals = await store.collection(`totals-${run}`);
  });

  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** One arrival of a stream's event, counted on the shared day `day-1`. */
  const arrive = (streamId: string, streamVersion = 1, by = 1) =>
    countOnce<{ kind: string }>({
      event: { streamVersion },
      facts,
      aggregates: totals,
      factId: streamId,
      zeros: { 'counts.arrivals': 0, 'counts.departures': 0 },
      plan: async () => ({ increments: [{ id: 'day-1', inc: { 'counts.arrivals': by }, set: { date: '2012-01-01' } }], fact: { kind: 'resident' } }),
    });

  describe('when many streams add to the same day', () => {
    it('keeps the day as small after a hundred streams as after one', async () => {
      await arrive('resident-s-0');
      const afterOne = JSON.stringify(await totals.get('day-1')).length;
      for (let i = 1; i < 100; i += 1) await arrive(`resident-s-${i}`);
      const day = await totals.get('day-1');
      expect(day).toEqual({ _id: 'day-1', date: '2012-01-01', counts: { arrivals: 100, departures: 0 }, _counting: {} });
      expect(JSON.stringify(day).length).toBe(afterOne + 2);
    });
  });

  describe('when the bus delivers an event again', () => {
    it('counts it once, and an older event of the stream not at all', async () => {
      await arrive('resident-s-a', 1);
      await arrive('resident-s-a', 1);
      await arrive('resident-s-a', 2);
      await arrive('resident-s-a', 1);
      expect((await totals.get('day-1'))?.['counts']).toEqual({ arrivals: 2, departures: 0 });
      expect(await facts.get('resident-s-a')).toEqual({ _id: 'resident-s-a', kind: 'resident', _counted: { version: 2, aggregates: ['day-1'] } });
    });
  });

  describe('when the process died after adding to the day but before writing the fact', () => {
    it('finds its mark on the day, adds nothing more and finishes the fact', async () => {
      await totals.upsert({ _id: 'day-1', date: '2012-01-01', counts: { arrivals: 1, departures: 0 }, _counting: { [fieldName('resident-s-b')]: 1 } });
      await arrive('resident-s-b', 1);
      expect(await totals.get('day-1')).toEqual({ _id: 'day-1', date: '2012-01-01', counts: { arrivals: 1, departures: 0 }, _counting: {} });
      expect((await facts.get('resident-s-b'))?._counted).toEqual({ version: 1, aggregates: ['day-1'] });
    });
  });

  describe('when the process died after writing the fact but before taking its mark off the day', () => {
    it('adds nothing more and takes the mark off, so the day does not keep it', async () => {
      await totals.upsert({ _id: 'day-1', date: '2012-01-01', counts: { arrivals: 1, departures: 0 }, _counting: { [fieldName('resident-s-c')]: 1 } });
      await facts.upsert({ _id: 'resident-s-c', kind: 'resident', _counted: { version: 1, aggregates: ['day-1'] } });
      await arrive('resident-s-c', 1);
      expect(await totals.get('day-1')).toEqual({ _id: 'day-1', date: '2012-01-01', counts: { arrivals: 1, departures: 0 }, _counting: {} });
    });
  });

  describe('when a later event of a stream moves what it counted to another aggregate', () => {
    it('takes it off the first one with a negative increment and adds it to the second, once', async () => {
      const move = (streamVersion: number) =>
        countOnce<{ day: string }>({
          event: { streamVersion },
          facts,
          aggregates: totals,
          factId: 'entry-e',
          plan: async (previous) => {
            const day = streamVersion === 1 ? 'day-1' : 'day-2';
            if (previous === null) return { increments: [{ id: day, inc: { minutes: 90 } }], fact: { day } };
            return { increments: [{ id: previous.day, inc: { minutes: -90 } }, { id: day, inc: { minutes: 90 } }], fact: { day } };
          },
        });
      await move(1);
      await move(2);
      await move(2);
      expect([(await totals.get('day-1'))?.['minutes'], (await totals.get('day-2'))?.['minutes']]).toEqual([0, 90]);
      expect((await facts.get('entry-e'))?._counted).toEqual({ version: 2, aggregates: ['day-1', 'day-2'] });
    });
  });

  describe('when an event counts nothing', () => {
    it('writes neither the day nor the fact', async () => {
      await countOnce({ event: { streamVersion: 1 }, facts, aggregates: totals, factId: 'resident-s-d', plan: async () => null });
      expect(await totals.count({})).toBe(0);
      expect(await facts.count({})).toBe(0);
    });
  });
});
