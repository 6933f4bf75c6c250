import { DEFAULT_WORKING_CALENDAR } from './business-calendar';
import { CaseEvent, SlaTerms } from './cases.events';
import { evolveSlaClock, initialSlaClock, readSla, SlaClock, slaDeadlines, slaStatusAt } from './sla-clock';

/** An instant given in China time (UTC+8), as the ISO-8601 string events carry. */
const cst = (localDateTime: string) => new Date(`${localDateTime}:00+08:00`).toISOString();
// 2026-03-02 is a Monday.
const terms: SlaTerms = {
  policyVersion: 1,
  responseMinutes: 240,
  resolutionMinutes: 2 * 540,
  warningRatio: 0.8,
  reopenWindowDays: 30,
  calendar: DEFAULT_WORKING_CALENDAR,
};
const caseId = 'case-1';

const opened = (at: string): CaseEvent => ({
  type: 'cases.case-opened',
  data: {
    caseId,
    stationId: 'guangrui-1',
    residentIds: ['r-1'],
    group: 'rights-protection',
    category: 'wage-arrears',
    priority: 'normal',
    channel: 'walk-in',
    consentScope: [],
    description: 'ciphertext',
    terms,
    at,
  },
});
const assigned = (at: string): CaseEvent => ({ type: 'cases.case-assigned', data: { caseId, assignee: { userId: 'w-1', kind: 'worker' }, previousAssigneeId: null, at } });
const note = (at: string): CaseEvent => ({ type: 'cases.case-note-added', data: { caseId, noteId: `n-${at}`, text: 'ciphertext', at } });
const infoRequested = (requestId: string, at: string): CaseEvent => ({ type: 'cases.information-requested', data: { caseId, requestId, what: 'ciphertext', at } });
const infoClosed = (requestId: string, at: string): CaseEvent => ({
  type: 'cases.information-request-closed',
  data: { caseId, requestId, outcome: 'received', at },
});
const referred = (referralId: string, at: string): CaseEvent => ({
  type: 'cases.case-referred',
  data: { caseId, referralId, department: 'labour-inspection', shared: ['contact'], shareUntil: '2026-06-01', reason: 'ciphertext', at },
});
const referralClosed = (referralId: string, at: string): CaseEvent => ({ type: 'cases.referral-closed', data: { caseId, referralId, outcome: 'answered', at } });
const resolved = (at: string): CaseEvent => ({ type: 'cases.case-resolved', data: { caseId, outcome: 'resolved', at } });
const reopened = (at: string): CaseEvent => ({ type: 'cases.case-reopened', data: { caseId, reason: 'ciphertext', at } });
const breached = (at: string): CaseEvent => ({ type: 'cases.sla-breached', data: { caseId, target: 'response', dueAt: at, at } });

const fold = (events: readonly CaseEvent[]): SlaClock => events.reduce(evolveSlaClock, initialSlaClock());

describe('the response target', () => {
  const clock = fold([opened(cst('2026-03-02T09:00'))]);

  it('runs from the opening in business minutes, warns at 80% and is breached at the target', () => {
    expect(readSla(clock, cst('2026-03-02T11:00')).response).toMatchObject({
      status: 'on-track',
      elapsedMinutes: 120,
      remainingMinutes: 120,
      warnAt: cst('2026-03-02T12:12'),
      dueAt: cst('2026-03-02T13:00'),
      counting: true,
    });
    expect(readSla(clock, cst('2026-03-02T12:30')).response.status).toBe('warning');
    expect(readSla(clock, cst('2026-03-02T13:00')).response.status).toBe('breached');
    expect(readSla(clock, cst('2026-03-02T13:00')).status).toBe('breached');
  });

  it('is met by taking the case up in time, and missed when taken up after the deadline', () => {
    expect(readSla(fold([opened(cst('2026-03-02T09:00')), assigned(cst('2026-03-02T10:00'))]), cst('2026-03-05T10:00')).response).toMatchObject({
      status: 'met',
      metAt: cst('2026-03-02T10:00'),
      elapsedMinutes: 60,
    });
    expect(readSla(fold([opened(cst('2026-03-02T09:00')), assigned(cst('2026-03-02T14:00'))]), cst('2026-03-05T10:00')).response.status).toBe('missed');
  });

  it('is not met by an internal note', () => {
    expect(readSla(fold([opened(cst('2026-03-02T09:00')), note(cst('2026-03-02T10:00'))]), cst('2026-03-02T14:00')).response.status).toBe('breached');
  });
});

describe('business time', () => {
  it('stops over the night and the weekend: opened Friday 16:30, due Monday 11:30', () => {
    const clock = fold([opened(cst('2026-03-06T16:30'))]);
    expect(slaDeadlines(clock).response.dueAt).toBe(cst('2026-03-09T11:30'));
    expect(readSla(clock, cst('2026-03-08T20:00')).response).toMatchObject({ status: 'on-track', elapsedMinutes: 60 });
    expect(readSla(clock, cst('2026-03-09T09:30')).response).toMatchObject({ status: 'on-track', elapsedMinutes: 120 });
    expect(readSla(clock, cst('2026-03-09T10:45')).response).toMatchObject({ status: 'warning', elapsedMinutes: 195 });
  });

  it('follows the holidays of the calendar the case was opened under', () => {
    const clock = fold([{ ...opened(cst('2026-03-06T16:30')), data: { ...opened('').data, at: cst('2026-03-06T16:30'), terms: { ...terms, calendar: { ...terms.calendar, holidays: ['2026-03-09'] } } } } as CaseEvent]);
    expect(slaDeadlines(clock).response.dueAt).toBe(cst('2026-03-10T11:30'));
  });
});

