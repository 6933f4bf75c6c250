import { EventEnvelope, HoursAmended, HoursRejected, IndicatorId } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { ProjectionContext } from '../projection/projection';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { AGGREGATES, aggregateId, AggregateDocument, ERASURES, ErasureNoteDocument, stationMonthOf } from './district-indicators.document';
import { districtIndicatorsProjection, IndicatorsGate } from './district-indicators.projection';
import { buildIndicatorTable, cellKey } from './indicator-table';
import { IndicatorWriter } from './testing/indicator-writer';

describe('district indicators projection', () => {
  const gate = new IndicatorsGate();
  const { infra, harness } = projectionSpec(() => districtIndicatorsProjection(gate));
  let writer: IndicatorWriter | undefined;
  // One writer for the file: its ids stay unique across the tests, which share one log.
  const write = () => (writer ??= new IndicatorWriter(infra()));

  const table = async () => {
    const rows = (await harness().collection<AggregateDocument>(AGGREGATES).find({})).map(stationMonthOf);
    const built = buildIndicatorTable(rows, infra().org.list());
    const values = new Map(built.cells.map((c) => [c.key, c.value]));
    return (orgUnitId: string, period: string, indicator: IndicatorId, group: string | null = null) =>
      values.get(cellKey(orgUnitId, period, indicator, group as never));
  };

  /** The projection's collections as a process sees them that dies just before its write number `writes + 1`. */
  const dyingAfter = (writes: number): ProjectionContext => {
    let left = writes;
    return {
      collection: <T extends Document>(name: string) =>
        new Proxy(harness().collection<T>(name), {
          get(target: Collection<T>, property: keyof Collection<T>) {
            const member = target[property] as (...args: unknown[]) => unknown;
            if (property !== 'update' && property !== 'upsert' && property !== 'delete') return member.bind(target);
            return async (...args: unknown[]) => {
              if (left === 0) throw new Error('the process died');
              left -= 1;
              return member.apply(target, args);
            };
          },
        }),
    };
  };

  /** The events appended since `position` that the projection reads. */
  const appendedSince = async (position: number): Promise<EventEnvelope[]> =>
    infra().events.readAll({ fromPosition: position, categories: harness().projection.categories, limit: 100 });

  describe('when newcomers arrive, leave and move between stations', () => {
    it('counts arrivals and departures by their domain dates, and a transfer as a transfer, not an arrival', async () => {
      const w = write();
      const [first, second] = await w.arriveMany('guangrui-1', '2005-03-15', 6);
      await w.arriveMany('guangyi', '2005-04-01', 2);
      await w.moveOut('guangrui-1', first as string, '2005-06-30');
      await w.transfer('guangrui-1', 'guangyi', second as string, '2005-07-02');
      await harness().project();

      const cell = await table();
      expect(cell('guangrui-1', '2005-03', 'arrivals')).toBe(6);
      expect(cell('guangrui-1', '2005-06', 'departures')).toBe(1);
      expect(cell('guangrui-1', '2005-07', 'transfersOut')).toBe(1);
      expect(cell('guangyi', '2005-07', 'transfersIn')).toBe(1);
      expect(cell('guangyi', '2005-07', 'arrivals')).toBe(0);
      expect(cell('guangrui', '2005', 'arrivals')).toBe(8);
      expect(cell('guangrui', '2005', 'transfersIn')).toBe(1);
      expect(cell('guangrui', '2005', 'departures')).toBe(1);
      // Stocks at the end of each period: 6 in March, 8 in April, 7 after the move-out, still 7 after the transfer.
      expect(cell('guangrui-1', '2005-03', 'newCitizensPresent')).toBe(6);
      expect(cell('guangrui-1', '2005-07', 'newCitizensPresent')).toBe(4);
      expect(cell('guangyi', '2005-07', 'newCitizensPresent')).toBe(3);
      expect(cell('liangxi', '2005', 'newCitizensPresent')).toBe(7);
      expect(cell('guangrui-1', '2005-01', 'newCitizensPresent')).toBe(0);
    });

    it('counts a return after a move-out as an arrival, at the same station or another one', async () => {
      const w = write();
      const [home, away] = await w.arriveMany('guangrui-1', '2007-01-10', 2);
      await w.moveOut('guangrui-1', home as string, '2007-02-01');
      await w.moveOut('guangrui-1', away as string, '2007-02-01');
      await w.returnTo('guangrui-1', 'guangrui-1', home as string, '2007-02-01', '2007-05-03');
      await w.returnTo('guangyi', 'guangrui-1', away as string, '2007-02-01', '2007-06-04');
      await harness().project();

      const cell = await table();
      expect(cell('guangrui-1', '2007-05', 'arrivals')).toBe(1);
      expect(cell('guangyi', '2007-06', 'arrivals')).toBe(1);
      expect(cell('guangyi', '2007-06', 'transfersIn')).toBe(0);
      expect(cell('guangrui', '2007', 'arrivals')).toBe(4);
      expect(cell('guangrui', '2007', 'departures')).toBe(2);
    });

    it('counts an event delivered twice once', async () => {
      await write().arriveMany('guangyi', '2006-01-05', 3);
      await harness().project();
      await harness().again();
      expect((await table())('guangyi', '2006-01', 'arrivals')).toBe(3);
    });

    it('notes an erasure without changing any figure', async () => {
      const w = write();
      const [resident] = await w.arriveMany('guangrui-1', '2007-05-05', 5);
      await w.erase('guangrui-1', resident as string);
      await harness().project();
      expect(await harness().collection<ErasureNoteDocument>(ERASURES).find({})).toEqual([
        expect.objectContaining({ type: 'registry.resident-personal-data-erased' }),
      ]);
      expect((await table())('guangrui-1', '2007-05', 'arrivals')).toBe(5);
    });

    it('takes the latest census at or before the end of each period', async () => {
      const w = write();
      await w.census('guangrui-1', '2008-02-10', 9_000);
      await w.census('guangrui-1', '2008-02-20', 9_100);
      await w.census('guangrui-1', '2008-06-01', 9_817);
      await w.census('guangyi', '2008-03-01', 5_000);
      await harness().project();
      const cell = await table();
      expect(cell('guangrui-1', '2008-01', 'communityResidents')).toBe(0);
      expect(cell('guangrui-1', '2008-02', 'communityResidents')).toBe(9_100);
      expect(cell('guangrui-1', '2008-05', 'communityResidents')).toBe(9_100);
      expect(cell('guangrui', '2008', 'communityResidents')).toBe(14_817);
    });
  });

  describe('when the process dies while an amended hours entry moves its figures to another month', () => {
    // The amendment takes 120 minutes off January and puts 90 on February: two aggregates, a negative increment.
    // Its writes in order: January, February, the entry's fact, then the marks taken off January and February.
    it.each([
      ['after adding to the first month only', 1],
      ['after adding to both months, before the fact', 2],
      ['after writing the fact, before taking the marks off', 3],
      ['after taking the first mark off', 4],
    ])('counts the amendment exactly once when it is delivered again %s', async (_when, writes) => {
      const w = write();
      const volunteerId = await w.volunteer('guangyi', '2013-01-02');
      const entry = await w.hours('guangyi', volunteerId, '2013-01-20', 120);
      await w.hours('guangyi', volunteerId, '2013-01-22', 30);
      await harness().project();
      const head = await infra().events.headPosition();
      await w.hoursEvent('guangyi', volunteerId, HoursAmended, { volunteerId, entryId: entry, servedOn: '2013-02-03', minutes: 90 });
      const [amendment] = await appendedSince(head);

      await expect(harness().projection.apply(amendment as EventEnvelope, dyingAfter(writes))).rejects.toThrow('the process died');
      await harness().project();
      await harness().again();

      const cell = await table();
      expect([cell('guangyi', '2013-01', 'volunteerHours'), cell('guangyi', '2013-02', 'volunteerHours')]).toEqual([0.5, 1.5]);
      const aggregates = harness().collection<AggregateDocument>(AGGREGATES);
      for (const month of ['2013-01', '2013-02']) expect((await aggregates.get(aggregateId('guangyi', month)))?._counting).toEqual({});
    });
  });

  describe('when many streams add to one station and month', () => {
    it('keeps its aggregate the same size, digits apart, after one stream and after two hundred', async () => {
      const w = write();
      const id = aggregateId('guangrui-1', '2014-03');
      const aggregates = harness().collection<AggregateDocument>(AGGREGATES);
      const shape = (doc: AggregateDocument | null) => JSON.stringify(doc).replace(/[0-9]+/g, '0');
      await w.arrive('guangrui-1', '2014-03-02');
      await harness().project();
      const afterOne = await aggregates.get(id);
      const [leaving, ...staying] = await w.arriveMany('guangrui-1', '2014-03-03', 200);
      await w.moveOut('guangrui-1', leaving as string, '2014-03-30');
      await harness().project();
      await w.moveOut('guangrui-1', staying[0] as string, '2014-03-31');
      await harness().project();
      const afterMany = await aggregates.get(id);

      expect(afterMany?.values).toEqual({ arrivals: 201, netPresent: 199, departures: 2 });
      expect(shape(afterMany)).toBe(shape({ ...(afterOne as AggregateDocument), values: { ...afterOne?.values, departures: 0 } }));
    });
  });

  describe('when cases are opened and resolved', () => {
    it('counts them per group, disputes apart, and takes the median days over the cases resolved in the period', async () => {
      const w = write();
      const days = [1, 2, 9, 10, 30];
      for (const [i, d] of days.entries()) {
        const caseId = await w.openCase('guangrui-1', `2009-0${i + 1}-01T09:00:00+08:00`, { group: 'safety', category: 'neighbour-dispute' });
        const resolvedOn = new Date(Date.parse(`2009-0${i + 1}-01T09:00:00+08:00`) + d * 86_400_000).toISOString();
        await w.resolve('guangrui-1', caseId, resolvedOn);
      }
      await w.openCase('guangrui-1', '2009-03-02T09:00:00+08:00', { group: 'safety', category: 'public-safety' });
      await w.openCase('guangyi', '2009-03-02T09:00:00+08:00', { group: 'rights-protection', category: 'wage-arrears' });
      await harness().project();
      const cell = await table();
      expect(cell('guangrui-1', '2009', 'casesOpened')).toBe(6);
      expect(cell('guangrui-1', '2009', 'casesOpened', 'safety')).toBe(6);
      expect(cell('guangrui', '2009', 'casesOpened', 'rights-protection')).toBe(1);
      expect(cell('guangrui-1', '2009', 'disputes')).toBe(5);
      expect(cell('guangrui-1', '2009', 'casesResolved')).toBe(5);
      expect(cell('guangrui-1', '2009', 'medianDaysToResolve')).toBe(9);
      expect(cell('guangrui-1', '2009-02', 'medianDaysToResolve')).toBe(2);
      expect(cell('guangrui-1', '2009-12', 'medianDaysToResolve')).toBeUndefined();
    });

    it('counts a handed-over case where it was opened and times its resolution from that opening', async () => {
      const w = write();
      const caseId = await w.openCase('guangrui-1', '2010-01-04T09:00:00+08:00');
      await w.handOver('guangrui-1', 'guangyi', caseId, '2010-01-06T09:00:00+08:00');
      await w.resolve('guangyi', caseId, '2010-01-14T09:00:00+08:00');
      await harness().project();
      const cell = await table();
      expect([cell('guangrui-1', '2010-01', 'casesOpened'), cell('guangyi', '2010-01', 'casesOpened')]).toEqual([1, 0]);
      expect([cell('guangrui-1', '2010-01', 'casesResolved'), cell('guangyi', '2010-01', 'casesResolved')]).toEqual([0, 1]);
      expect(cell('guangyi', '2010-01', 'medianDaysToResolve')).toBe(10);
    });
  });

  describe('when volunteers serve, pair up and the brokerage earns', () => {
    it('follows an hours entry amended into another month, and drops a rejected one', async () => {
      const w = write();
      const volunteerId = await w.volunteer('guangyi', '2012-01-02');
      const moved = await w.hours('guangyi', volunteerId, '2012-01-20', 120);
      const rejected = await w.hours('guangyi', volunteerId, '2012-01-21', 60);
      await w.hoursEvent('guangyi', volunteerId, HoursAmended, { volunteerId, entryId: moved, servedOn: '2012-02-03', minutes: 90 });
      await w.hoursEvent('guangyi', volunteerId, HoursRejected, { volunteerId, entryId: rejected, reason: 'duplicate' });
      await harness().project();
      await harness().again();
      const cell = await table();
      expect([cell('guangyi', '2012-01', 'volunteerHours'), cell('guangyi', '2012-02', 'volunteerHours')]).toEqual([0, 1.5]);
    });

    it('keeps active volunteers and pairings as stocks and verified hours, aid, leases, fees and surplus as flows', async () => {
      const w = write();
      const stays = await w.volunteer('guangrui-1', '2011-01-10', [
        ['2011-01-15', 90],
        ['2011-02-01', 30],
      ]);
      const suspended = await w.volunteer('guangrui-1', '2011-01-11', [['2011-01-20', 60]]);
      await w.suspend('guangrui-1', suspended, '2011-03-01');
      await w.leave('guangrui-1', suspended, '2011-04-01');
      const pairing = await w.pairing('guangrui-1', '2011-01-01');
      await w.pairing('guangrui-1', '2011-02-01');
      await w.endPairing('guangrui-1', pairing, '2011-05-31');
      await w.aidPaid('guangrui', 'guangrui-1', '2011-02-10', 50_000);
      await w.lease('guangyi', '2011-02-12', 24_000);
      const invoice = await w.invoice('guangyi', 'lease-x', '2011-03-01', 10_000);
      await w.waive('guangyi', invoice, '2011-04-02', 10_000);
      await w.surplus('guangyi', '2011-03', 7_500);
      await harness().project();
      const cell = await table();
      expect(stays).toMatch(/^vol-/);
      expect(cell('guangrui-1', '2011-01', 'activeVolunteers')).toBe(2);
      expect(cell('guangrui-1', '2011-03', 'activeVolunteers')).toBe(1);
      expect(cell('guangrui-1', '2011', 'activeVolunteers')).toBe(1);
      expect(cell('guangrui-1', '2011-01', 'volunteerHours')).toBe(2.5);
      expect(cell('guangrui-1', '2011', 'volunteerHours')).toBe(3);
      expect(cell('guangrui-1', '2011-02', 'activePairings')).toBe(2);
      expect(cell('guangrui-1', '2011-05', 'activePairings')).toBe(1);
      expect(cell('guangrui-1', '2011-02', 'aidPaidFen')).toBe(50_000);
      expect(cell('guangyi', '2011-02', 'leasesBrokered')).toBe(1);
      expect(cell('guangyi', '2011', 'feesEarnedFen')).toBe(24_000);
      expect(cell('guangyi', '2011-04', 'feesEarnedFen')).toBe(-10_000);
      expect(cell('liangxi', '2011-03', 'surplusAllocatedFen')).toBe(7_500);
    });
  });
});
