import { CaseEvent, casesEventContracts, DEFAULT_WORKING_CALENDAR, SlaTerms } from '@kinship/contracts';
import { deciderSpec } from '@kinship/testing';
import { CaseCommand, caseDecider, CaseState } from './case.decider';

const STATION = 'guangrui-1';
const CASE = 'case-0001';
const RESIDENT = 'res-0001';
const OTHER_RESIDENT = 'res-0002';
const CIPHER = 'v1.iv.tag.ciphertext';

/** 10:00 at the station (UTC+8) on that day, or the exact instant when one is given. 2026-03-02 is a Monday. */
const at = (dateOrInstant: string) => (dateOrInstant.includes('T') ? dateOrInstant : `${dateOrInstant}T02:00:00.000Z`);
const DAY0 = '2026-03-02';
const T0 = at(DAY0);

function command<T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], when = DAY0): CaseCommand {
  return { type, data, metadata: { now: at(when), actor: { userId: 'worker-1', role: 'station-staff' }, correlationId: 'corr-1', tenantId: STATION } } as CaseCommand;
}

const terms: SlaTerms = { policyVersion: 0, responseMinutes: 240, resolutionMinutes: 5400, warningRatio: 0.8, reopenWindowDays: 30, calendar: DEFAULT_WORKING_CALENDAR };
const opening = {
  caseId: CASE,
  stationId: STATION,
  residentIds: [RESIDENT],
  group: 'rights-protection' as const,
  category: 'wage-arrears' as const,
  priority: 'normal' as const,
  channel: 'walk-in' as const,
  consentScope: ['labour-inspection' as const],
  description: CIPHER,
  terms,
};
const disputeOpening = { ...opening, residentIds: [RESIDENT, OTHER_RESIDENT], group: 'safety' as const, category: 'neighbour-dispute' as const };

const opened: CaseEvent = { type: 'cases.case-opened', data: { ...opening, at: T0 } };
const disputeOpened: CaseEvent = { type: 'cases.case-opened', data: { ...disputeOpening, at: T0 } };
const assigned = (userId = 'worker-1', previousAssigneeId: string | null = null, when = T0): CaseEvent => ({
  type: 'cases.case-assigned',
  data: { caseId: CASE, assignee: { userId, kind: 'worker' }, previousAssigneeId, at: when },
});
const infoRequested: CaseEvent = { type: 'cases.information-requested', data: { caseId: CASE, requestId: 'q-1', what: CIPHER, at: T0 } };
const infoClosed: CaseEvent = { type: 'cases.information-request-closed', data: { caseId: CASE, requestId: 'q-1', outcome: 'received', at: T0 } };
const referred: CaseEvent = {
  type: 'cases.case-referred',
  data: { caseId: CASE, referralId: 'f-1', department: 'labour-inspection', shared: ['contact'], shareUntil: '2026-04-01', reason: CIPHER, at: T0 },
};
const resolved = (when = T0): CaseEvent => ({ type: 'cases.case-resolved', data: { caseId: CASE, outcome: 'resolved', at: when } });
const rated: CaseEvent = { type: 'cases.feedback-recorded', data: { caseId: CASE, feedback: { kind: 'rated', satisfaction: 5 }, at: T0 } };
const closed: CaseEvent = { type: 'cases.case-closed', data: { caseId: CASE, at: T0 } };
const handedOver: CaseEvent = { type: 'cases.case-handed-over', data: { caseId: CASE, toStationId: 'guangyi', cause: 'station-decision', at: T0 } };
const erased: CaseEvent = { type: 'cases.case-personal-data-erased', data: { caseId: CASE, residentId: RESIDENT, at: T0 } };
const otherParty: CaseEvent = { type: 'cases.party-added', data: { caseId: CASE, party: { kind: 'other', partyId: 'p-old', description: CIPHER }, at: T0 } };
const scheduled: CaseEvent = {
  type: 'cases.mediation-session-scheduled',
  data: { caseId: CASE, sessionId: 's-1', scheduledFor: at('2026-03-03'), place: '社区议事厅', partyIds: [RESIDENT, OTHER_RESIDENT], at: T0 },
};
const held: CaseEvent = { type: 'cases.mediation-session-held', data: { caseId: CASE, sessionId: 's-1', attendeePartyIds: [RESIDENT, OTHER_RESIDENT], record: CIPHER, at: T0 } };
const agreed: CaseEvent = {
  type: 'cases.mediation-agreement-reached',
  data: {
    caseId: CASE,
    agreementId: 'a-1',
    sessionId: 's-1',
    reachedOn: DAY0,
    duties: [
      { dutyId: 'd-1', partyId: RESIDENT, what: CIPHER, dueOn: '2026-03-10' },
      { dutyId: 'd-2', partyId: OTHER_RESIDENT, what: CIPHER, dueOn: '2026-03-20' },
    ],
    courtConfirmationDeadline: '2026-04-01',
    at: T0,
  },
};
const dutyChecked = (dutyId: string, result: 'fulfilled' | 'pending' | 'failed'): CaseEvent => ({
  type: 'cases.duty-checked',
  data: { caseId: CASE, dutyId, checkedOn: DAY0, result, at: T0 },
});
const mediated = [disputeOpened, assigned(), scheduled, held, agreed];

