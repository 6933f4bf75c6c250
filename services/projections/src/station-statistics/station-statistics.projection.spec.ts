import { CaseEscalated, CaseResolved, HoursCorrected, HoursDisputed, HoursVerified, MediationSessionHeld, SlaBreached } from '@kinship/contracts';
import { Document } from '@kinship/documents';
import { contentsOf, replay } from '../brokerage-testing/replay';
import { ProjectionContext } from '../projection/projection';
import { projectionSpec } from '../volunteer-testing/projection-harness';
import { countsOf, dayId, STATION_DAYS, StationDayDocument } from './station-statistics.document';
import { StatisticsFactMissingError, stationStatisticsProjection } from './station-statistics.projection';
import { StatisticsWriter } from './statistics-writer.fixture';

describe('daily station statistics projection', () => {
  const { infra, harness } = projectionSpec((opened) => stationStatisticsProjection({ org: opened.org }));
  const write = () => new StatisticsWriter(infra());
  const day = async (stationId: string, date: string) => {
    const stored = await harness().collection<StationDayDocument>(STATION_DAYS).get(dayId(stationId, date));
    return stored ? countsOf(stored) : undefined;
  };

  describe('when residents arrive, move out and transfer', () => {
    it('counts each move on the day it happened, at the station it happened at', async () => {
      await write().arrive('guangrui-1', 'r-1', '2013-03-01');
      await write().arrive('guangrui-1', 'r-2', '2013-03-01');
      await infra().registry.moveOut('guangrui-1', 'r-1');
      await infra().registry.transfer('guangrui-1', 'guangyi', 'r-2');
      await harness().project();

      expect(await day('guangrui-1', '2013-03-01')).toMatchObject({ arrivals: 2, departures: 0 });
      expect(await day('guangrui-1', '2013-06-01')).toMatchObject({ departures: 1 });
      expect(await day('guangrui-1', '2013-07-01')).toMatchObject({ transfersOut: 1, transfersIn: 0 });
      expect(await day('guangyi', '2013-07-01')).toMatchObject({ transfersIn: 1, arrivals: 0 });
      const doc = await harness().collection<StationDayDocument>(STATION_DAYS).get(dayId('guangyi', '2013-07-01'));
      expect(doc).toMatchObject({ stationId: 'guangyi', centerId: 'guangrui', date: '2013-07-01' });
    });
  });

  describe('when a resident who moved out comes back', () => {
    it('counts the return as an arrival on the day of the return, at the station they came back to', async () => {
      await write().arrive('guangrui-1', 'r-back', '2013-03-01');
      await infra().registry.moveOut('guangrui-1', 'r-back');
      await infra().registry.returnResident('guangyi', 'guangrui-1', 'r-back', '2014-02-01');
      await harness().project();

      expect(await day('guangyi', '2014-02-01')).toMatchObject({ arrivals: 1, transfersIn: 0 });
    });
  });

  describe('when cases are opened, resolved, escalated and miss their SLA', () => {
    it('counts them per working group on the date at the station (UTC+8)', async () => {
      const w = write();
      const safety = await w.openCase('guangrui-1', 'safety', '2012-05-01T17:30:00.000Z');
      const rights = await w.openCase('guangrui-1', 'rights-protection', '2012-05-02T01:00:00.000Z');
      await w.cases.append('guangrui-1', safety, SlaBreached.type, { target: 'response', dueAt: '2012-05-02T03:00:00.000Z' }, { at: '2012-05-04T01:00:00.000Z' });
      await w.cases.append('guangrui-1', safety, CaseEscalated.type, { level: 'station-lead', reason: await w.cases.encrypt(safety, '双方情绪激动') }, { at: '2012-05-04T02:00:00.000Z' });
      await w.cases.append('guangrui-1', safety, MediationSessionHeld.type, { sessionId: 's-1', attendeePartyIds: ['p-1'], record: await w.cases.encrypt(safety, '调解记录') }, { at: '2012-05-04T03:00:00.000Z' });
      await w.cases.append('guangrui-1', rights, CaseResolved.type, { outcome: 'resolved' }, { at: '2012-05-04T04:00:00.000Z' });
      await harness().project();

      expect((await day('guangrui-1', '2012-05-01'))?.cases.opened.safety ?? 0).toBe(0);
      const second = await day('guangrui-1', '2012-05-02');
      expect(second?.cases.opened).toEqual({ 'rights-protection': 1, services: 0, 'mutual-aid': 0, safety: 1 });
      expect(second?.cases.slaBreached.safety).toBe(1);
      const fourth = await day('guangrui-1', '2012-05-04');
      expect(fourth?.cases).toMatchObject({ escalated: { safety: 1 }, resolved: { 'rights-protection': 1, safety: 0 }, slaBreached: { safety: 0 } });
      expect(fourth?.mediationSessionsHeld).toBe(1);
    });

    it('refuses to count a case whose opening it never saw, so the event is retried and dead-lettered', async () => {
      const orphan = {
        id: 'e-orphan',
        type: CaseResolved.type,
        schemaVersion: 1,
        streamId: 'case-guangrui-1-never-opened',
        streamVersion: 3,
        position: 1_000_000,
        tenantId: 'guangrui-1',
        occurredAt: '2012-05-04T04:00:00.000Z',
        data: { caseId: 'never-opened', outcome: 'resolved', at: '2012-05-04T04:00:00.000Z' },
        metadata: { correlationId: 'c-1', causationId: null, actor: { userId: 'worker-li', role: 'station-staff' as const }, source: 'case-management' },
      };
      const context: ProjectionContext = { collection: <T extends Document>(name: string) => harness().collection<T>(name) };
      await expect(harness().projection.apply(orphan, context)).rejects.toThrow(StatisticsFactMissingError);
    });
  });

  describe('when volunteer hours are logged, vouched for, disputed and corrected', () => {
    it('counts verified minutes on the day they were served, following every change of the entry', async () => {
      const w = write();
      await w.logHours('guangrui-1', 'v-1', 'e-self', '2011-03-05', 120);
      await w.logHours('guangrui-1', 'v-1', 'e-attended', '2011-03-05', 60, 'attendance');
      await harness().project();
      expect((await day('guangrui-1', '2011-03-05'))?.volunteerMinutesVerified).toBe(60);

      await w.hours('guangrui-1', 'v-1', HoursVerified, { volunteerId: 'v-1', entryId: 'e-self', verifiedBy: 'staff-1' });
      await harness().project();
      expect((await day('guangrui-1', '2011-03-05'))?.volunteerMinutesVerified).toBe(180);

      await w.hours('guangrui-1', 'v-1', HoursDisputed, { volunteerId: 'v-1', entryId: 'e-self', raisedBy: 'household', reason: 'wrong-duration' });
      await harness().project();
      expect((await day('guangrui-1', '2011-03-05'))?.volunteerMinutesVerified).toBe(60);

      const correction = { volunteerId: 'v-1', entryId: 'e-self', servedOn: '2011-03-06', minutes: 90, previousServedOn: '2011-03-05', previousMinutes: 120 };
      await w.hours('guangrui-1', 'v-1', HoursCorrected, correction);
      await w.checkIn('guangrui-1', '2011-03-06T00:30:00.000Z');
      await harness().project();
      expect((await day('guangrui-1', '2011-03-05'))?.volunteerMinutesVerified).toBe(60);
      expect(await day('guangrui-1', '2011-03-06')).toMatchObject({ volunteerMinutesVerified: 90, checkIns: 1 });
    });
  });

  describe('when aid is paid and brokerage does business', () => {
    it('counts aid, viewings held, leases and fees in fen on their days', async () => {
      const w = write();
      const paid = await w.payAid('guangrui', 'guangrui-1', 50_000, '2010-09-01');
      await w.payAid('guangrui', 'guangyi', 20_000, '2010-09-01');
      await w.reverseAid('guangrui', paid, 50_000, '2010-09-02T03:00:00.000Z');
      await w.viewing('guangrui-1', 'interested', '2010-09-01');
      await w.viewing('guangrui-1', 'declined', '2010-09-01');
      await w.viewing('guangrui-1', 'no-show', '2010-09-01');
      await w.signLease('guangrui-1', '2010-09-01');
      await w.fees('guangrui-1', { issuedOn: '2010-09-01', paidOn: '2010-09-01', refundedOn: '2010-09-02' }, { invoicedFen: 36_000, paidFen: 30_000, refundedFen: 1_000 });
      await harness().project();

      expect(await day('guangrui-1', '2010-09-01')).toMatchObject({ aidPaidFen: 50_000, viewings: 2, leasesSigned: 1, feesInvoicedFen: 36_000, feesReceivedFen: 30_000 });
      expect(await day('guangrui-1', '2010-09-02')).toMatchObject({ aidReversedFen: 50_000, feesRefundedFen: 1_000, aidPaidFen: 0 });
      expect(await day('guangyi', '2010-09-01')).toMatchObject({ aidPaidFen: 20_000 });
    });
  });

  describe('when many residents arrive at one station on one day', () => {
    it('keeps the day document as small as after the first arrival, and counts a redelivery once', async () => {
      const stored = async () => JSON.stringify(await harness().collection<StationDayDocument>(STATION_DAYS).get(dayId('guangrui-2', '2008-08-08')));
      await write().arrive('guangrui-2', 'r-crowd-0', '2008-08-08');
      await harness().project();
      const afterOne = (await stored()).length;

      for (let i = 1; i < 40; i += 1) await write().arrive('guangrui-2', `r-crowd-${i}`, '2008-08-08');
      await harness().project();
      await harness().again();

      expect((await day('guangrui-2', '2008-08-08'))?.arrivals).toBe(40);
      // Only the count's digits grow ("1" → "40"): no trace of the forty residents' streams.
      expect((await stored()).length).toBe(afterOne + 1);
      expect(JSON.parse(await stored())).toMatchObject({ _counting: {} });
    });
  });

  describe('when the bus delivers events again', () => {
    it('counts nothing twice', async () => {
      const w = write();
      await w.arrive('guangrui-1', 'r-again', '2009-01-01');
      await w.logHours('guangrui-1', 'v-again', 'e-again', '2009-01-01', 30, 'attendance');
      await w.hours('guangrui-1', 'v-again', HoursCorrected, { volunteerId: 'v-again', entryId: 'e-again', servedOn: '2009-01-02', minutes: 45, previousServedOn: '2009-01-01', previousMinutes: 30 });
      await w.openCase('guangrui-1', 'mutual-aid', '2009-01-01T02:00:00.000Z');
      await harness().project();
      const first = await harness().collection<StationDayDocument>(STATION_DAYS).find({}, { sort: { _id: 1 } });
      await harness().again();
      expect(await harness().collection<StationDayDocument>(STATION_DAYS).find({}, { sort: { _id: 1 } })).toEqual(first);
      expect(await day('guangrui-1', '2009-01-01')).toMatchObject({ arrivals: 1, volunteerMinutesVerified: 0, cases: { opened: { 'mutual-aid': 1 } } });
      expect((await day('guangrui-1', '2009-01-02'))?.volunteerMinutesVerified).toBe(45);
    });

    it('rebuilds the same days from the whole log, even when every event comes twice', async () => {
      const projection = stationStatisticsProjection({ org: infra().org });
      const once = await contentsOf(projection, await replay(infra(), projection));
      const twice = await contentsOf(projection, await replay(infra(), projection, { times: 2 }));
      expect(twice).toEqual(once);
      expect(once[STATION_DAYS].length).toBeGreaterThan(5);
    });
  });
});
