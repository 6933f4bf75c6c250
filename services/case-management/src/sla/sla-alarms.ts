import { SLA_TARGETS, slaDeadlines, SlaTarget, startOfLocalDate } from '@kinship/contracts';
import { caseToday, CaseRecord, courtReminderDueOn, SlaAlertLevel } from '../case/case.decider';

/** Something the sweep records on a case when its time comes. */
export type Alarm = { kind: 'sla'; level: SlaAlertLevel; target: SlaTarget; at: string } | { kind: 'court-confirmation-reminder'; at: string };

/**
 * The alarms a case owes from now on, earliest first: SLA warnings and breaches not yet recorded on targets not yet
 * met, and the reminder that court confirmation of a mediation agreement is still possible. Pure: the instants
 * come from the case's events alone; `now` only drops a reminder whose window has closed.
 */
export function pendingAlarms(record: CaseRecord, now: string): Alarm[] {
  const alarms: Alarm[] = [];
  const deadlines = slaDeadlines(record.clock);
  for (const target of SLA_TARGETS) {
    const d = deadlines[target];
    if (d.metAt !== null) continue;
    for (const [level, at] of [['warning', d.warnAt], ['breach', d.dueAt]] as const) {
      if (at !== null && !record.slaAlerts.includes(`${level}:${target}`)) alarms.push({ kind: 'sla', level, target, at });
    }
  }
  const reminderOn = courtReminderDueOn(record);
  if (reminderOn !== null && record.agreement && caseToday(record, now) <= record.agreement.courtConfirmationDeadline) {
    alarms.push({ kind: 'court-confirmation-reminder', at: startOfLocalDate({ utcOffsetMinutes: utcOffsetOf(record) }, reminderOn) });
  }
  return alarms.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The alarms due at `now`, in the order they fell due (a warning before its breach). */
export function dueAlarms(record: CaseRecord, now: string): Alarm[] {
  return pendingAlarms(record, now).filter((alarm) => Date.parse(alarm.at) <= Date.parse(now));
}

function utcOffsetOf(record: CaseRecord): number {
  return record.clock.terms?.calendar.utcOffsetMinutes ?? 8 * 60;
}
