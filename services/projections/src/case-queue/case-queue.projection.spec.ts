import { CaseOpenedData, casesStreams, EventEnvelope } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { Projection, ProjectionContext } from '../projection/projection';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { CasePage, CaseTimelineEntry, PAGES, QUEUE, QueueEntry, TIMELINE } from './case-queue.document';
import { caseQueueProjection } from './case-queue.projection';
import { CaseWriter } from './case-writer.fixture';

/** An instant given in China time (UTC+8). 2026-03-02 is a Monday. */
const cst = (localDateTime: string) => new Date(`${localDateTime}:00+08:00`).toISOString();

describe('case queue projection', () => {
  let infra: TestInfrastructure;
  let writer: CaseWriter;
  let projection: Projection;
  let cases: Collection<CasePage>;
  let queue: Collection<QueueEntry>;
  let timeline: Collection<CaseTimelineEntry>;
  let ctx: ProjectionContext;
  let applied: number;
  let run = 0;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    writer = new CaseWriter(infra.events, infra.cipher);
    projection = caseQueueProjection({ org: infra.org });
  });

  afterAll(async () => {
    await infra.close();
  });

  beforeEach(async () => {
    run += 1;
    cases = await infra.documents.collection<CasePage>(`case-test-${run}.pages`);
    queue = await infra.documents.collection<QueueEntry>(`case-test-${run}.queue`);
    timeline = await infra.documents.collection<CaseTimelineEntry>(`case-test-${run}.timeline`);
    const byName: Record<string, Collection> = { [PAGES]: cases, [QUEUE]: queue, [TIMELINE]: timeline };
    ctx = { collection: <T extends Document>(name: string) => byName[name] as unknown as Collection<T> };
    applied = await infra.events.headPosition();
  });

  async function project(): Promise<EventEnvelope[]> {
    const events = await infra.events.readAll({ fromPosition: applied, categories: projection.categories, limit: 10_000 });
    for (const event of events) await projection.apply(event, ctx);
    applied = await infra.events.headPosition();
    return events;
  }

  const entry = async (stationId: string, caseId: string) => (await cases.get(casesStreams.case(stationId, caseId))) as CasePage;

  describe('when a case is opened', () => {
    it('queues it at its station and chain with its SLA deadlines, ordered by the next one', async () => {
      const { caseId } = await writer.open('guangrui-1', { at: cst('2026-03-02T09:00'), group: 'rights-protection' });
      await project();

      expect(await entry('guangrui-1', caseId)).toMatchObject({
        caseId,
        stationId: 'guangrui-1',
        centerId: 'guangrui',
        group: 'rights-protection',
        status: 'open',
        active: true,
        assigneeId: null,
        sla: {
          state: 'running',
          response: { dueAt: cst('2026-03-02T13:00'), warnAt: cst('2026-03-02T12:12') },
          nextDueAt: cst('2026-03-02T13:00'),
          nextWarnAt: cst('2026-03-02T12:12'),
          sortKey: `0|${cst('2026-03-02T13:00')}`,
        },
      });
    });
  });

  describe('when a case is worked on', () => {
    it('follows assignment, pauses, resolution, closure and reopening', async () => {
      const { caseId } = await writer.open('guangrui-1', { at: cst('2026-03-02T09:00') });
      await writer.append('guangrui-1', caseId, 'cases.case-assigned', { assignee: { userId: 'worker-li', kind: 'worker' }, previousAssigneeId: null }, { at: cst('2026-03-02T10:00') });
      await project();
      expect(await entry('guangrui-1', caseId)).toMatchObject({
        status: 'in-progress',
        assigneeId: 'worker-li',
        sla: { response: { metAt: cst('2026-03-02T10:00') }, nextDueAt: cst('2026-03-04T09:00') },
      });

      await writer.append('guangrui-1', caseId, 'cases.information-requested', { requestId: 'q-1', what: await writer.encrypt(caseId, '请提供合同') }, { at: cst('2026-03-02T11:00') });
      await project();
      const paused = await entry('guangrui-1', caseId);
      expect(paused).toMatchObject({ openInformationRequests: ['q-1'], sla: { state: 'paused', pausedFor: ['awaiting-resident'], nextDueAt: null } });
      expect(paused.sla.sortKey.startsWith('1|')).toBe(true);

      await writer.append('guangrui-1', caseId, 'cases.information-request-closed', { requestId: 'q-1', outcome: 'received' }, { at: cst('2026-03-03T11:00') });
      await writer.append('guangrui-1', caseId, 'cases.case-resolved', { outcome: 'resolved' }, { at: cst('2026-03-03T15:00') });
      await project();
      expect(await entry('guangrui-1', caseId)).toMatchObject({ status: 'resolved', active: false, outcome: 'resolved', sla: { state: 'stopped', resolution: { metOnTime: true } } });

      await writer.append('guangrui-1', caseId, 'cases.feedback-recorded', { feedback: { kind: 'refused' } }, { at: cst('2026-03-03T16:00') });
      await writer.append('guangrui-1', caseId, 'cases.case-closed', {}, { at: cst('2026-03-03T16:00') });
      await writer.append('guangrui-1', caseId, 'cases.case-reopened', { reason: await writer.encrypt(caseId, '又拖欠了') }, { at: cst('2026-03-10T09:00') });
      await project();
      expect(await entry('guangrui-1', caseId)).toMatchObject({ status: 'in-progress', active: true, closedAt: null, feedback: null, sla: { state: 'running' } });
    });

    it('keeps the agreement of a mediated dispute with the state of each duty', async () => {
      const { caseId } = await writer.open('guangrui-1', { group: 'safety', category: 'neighbour-dispute', residentIds: ['res-1', 'res-2'] });
      await writer.append('guangrui-1', caseId, 'cases.mediation-session-scheduled', { sessionId: 's-1', scheduledFor: cst('2026-03-03T09:00'), place: '议事厅', partyIds: ['res-1', 'res-2'] });
      await writer.append('guangrui-1', caseId, 'cases.mediation-session-held', { sessionId: 's-1', attendeePartyIds: ['res-1', 'res-2'], record: await writer.encrypt(caseId, '双方同意') });
      await writer.append('guangrui-1', caseId, 'cases.mediation-agreement-reached', {
        agreementId: 'a-1',
        sessionId: 's-1',
        reachedOn: '2026-03-03',
        duties: [
          { dutyId: 'd-1', partyId: 'res-1', what: await writer.encrypt(caseId, '修水管'), dueOn: '2026-03-10' },
          { dutyId: 'd-2', partyId: 'res-2', what: await writer.encrypt(caseId, '撤诉'), dueOn: '2026-03-05' },
        ],
        courtConfirmationDeadline: '2026-04-02',
      });
      await writer.append('guangrui-1', caseId, 'cases.duty-checked', { dutyId: 'd-2', checkedOn: '2026-03-05', result: 'fulfilled' });
      await project();

      expect((await entry('guangrui-1', caseId)).mediation).toEqual({
        scheduledSessions: [],
        sessionsHeld: 1,
        agreement: {
          reachedOn: '2026-03-03',
          courtConfirmationDeadline: '2026-04-02',
          courtConfirmationRequestedOn: null,
          courtReminderRaised: false,
          duties: [
            { dutyId: 'd-1', partyId: 'res-1', dueOn: '2026-03-10', status: 'open' },
            { dutyId: 'd-2', partyId: 'res-2', dueOn: '2026-03-05', status: 'fulfilled' },
          ],
        },
      });
    });
  });

  describe('when a case is handed over', () => {
    it('leaves the queue of the old station and enters that of the new one', async () => {
      const { caseId } = await writer.open('guangrui-1');
      await writer.append('guangrui-1', caseId, 'cases.case-handed-over', { toStationId: 'guangyi', cause: 'resident-transferred', residentId: 'res-1' });
      const [opened] = await infra.events.readStream(casesStreams.case('guangrui-1', caseId));
      const { stationId: _stationId, at: _at, caseId: _caseId, ...snapshot } = opened.data as CaseOpenedData;
      await writer.append('guangyi', caseId, 'cases.case-received', { ...snapshot, stationId: 'guangyi', fromStationId: 'guangrui-1', otherParties: [] });
      await project();

      expect(await entry('guangrui-1', caseId)).toMatchObject({ status: 'handed-over', active: false, handedOverTo: 'guangyi' });
      expect(await entry('guangyi', caseId)).toMatchObject({ status: 'open', active: true, receivedFrom: 'guangrui-1', centerId: 'guangrui' });
    });
  });

  describe('when a resident of the case is erased', () => {
    it('drops the description and every text of the timeline, and a redelivery brings none back', async () => {
      const { caseId } = await writer.open('guangrui-1', { description: '王秀英被拖欠工资' });
      await writer.append('guangrui-1', caseId, 'cases.case-note-added', { noteId: 'n-1', text: await writer.encrypt(caseId, '电话13812345678') });
      await writer.append('guangrui-1', caseId, 'cases.case-personal-data-erased', { residentId: 'res-1' });
      const events = await project();

      expect(await entry('guangrui-1', caseId)).toMatchObject({ erased: true, description: null });
      const texts = (await timeline.find({ streamId: casesStreams.case('guangrui-1', caseId) })).map((e) => e.texts);
      expect(texts).toEqual([{}, {}, {}]);

      await projection.apply(events.find((e) => e.type === 'cases.case-note-added') as EventEnvelope, ctx);
      expect((await timeline.find({ streamId: casesStreams.case('guangrui-1', caseId) })).map((e) => e.texts)).toEqual([{}, {}, {}]);
    });
  });

  describe('when the log is replayed', () => {
    it('is idempotent and rebuilds the same documents', async () => {
      const { caseId } = await writer.open('guangyi', { at: cst('2026-03-02T09:00') });
      await writer.append('guangyi', caseId, 'cases.case-referred', {
        referralId: 'f-1',
        department: 'labour-inspection',
        shared: ['contact'],
        shareUntil: '2026-04-01',
        reason: await writer.encrypt(caseId, '转劳动监察'),
      });
      await writer.append('guangyi', caseId, 'cases.sla-breached', { target: 'response', dueAt: cst('2026-03-02T13:00') });
      const events = await project();
      const once = await entry('guangyi', caseId);
      for (const event of events) await projection.apply(event, ctx);
      expect(await entry('guangyi', caseId)).toEqual(once);

      const rebuilt = await infra.documents.collection<CasePage>(`case-test-${run}.rebuilt`);
      const rebuiltQueue = await infra.documents.collection<QueueEntry>(`case-test-${run}.rebuilt-queue`);
      const rebuiltTimeline = await infra.documents.collection<CaseTimelineEntry>(`case-test-${run}.rebuilt-timeline`);
      const byName: Record<string, Collection> = { [PAGES]: rebuilt, [QUEUE]: rebuiltQueue, [TIMELINE]: rebuiltTimeline };
      for (const event of events) await projection.apply(event, { collection: <T extends Document>(name: string) => byName[name] as unknown as Collection<T> });
      expect(await rebuilt.get(casesStreams.case('guangyi', caseId))).toEqual(once);
      expect(await rebuiltQueue.get(casesStreams.case('guangyi', caseId))).toEqual(await queue.get(casesStreams.case('guangyi', caseId)));
      expect(once).toMatchObject({ alerts: ['breach:response'], openReferrals: ['f-1'], sla: { state: 'paused', pausedFor: ['awaiting-department'] } });
    });
  });
});