describe('pauses', () => {
  it('stop the resolution clock while the resident is asked for information', () => {
    const clock = fold([opened(cst('2026-03-02T09:00')), infoRequested('q-1', cst('2026-03-02T10:00'))]);
    const reading = readSla(clock, cst('2026-03-04T10:00'));
    expect(reading).toMatchObject({ state: 'paused', pausedFor: ['awaiting-resident'] });
    expect(reading.response.status).toBe('met');
    expect(reading.resolution).toMatchObject({ status: 'on-track', elapsedMinutes: 60, counting: false, dueAt: null, warnAt: null });
  });

  it('resume where they stood once the request is closed', () => {
    const clock = fold([opened(cst('2026-03-02T09:00')), infoRequested('q-1', cst('2026-03-02T10:00')), infoClosed('q-1', cst('2026-03-04T10:00'))]);
    expect(readSla(clock, cst('2026-03-04T12:00')).resolution).toMatchObject({ elapsedMinutes: 180, counting: true });
    // 1080 business minutes from Monday 09:00, with Monday 10:00 to Wednesday 10:00 skipped.
    expect(slaDeadlines(clock).resolution.dueAt).toBe(cst('2026-03-06T09:00'));
  });

  it('last while any pause is open: the resident and a department at once', () => {
    const events = [
      opened(cst('2026-03-02T09:00')),
      infoRequested('q-1', cst('2026-03-02T10:00')),
      referred('f-1', cst('2026-03-02T11:00')),
      infoClosed('q-1', cst('2026-03-02T12:00')),
    ];
    expect(readSla(fold(events), cst('2026-03-03T12:00'))).toMatchObject({ state: 'paused', pausedFor: ['awaiting-department'] });
    const resumed = fold([...events, referralClosed('f-1', cst('2026-03-03T12:00'))]);
    expect(readSla(resumed, cst('2026-03-03T13:00'))).toMatchObject({ state: 'running', resolution: { elapsedMinutes: 120 } });
  });

  it('keep a breach that happened before them', () => {
    const clock = fold([opened(cst('2026-03-02T09:00')), assigned(cst('2026-03-02T09:10')), infoRequested('q-1', cst('2026-03-05T10:00'))]);
    const reading = readSla(clock, cst('2026-03-09T10:00'));
    expect(reading.resolution).toMatchObject({ status: 'breached', dueAt: cst('2026-03-04T09:00'), counting: false });
  });
});

describe('resolution and reopening', () => {
  it('stops the clock at the resolution: met in time', () => {
    const clock = fold([opened(cst('2026-03-02T09:00')), assigned(cst('2026-03-02T09:30')), resolved(cst('2026-03-03T09:00'))]);
    const reading = readSla(clock, cst('2026-04-01T09:00'));
    expect(reading).toMatchObject({ state: 'stopped', status: 'met', resolution: { status: 'met', elapsedMinutes: 540 } });
  });

  it('resumes the resolution clock where it stood when the case is reopened', () => {
    const clock = fold([
      opened(cst('2026-03-02T09:00')),
      assigned(cst('2026-03-02T09:30')),
      resolved(cst('2026-03-03T09:00')),
      reopened(cst('2026-03-10T09:00')),
    ]);
    const reading = readSla(clock, cst('2026-03-10T11:00'));
    expect(reading).toMatchObject({ state: 'running', resolution: { status: 'on-track', elapsedMinutes: 660, metAt: null } });
    expect(reading.response.status).toBe('met');
  });
});

describe('replaying the log', () => {
  const events = [
    opened(cst('2026-03-06T16:30')),
    note(cst('2026-03-09T08:00')),
    infoRequested('q-1', cst('2026-03-09T10:00')),
    infoClosed('q-1', cst('2026-03-10T15:00')),
    referred('f-1', cst('2026-03-11T09:00')),
    referralClosed('f-1', cst('2026-03-12T09:00')),
  ];

  it('gives the same answer however often and in however many steps it is folded', () => {
    const once = fold(events);
    const inSteps = events.slice(3).reduce(evolveSlaClock, JSON.parse(JSON.stringify(fold(events.slice(0, 3)))) as SlaClock);
    expect(inSteps).toEqual(once);
    expect(readSla(inSteps, cst('2026-03-13T10:00'))).toEqual(readSla(once, cst('2026-03-13T10:00')));
  });

  it('never depends on whether the sweep recorded warnings and breaches', () => {
    const swept = [...events.slice(0, 2), breached(cst('2026-03-09T08:00')), ...events.slice(2)];
    expect(fold(swept)).toEqual(fold(events));
  });

  it('agrees at every instant with what a read model computes from the deadlines alone', () => {
    const clock = fold(events.slice(0, 2));
    const deadlines = slaDeadlines(clock);
    for (let hour = 0; hour < 24 * 4; hour += 1) {
      const now = new Date(Date.parse(cst('2026-03-09T00:00')) + hour * 3_600_000).toISOString();
      const reading = readSla(clock, now);
      expect([slaStatusAt(deadlines.response, now), slaStatusAt(deadlines.resolution, now)]).toEqual([reading.response.status, reading.resolution.status]);
    }
  });
});