const spec = deciderSpec(caseDecider, { contracts: casesEventContracts });
const stateAfter = (events: readonly CaseEvent[]): CaseState => events.reduce(caseDecider.evolve, caseDecider.initialState());

describe('the case', () => {
  describe('when it is opened', () => {
    it('opens for the residents under the SLA terms of its center', () => {
      const state = spec.given([]).when(command('OpenCase', opening)).then([opened]);
      expect(state).toMatchObject({ status: 'open', residentIds: [RESIDENT], partyIds: [RESIDENT], assigneeId: null });
    });

    it('rejects a category the group does not handle, a resident named twice, and a case that exists', () => {
      spec
        .given([])
        .when(command('OpenCase', { ...opening, group: 'mutual-aid' }))
        .thenRejects('category-not-in-group', { status: 422, details: { groups: ['rights-protection'] } });
      spec.given([]).when(command('OpenCase', { ...opening, residentIds: [RESIDENT, RESIDENT] })).thenRejects('duplicate-resident', { status: 422 });
      spec.given([opened]).when(command('OpenCase', opening)).thenRejects('case-already-exists', { status: 409 });
    });
  });

  describe('when it is received from another station', () => {
    const receiving = { ...opening, stationId: 'guangyi', fromStationId: STATION, otherParties: [] };

    it('opens at the receiving station, and a retried hand-over changes nothing', () => {
      spec.given([]).when(command('ReceiveCase', receiving)).then([{ type: 'cases.case-received', data: { ...receiving, at: T0 } }]);
      spec.given([{ type: 'cases.case-received', data: { ...receiving, at: T0 } }]).when(command('ReceiveCase', receiving)).then([]);
    });

    it('rejects a hand-over to the station the case comes from', () => {
      spec.given([]).when(command('ReceiveCase', { ...receiving, stationId: STATION })).thenRejects('hand-over-to-same-station', { status: 422 });
    });
  });

  describe('when it is assigned', () => {
    it('puts it in progress with the worker, and a reassignment names the previous one', () => {
      expect(spec.given([opened]).when(command('AssignCase', { caseId: CASE, assignee: { userId: 'worker-1', kind: 'worker' } })).then([assigned()])).toMatchObject({
        status: 'in-progress',
        assigneeId: 'worker-1',
      });
      spec
        .given([opened, assigned()])
        .when(command('AssignCase', { caseId: CASE, assignee: { userId: 'council-wang', kind: 'council-member' } }))
        .then([{ type: 'cases.case-assigned', data: { caseId: CASE, assignee: { userId: 'council-wang', kind: 'council-member' }, previousAssigneeId: 'worker-1', at: T0 } }]);
    });

    it('rejects an assignment to the same person, of a missing case, and of a case no longer worked on', () => {
      const assign = command('AssignCase', { caseId: CASE, assignee: { userId: 'worker-1', kind: 'worker' } });
      spec.given([opened, assigned()]).when(assign).thenRejects('already-assigned', { status: 409 });
      spec.given([]).when(assign).thenRejects('case-not-found', { status: 404 });
      spec.given([opened, resolved()]).when(assign).thenRejects('case-resolved', { status: 409 });
      spec.given([opened, resolved(), rated, closed]).when(assign).thenRejects('case-closed', { status: 409 });
      spec.given([opened, handedOver]).when(assign).thenRejects('case-handed-over', { status: 409, details: { toStationId: 'guangyi' } });
    });
  });

  describe('when its priority changes', () => {
    it('records the change and rejects a change to the same priority', () => {
      spec
        .given([opened])
        .when(command('ChangePriority', { caseId: CASE, priority: 'urgent' }))
        .then([{ type: 'cases.case-priority-changed', data: { caseId: CASE, priority: 'urgent', previousPriority: 'normal', at: T0 } }]);
      spec.given([opened]).when(command('ChangePriority', { caseId: CASE, priority: 'normal' })).thenRejects('priority-unchanged', { status: 409 });
    });
  });

  describe('when the consent to share changes', () => {
    it('records the new scope, also on a resolved case', () => {
      const scope = ['labour-inspection' as const, 'legal-aid' as const];
      spec.given([opened, resolved()]).when(command('UpdateConsent', { caseId: CASE, consentScope: scope })).then([
        { type: 'cases.case-consent-updated', data: { caseId: CASE, consentScope: scope, at: T0 } },
      ]);
    });

    it('rejects the same scope, a department named twice and a closed case', () => {
      spec.given([opened]).when(command('UpdateConsent', { caseId: CASE, consentScope: ['labour-inspection'] })).thenRejects('consent-unchanged', { status: 409 });
      spec.given([opened]).when(command('UpdateConsent', { caseId: CASE, consentScope: ['court', 'court'] })).thenRejects('duplicate-department', { status: 422 });
      spec.given([opened, resolved(), rated, closed]).when(command('UpdateConsent', { caseId: CASE, consentScope: [] })).thenRejects('case-closed', { status: 409 });
    });
  });

  describe('when a note is added', () => {
    const addNote = command('AddNote', { caseId: CASE, noteId: 'n-1', text: CIPHER });

    it('records it, also after the resolution', () => {
      spec.given([opened, resolved()]).when(addNote).then([{ type: 'cases.case-note-added', data: { caseId: CASE, noteId: 'n-1', text: CIPHER, at: T0 } }]);
    });

    it('rejects a note on a closed case and on a case whose resident was erased', () => {
      spec.given([opened, resolved(), rated, closed]).when(addNote).thenRejects('case-closed', { status: 409 });
      spec.given([opened, erased]).when(addNote).thenRejects('case-personal-data-erased', { status: 409 });
    });
  });

  describe('when the resident is asked for information', () => {
    it('records the request with its due date', () => {
      spec
        .given([opened])
        .when(command('RequestInformation', { caseId: CASE, requestId: 'q-1', what: CIPHER, dueOn: '2026-03-09' }))
        .then([{ type: 'cases.information-requested', data: { caseId: CASE, requestId: 'q-1', what: CIPHER, dueOn: '2026-03-09', at: T0 } }]);
    });

    it('rejects a due date already past and a request on a resolved case', () => {
      spec
        .given([opened])
        .when(command('RequestInformation', { caseId: CASE, requestId: 'q-1', what: CIPHER, dueOn: '2026-03-01' }))
        .thenRejects('due-date-in-past', { status: 422 });
      spec.given([opened, resolved()]).when(command('RequestInformation', { caseId: CASE, requestId: 'q-1', what: CIPHER })).thenRejects('case-resolved');
    });

    it('closes the request once, and only a request that exists', () => {
      const close = command('CloseInformationRequest', { caseId: CASE, requestId: 'q-1', outcome: 'received' });
      spec.given([opened, infoRequested]).when(close).then([infoClosed]);
      spec.given([opened, infoRequested, infoClosed]).when(close).thenRejects('information-request-already-closed', { status: 409 });
      spec.given([opened]).when(close).thenRejects('information-request-not-found', { status: 404 });
    });
  });

  describe('when the case is referred to a department', () => {
    const refer = (overrides: Partial<Extract<CaseCommand, { type: 'ReferCase' }>['data']> = {}) =>
      command('ReferCase', { caseId: CASE, referralId: 'f-1', department: 'labour-inspection', shared: ['contact'], shareUntil: '2026-04-01', reason: CIPHER, ...overrides });

    it('records what is shared and until when', () => {
      spec.given([opened]).when(refer()).then([referred]);
    });

    it('rejects a department outside the consent, sharing already over or too long, and data named twice', () => {
      spec.given([opened]).when(refer({ department: 'public-security' })).thenRejects('referral-outside-consent', { status: 422, details: { department: 'public-security' } });
      spec.given([opened]).when(refer({ shareUntil: '2026-03-01' })).thenRejects('share-until-in-past', { status: 422 });
      spec.given([opened]).when(refer({ shareUntil: '2027-06-01' })).thenRejects('share-period-too-long', { status: 422 });
      spec.given([opened]).when(refer({ shared: ['contact', 'contact'] })).thenRejects('duplicate-shared-data', { status: 422 });
    });

    it('closes the referral once with the answer, and only a referral that exists', () => {
      const close = command('CloseReferral', { caseId: CASE, referralId: 'f-1', outcome: 'answered', reply: CIPHER });
      spec.given([opened, referred]).when(close).then([{ type: 'cases.referral-closed', data: { caseId: CASE, referralId: 'f-1', outcome: 'answered', reply: CIPHER, at: T0 } }]);
      spec.given([opened]).when(close).thenRejects('referral-not-found', { status: 404 });
      spec
        .given([opened, referred, { type: 'cases.referral-closed', data: { caseId: CASE, referralId: 'f-1', outcome: 'withdrawn', at: T0 } }])
        .when(close)
        .thenRejects('referral-already-closed', { status: 409 });
    });
  });

  describe('when the case is escalated', () => {
    it('goes to the station lead, then to the service center', () => {
      const toLead = spec.given([opened]).when(command('EscalateCase', { caseId: CASE, level: 'station-lead', reason: CIPHER })).then([
        { type: 'cases.case-escalated', data: { caseId: CASE, level: 'station-lead', reason: CIPHER, at: T0 } },
      ]);
      expect(toLead).toMatchObject({ escalation: 'station-lead' });
      spec
        .given([opened, { type: 'cases.case-escalated', data: { caseId: CASE, level: 'station-lead', reason: CIPHER, at: T0 } }])
        .when(command('EscalateCase', { caseId: CASE, level: 'service-center', reason: CIPHER }))
        .then([{ type: 'cases.case-escalated', data: { caseId: CASE, level: 'service-center', reason: CIPHER, at: T0 } }]);
    });

    it('never escalates to the same level or back down', () => {
      const atCenter: CaseEvent = { type: 'cases.case-escalated', data: { caseId: CASE, level: 'service-center', reason: CIPHER, at: T0 } };
      spec.given([opened, atCenter]).when(command('EscalateCase', { caseId: CASE, level: 'station-lead', reason: CIPHER })).thenRejects('already-escalated', { status: 409 });
      spec.given([opened, atCenter]).when(command('EscalateCase', { caseId: CASE, level: 'service-center', reason: CIPHER })).thenRejects('already-escalated');
    });
  });

  describe('when the case is resolved', () => {
    const resolve = command('ResolveCase', { caseId: CASE, outcome: 'resolved' });

    it('records the outcome and awaits the feedback', () => {
      expect(spec.given([opened, assigned()]).when(resolve).then([resolved()])).toMatchObject({ status: 'resolved', feedbackRecorded: false });
    });

    it('rejects a resolution while the resident or a department is still being waited for, or a session is scheduled', () => {
      spec.given([opened, infoRequested, referred]).when(resolve).thenRejects('requests-outstanding', {
        status: 409,
        details: { informationRequests: ['q-1'], referrals: ['f-1'], mediationSessions: [] },
      });
      spec.given([disputeOpened, scheduled]).when(resolve).thenRejects('requests-outstanding', { details: { mediationSessions: ['s-1'] } });
    });
  });

  describe('when the resident gives feedback', () => {
    it('records a satisfaction from 1 to 5, or the refusal to give one', () => {
      spec.given([opened, resolved()]).when(command('RecordFeedback', { caseId: CASE, feedback: { kind: 'rated', satisfaction: 5 } })).then([rated]);
      spec
        .given([opened, resolved()])
        .when(command('RecordFeedback', { caseId: CASE, feedback: { kind: 'refused' } }))
        .then([{ type: 'cases.feedback-recorded', data: { caseId: CASE, feedback: { kind: 'refused' }, at: T0 } }]);
    });

    it('rejects feedback before the resolution and a second feedback on one resolution', () => {
      const feedback = command('RecordFeedback', { caseId: CASE, feedback: { kind: 'rated', satisfaction: 3 } });
      spec.given([opened]).when(feedback).thenRejects('case-not-resolved', { status: 409 });
      spec.given([opened, resolved(), rated]).when(feedback).thenRejects('feedback-already-recorded', { status: 409 });
    });
  });

  describe('when the case is closed', () => {
    const close = command('CloseCase', { caseId: CASE });

    it('closes a resolved case with feedback', () => {
      expect(spec.given([opened, resolved(), rated]).when(close).then([closed])).toMatchObject({ status: 'closed' });
    });

    it('refuses to close without feedback or a recorded refusal, or before the resolution', () => {
      spec.given([opened, resolved()]).when(close).thenRejects('feedback-missing', { status: 409 });
      spec.given([opened]).when(close).thenRejects('case-not-resolved', { status: 409 });
    });

    it('refuses to close a dispute while a duty of its agreement is open, and closes it once every duty is settled', () => {
      const settled = [...mediated, resolved(), rated, dutyChecked('d-1', 'fulfilled')];
      spec.given(settled).when(close).thenRejects('duties-open', { status: 409, details: { dutyIds: ['d-2'] } });
      spec.given([...settled, dutyChecked('d-2', 'pending')]).when(close).thenRejects('duties-open');
      spec.given([...settled, dutyChecked('d-2', 'failed')]).when(close).then([closed]);
    });
  });

  describe('when the case is reopened', () => {
    const reopen = (when: string) => command('ReopenCase', { caseId: CASE, reason: CIPHER }, when);

    it('reopens a resolved or closed case within the window, back with its worker, owing new feedback', () => {
      const state = spec
        .given([opened, assigned(), resolved(), rated, closed])
        .when(reopen('2026-04-01'))
        .then([{ type: 'cases.case-reopened', data: { caseId: CASE, reason: CIPHER, at: at('2026-04-01') } }]);
      expect(state).toMatchObject({ status: 'in-progress', feedbackRecorded: false });
      spec.given([opened, resolved()]).when(reopen(DAY0)).then([{ type: 'cases.case-reopened', data: { caseId: CASE, reason: CIPHER, at: T0 } }]);
    });

    it('rejects a reopening after the window and of a case that is not resolved', () => {
      spec.given([opened, resolved(), rated, closed]).when(reopen('2026-04-02')).thenRejects('reopen-window-passed', { status: 422, details: { reopenableUntil: '2026-04-01' } });
      spec.given([opened]).when(reopen(DAY0)).thenRejects('case-not-resolved', { status: 409 });
    });
  });

  describe('when a party is added to a dispute', () => {
    it('adds someone not registered (an old resident) or a resident of the station', () => {
      spec.given([disputeOpened]).when(command('AddParty', { caseId: CASE, party: { kind: 'other', partyId: 'p-old', description: CIPHER } })).then([otherParty]);
      const state = spec
        .given([disputeOpened])
        .when(command('AddParty', { caseId: CASE, party: { kind: 'resident', partyId: 'res-0003', residentId: 'res-0003' } }))
        .then([{ type: 'cases.party-added', data: { caseId: CASE, party: { kind: 'resident', partyId: 'res-0003', residentId: 'res-0003' }, at: T0 } }]);
      expect(state).toMatchObject({ residentIds: [RESIDENT, OTHER_RESIDENT, 'res-0003'] });
    });

    it('rejects parties outside a dispute, a party added twice and a resident under another party id', () => {
      spec.given([opened]).when(command('AddParty', { caseId: CASE, party: { kind: 'other', partyId: 'p-old', description: CIPHER } })).thenRejects('not-a-dispute', { status: 422 });
      spec.given([disputeOpened, otherParty]).when(command('AddParty', { caseId: CASE, party: { kind: 'other', partyId: 'p-old', description: CIPHER } })).thenRejects('party-already-added', { status: 409 });
      spec
        .given([disputeOpened])
        .when(command('AddParty', { caseId: CASE, party: { kind: 'resident', partyId: 'x', residentId: 'res-0003' } }))
        .thenRejects('resident-party-id', { status: 422 });
    });
  });

  describe('when a mediation session is scheduled', () => {
    const schedule = (partyIds: string[]) =>
      command('ScheduleMediationSession', { caseId: CASE, sessionId: 's-1', scheduledFor: at('2026-03-03'), place: '社区议事厅', partyIds });

    it('brings two or more parties together, and takes the case up', () => {
      const state = spec.given([disputeOpened]).when(schedule([RESIDENT, OTHER_RESIDENT])).then([scheduled]);
      expect((state as { clock: { response: { metAt: string } } }).clock.response.metAt).toBe(T0);
    });

    it('rejects a party of another case, a lone party, a party named twice and a case that is no dispute', () => {
      spec.given([disputeOpened]).when(schedule([RESIDENT, 'stranger'])).thenRejects('unknown-party', { status: 422, details: { partyId: 'stranger' } });
      spec.given([disputeOpened]).when(schedule([RESIDENT])).thenRejects('mediation-needs-two-parties', { status: 422 });
      spec.given([disputeOpened]).when(schedule([RESIDENT, RESIDENT])).thenRejects('duplicate-party', { status: 422 });
      spec.given([opened]).when(schedule([RESIDENT, OTHER_RESIDENT])).thenRejects('not-a-dispute', { status: 422 });
      spec.given([disputeOpened, scheduled]).when(schedule([RESIDENT, OTHER_RESIDENT])).thenRejects('session-already-exists', { status: 409 });
    });

    it('records what was said at it, or its cancellation, once', () => {
      const record = command('RecordMediationSession', { caseId: CASE, sessionId: 's-1', attendeePartyIds: [RESIDENT, OTHER_RESIDENT], record: CIPHER });
      spec.given([disputeOpened, scheduled]).when(record).then([held]);
      spec.given([disputeOpened, scheduled, held]).when(record).thenRejects('session-not-scheduled', { status: 409 });
      spec.given([disputeOpened]).when(record).thenRejects('session-not-found', { status: 404 });
      const cancel = command('CancelMediationSession', { caseId: CASE, sessionId: 's-1', reason: 'party-absent' });
      spec.given([disputeOpened, scheduled]).when(cancel).then([{ type: 'cases.mediation-session-cancelled', data: { caseId: CASE, sessionId: 's-1', reason: 'party-absent', at: T0 } }]);
      spec.given([disputeOpened, scheduled, held]).when(cancel).thenRejects('session-not-scheduled');
    });
  });

  describe('when the parties reach an agreement', () => {
    const reach = (overrides: Partial<Extract<CaseCommand, { type: 'ReachMediationAgreement' }>['data']> = {}) =>
      command('ReachMediationAgreement', {
        caseId: CASE,
        agreementId: 'a-1',
        sessionId: 's-1',
        duties: [
          { dutyId: 'd-1', partyId: RESIDENT, what: CIPHER, dueOn: '2026-03-10' },
          { dutyId: 'd-2', partyId: OTHER_RESIDENT, what: CIPHER, dueOn: '2026-03-20' },
        ],
        ...overrides,
      });

    it('records its duties (who, what, by when) and the last day to ask a court to confirm it, 30 days on', () => {
      spec.given([disputeOpened, assigned(), scheduled, held]).when(reach()).then([agreed]);
    });

    it('rejects an agreement without a session held, a second one, one dated ahead, a duty due before it and a stranger owing a duty', () => {
      spec.given([disputeOpened, scheduled]).when(reach()).thenRejects('session-not-held', { status: 409 });
      spec.given(mediated).when(reach()).thenRejects('agreement-already-reached', { status: 409 });
      spec.given([disputeOpened, scheduled, held]).when(reach({ reachedOn: '2026-03-03' })).thenRejects('agreement-in-future', { status: 422 });
      spec
        .given([disputeOpened, scheduled, held])
        .when(reach({ duties: [{ dutyId: 'd-1', partyId: RESIDENT, what: CIPHER, dueOn: '2026-03-01' }] }))
        .thenRejects('duty-due-before-agreement', { status: 422 });
      spec
        .given([disputeOpened, scheduled, held])
        .when(reach({ duties: [{ dutyId: 'd-1', partyId: 'stranger', what: CIPHER, dueOn: '2026-03-10' }] }))
        .thenRejects('unknown-party', { status: 422 });
    });
  });

  describe('when a duty is checked', () => {
    const check = (dutyId: string, result: 'fulfilled' | 'pending' | 'failed', checkedOn?: string) =>
      command('CheckDuty', { caseId: CASE, dutyId, result, ...(checkedOn ? { checkedOn } : {}) });

    it('settles it as fulfilled or failed, or keeps it open when pending, also after the resolution', () => {
      expect(spec.given([...mediated, resolved()]).when(check('d-1', 'fulfilled')).then([dutyChecked('d-1', 'fulfilled')])).toMatchObject({
        agreement: { duties: { 'd-1': { status: 'fulfilled' }, 'd-2': { status: 'open' } } },
      });
      expect(spec.given(mediated).when(check('d-2', 'pending')).then([dutyChecked('d-2', 'pending')])).toMatchObject({
        agreement: { duties: { 'd-2': { status: 'open' } } },
      });
    });

    it('rejects a check of an unknown or settled duty, without an agreement, or dated outside the agreement and today', () => {
      spec.given(mediated).when(check('d-9', 'fulfilled')).thenRejects('duty-not-found', { status: 404 });
      spec.given([...mediated, dutyChecked('d-1', 'failed')]).when(check('d-1', 'fulfilled')).thenRejects('duty-already-settled', { status: 409 });
      spec.given([disputeOpened]).when(check('d-1', 'fulfilled')).thenRejects('no-agreement', { status: 409 });
      spec.given(mediated).when(check('d-1', 'fulfilled', '2026-03-05')).thenRejects('check-date-out-of-range', { status: 422 });
    });
  });

  describe('when a court is asked to confirm the agreement', () => {
    const request = (requestedOn?: string, when = DAY0) => command('RecordCourtConfirmationRequest', { caseId: CASE, ...(requestedOn ? { requestedOn } : {}) }, when);

    it('records the request within its 30 days', () => {
      spec.given(mediated).when(request(undefined, '2026-03-20')).then([
        { type: 'cases.court-confirmation-requested', data: { caseId: CASE, agreementId: 'a-1', requestedOn: '2026-03-20', at: at('2026-03-20') } },
      ]);
    });

    it('rejects a request after the window, a second request, and one without an agreement', () => {
      spec.given(mediated).when(request(undefined, '2026-04-02')).thenRejects('court-confirmation-window-passed', { status: 422, details: { deadline: '2026-04-01' } });
      const requested: CaseEvent = { type: 'cases.court-confirmation-requested', data: { caseId: CASE, agreementId: 'a-1', requestedOn: DAY0, at: T0 } };
      spec.given([...mediated, requested]).when(request()).thenRejects('court-confirmation-already-requested', { status: 409 });
      spec.given([disputeOpened]).when(request()).thenRejects('no-agreement', { status: 409 });
    });
  });

  describe('when the court-confirmation reminder falls due', () => {
    const remind = (when: string) => command('RaiseCourtConfirmationReminder', { caseId: CASE }, when);
    const reminder: CaseEvent = {
      type: 'cases.court-confirmation-reminder-raised',
      data: { caseId: CASE, agreementId: 'a-1', deadline: '2026-04-01', at: at('2026-03-25') },
    };

    it('reminds the station seven days before the window closes', () => {
      spec.given(mediated).when(remind('2026-03-25')).then([reminder]);
    });

    it('reminds once, not before it is due, not after a request and not once the window has closed', () => {
      spec.given(mediated).when(remind('2026-03-24')).thenRejects('reminder-not-due', { status: 409 });
      spec.given([...mediated, reminder]).when(remind('2026-03-26')).then([]);
      spec
        .given([...mediated, { type: 'cases.court-confirmation-requested', data: { caseId: CASE, agreementId: 'a-1', requestedOn: DAY0, at: T0 } }])
        .when(remind('2026-03-26'))
        .then([]);
      spec.given(mediated).when(remind('2026-04-02')).then([]);
    });
  });

  describe('when an SLA alert is raised', () => {
    const alert = (level: 'warning' | 'breach', target: 'response' | 'resolution', when: string) => command('RaiseSlaAlert', { caseId: CASE, target, level }, when);
    // Opened Monday 10:00: the 240-minute response target warns at 13:12 and is breached at 14:00.
    const warnedAt = '2026-03-02T05:12:00.000Z';
    const dueAt = '2026-03-02T06:00:00.000Z';

    it('records the warning and the breach of a target once they are due', () => {
      spec.given([opened]).when(alert('warning', 'response', '2026-03-02T05:30:00.000Z')).then([
        { type: 'cases.sla-warning-raised', data: { caseId: CASE, target: 'response', warnedAt, dueAt, at: '2026-03-02T05:30:00.000Z' } },
      ]);
      spec.given([opened]).when(alert('breach', 'response', '2026-03-02T07:00:00.000Z')).then([
        { type: 'cases.sla-breached', data: { caseId: CASE, target: 'response', dueAt, at: '2026-03-02T07:00:00.000Z' } },
      ]);
    });

    it('records an alert once, never before it is due and never on a target met', () => {
      const breach: CaseEvent = { type: 'cases.sla-breached', data: { caseId: CASE, target: 'response', dueAt, at: dueAt } };
      spec.given([opened, breach]).when(alert('breach', 'response', '2026-03-02T08:00:00.000Z')).then([]);
      spec.given([opened]).when(alert('warning', 'response', '2026-03-02T05:00:00.000Z')).thenRejects('sla-alert-not-due', { status: 409 });
      spec.given([opened, assigned()]).when(alert('breach', 'response', '2026-03-03T08:00:00.000Z')).thenRejects('sla-alert-not-due');
    });
  });

  describe('when the case is handed over to another station', () => {
    const handOver = (toStationId: string) => command('HandOverCase', { caseId: CASE, toStationId, cause: 'station-decision' });

    it('ends the case at this station, and a retried hand-over to the same station changes nothing', () => {
      expect(spec.given([opened]).when(handOver('guangyi')).then([handedOver])).toMatchObject({ status: 'handed-over', handedOverTo: 'guangyi' });
      spec.given([opened, handedOver]).when(handOver('guangyi')).then([]);
    });

    it('rejects a hand-over to its own station, of a resolved case, and to a third station once handed over', () => {
      spec.given([opened]).when(handOver(STATION)).thenRejects('hand-over-to-same-station', { status: 422 });
      spec.given([opened, resolved()]).when(handOver('guangyi')).thenRejects('case-resolved', { status: 409 });
      spec.given([opened, handedOver]).when(handOver('huishan-1')).thenRejects('case-handed-over', { status: 409 });
    });
  });

  describe('when a party moves to another station and the case stays', () => {
    const flag = (residentId: string) => command('FlagPartyTransferred', { caseId: CASE, residentId, toStationId: 'guangyi' });
    const flagged: CaseEvent = { type: 'cases.case-party-transferred', data: { caseId: CASE, residentId: RESIDENT, toStationId: 'guangyi', at: T0 } };

    it('flags the case once', () => {
      spec.given([disputeOpened]).when(flag(RESIDENT)).then([flagged]);
      spec.given([disputeOpened, flagged]).when(flag(RESIDENT)).then([]);
    });

    it('rejects a resident who is no party and a closed case', () => {
      spec.given([disputeOpened]).when(flag('res-9999')).thenRejects('not-a-party', { status: 422 });
      spec.given([opened, resolved(), rated, closed]).when(flag(RESIDENT)).thenRejects('case-closed', { status: 409 });
    });
  });

  describe('when a resident of the case is erased', () => {
    const erase = command('EraseCasePersonalData', { caseId: CASE, residentId: RESIDENT });

    it('records the erasure once, whatever the status of the case', () => {
      spec.given([opened, resolved(), rated, closed]).when(erase).then([erased]);
      spec.given([opened, erased]).when(erase).then([]);
      spec.given([]).when(erase).thenRejects('case-not-found', { status: 404 });
    });

    it('still lets the case be worked on without new free text', () => {
      spec.given([opened, erased]).when(command('AssignCase', { caseId: CASE, assignee: { userId: 'worker-2', kind: 'worker' } })).then([assigned('worker-2')]);
      spec.given([opened, erased]).when(command('ResolveCase', { caseId: CASE, outcome: 'resolved', summary: CIPHER })).thenRejects('case-personal-data-erased');
      spec.given([opened, erased]).when(command('ResolveCase', { caseId: CASE, outcome: 'resolved' })).then([resolved()]);
    });
  });

  it('keeps the state it had for events of a stream it never opened', () => {
    expect(stateAfter([assigned()])).toEqual({ status: 'none' });
  });
});
