import { addBusinessMs, businessMsBetween } from './business-calendar';
import type { CaseEvent, SlaTerms } from './cases.events';

/**
 * The SLA clock (服务时限) of one case: a pure function of the case's events and the time. Two targets run from
 * the opening (or the receipt from another station): the response (the case is taken up: assigned, information
 * requested, referred, a mediation session scheduled or resolved) and the resolution. Both count business time
 * only (see `business-calendar.ts`), both stop while the case waits for the resident or a department (typed
 * pauses, one per open information request or referral), and the resolution clock resumes where it stood when
 * a case is reopened. Warning and breach events that a sweep records are never inputs here: replaying the log
 * gives the same answer whether or not the sweep ran.
 */

export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export const SLA_PAUSE_REASONS = ['awaiting-resident', 'awaiting-department'] as const;
export type SlaPauseReason = (typeof SLA_PAUSE_REASONS)[number];
export type SlaStatus = 'on-track' | 'warning' | 'breached' | 'met' | 'missed';

/** One target's clock, JSON-serialisable so read models can keep it between events. */
export interface SlaTargetClock {
  /** Business milliseconds counted up to `since` (or up to when counting last stopped). */
  elapsedMs: number;
  /** While counting: the instant (epoch ms) the current stretch began; null while stopped. */
  since: number | null;
  metAt: string | null;
  metOnTime: boolean | null;
  /** The instants the warning and the breach thresholds were crossed, once they have been. */
  warnedAt: string | null;
  breachedAt: string | null;
}

export interface SlaClock {
  terms: SlaTerms | null;
  /** Open or in progress at this station: closed, resolved and handed-over cases do not count. */
  active: boolean;
  /** Open pauses as `<reason>:<id>`. */
  pauses: string[];
  response: SlaTargetClock;
  resolution: SlaTargetClock;
}

/** What a target's clock says without looking at the time: the instants that matter next. */
export interface SlaTargetDeadlines {
  targetMinutes: number;
  counting: boolean;
  metAt: string | null;
  metOnTime: boolean | null;
  /** When the warning was or, if the clock keeps counting, will be due; null while paused before it. */
  warnAt: string | null;
  /** When the target was or, if the clock keeps counting, will be breached; null while paused before it. */
  dueAt: string | null;
}

export interface SlaDeadlines {
  state: 'running' | 'paused' | 'stopped';
  pausedFor: SlaPauseReason[];
  response: SlaTargetDeadlines;
  resolution: SlaTargetDeadlines;
}

export interface SlaTargetReading extends SlaTargetDeadlines {
  target: SlaTarget;
  status: SlaStatus;
  elapsedMinutes: number;
  remainingMinutes: number;
}

export interface SlaReading {
  at: string;
  state: SlaDeadlines['state'];
  pausedFor: SlaPauseReason[];
  response: SlaTargetReading;
  resolution: SlaTargetReading;
  /** The worst status of the targets still open; when both are done, `missed` if either was. */
  status: SlaStatus;
}

const MINUTE_MS = 60_000;
const STOPPED: SlaTargetClock = { elapsedMs: 0, since: null, metAt: null, metOnTime: null, warnedAt: null, breachedAt: null };

export function initialSlaClock(): SlaClock {
  return { terms: null, active: false, pauses: [], response: { ...STOPPED }, resolution: { ...STOPPED } };
}

/** Folds one case event into the clock. */
export function evolveSlaClock(clock: SlaClock, event: CaseEvent): SlaClock {
  const at = event.data.at;
  const atMs = Date.parse(at);
  let next = advance(clock, atMs);
  switch (event.type) {
    case 'cases.case-opened':
    case 'cases.case-received':
      next = { terms: event.data.terms, active: true, pauses: [], response: { ...STOPPED }, resolution: { ...STOPPED } };
      break;
    case 'cases.case-assigned':
    case 'cases.mediation-session-scheduled':
      next = respond(next, at);
      break;
    case 'cases.information-requested':
      next = { ...respond(next, at), pauses: [...next.pauses, `awaiting-resident:${event.data.requestId}`] };
      break;
    case 'cases.information-request-closed':
      next = { ...next, pauses: next.pauses.filter((p) => p !== `awaiting-resident:${event.data.requestId}`) };
      break;
    case 'cases.case-referred':
      next = { ...respond(next, at), pauses: [...next.pauses, `awaiting-department:${event.data.referralId}`] };
      break;
    case 'cases.referral-closed':
      next = { ...next, pauses: next.pauses.filter((p) => p !== `awaiting-department:${event.data.referralId}`) };
      break;
    case 'cases.case-resolved': {
      const responded = respond(next, at);
      next = { ...responded, active: false, pauses: [], resolution: met(responded.resolution, responded.terms, at) };
      break;
    }
    case 'cases.case-reopened':
      next = { ...next, active: true, resolution: { ...next.resolution, metAt: null, metOnTime: null } };
      break;
    case 'cases.case-closed':
    case 'cases.case-handed-over':
      next = { ...next, active: false };
      break;
    default:
      break;
  }
  return restart(next, atMs);
}

/** The clock's deadlines as they stand; they change only with the next event, never with the time. */
export function slaDeadlines(clock: SlaClock): SlaDeadlines {
  const pausedFor = [...new Set(clock.pauses.map((p) => p.slice(0, p.indexOf(':')) as SlaPauseReason))].sort();
  const counting = SLA_TARGETS.some((t) => clock[t].since !== null);
  const open = SLA_TARGETS.some((t) => clock[t].metAt === null);
  return {
    state: counting ? 'running' : clock.active && pausedFor.length > 0 && open ? 'paused' : 'stopped',
    pausedFor,
    response: targetDeadlines(clock, 'response'),
    resolution: targetDeadlines(clock, 'resolution'),
  };
}

/** The SLA of a case at `now`: `readSla(fold(events), now)`. */
export function readSla(clock: SlaClock, now: string): SlaReading {
  const deadlines = slaDeadlines(clock);
  const atNow = advance(clock, Date.parse(now));
  const reading = (target: SlaTarget): SlaTargetReading => {
    const d = deadlines[target];
    const elapsedMinutes = Math.floor(atNow[target].elapsedMs / MINUTE_MS);
    return { ...d, target, status: slaStatusAt(d, now), elapsedMinutes, remainingMinutes: d.targetMinutes - elapsedMinutes };
  };
  const response = reading('response');
  const resolution = reading('resolution');
  return { at: now, state: deadlines.state, pausedFor: deadlines.pausedFor, response, resolution, status: overallStatus([response.status, resolution.status]) };
}

/**
 * A target's status at `now` from its deadlines alone: read models keep the deadlines and compare them with the
 * time of the query, which gives what `readSla` would compute from the events.
 */
export function slaStatusAt(deadlines: Pick<SlaTargetDeadlines, 'metAt' | 'metOnTime' | 'warnAt' | 'dueAt'>, now: string): SlaStatus {
  if (deadlines.metAt !== null) return deadlines.metOnTime ? 'met' : 'missed';
  const nowMs = Date.parse(now);
  if (deadlines.dueAt !== null && nowMs >= Date.parse(deadlines.dueAt)) return 'breached';
  if (deadlines.warnAt !== null && nowMs >= Date.parse(deadlines.warnAt)) return 'warning';
  return 'on-track';
}

/** The worst of the statuses of the targets still open; when all are done, `missed` if any was. */
export function overallStatus(statuses: readonly SlaStatus[]): SlaStatus {
  const open = statuses.filter((s) => s !== 'met' && s !== 'missed');
  if (open.length === 0) return statuses.includes('missed') ? 'missed' : 'met';
  for (const worst of ['breached', 'warning'] as const) if (open.includes(worst)) return worst;
  return 'on-track';
}

/** The earliest deadline of the targets still open (warning excluded), or null when none is set. */
export function nextSlaDueAt(deadlines: SlaDeadlines): string | null {
  const dues = SLA_TARGETS.map((t) => deadlines[t])
    .filter((d) => d.metAt === null && d.dueAt !== null)
    .map((d) => d.dueAt as string);
  return dues.length === 0 ? null : dues.sort()[0];
}

function counts(clock: SlaClock, target: SlaTarget): boolean {
  return clock.terms !== null && clock.active && clock.pauses.length === 0 && clock[target].metAt === null;
}

function targetMs(terms: SlaTerms, target: SlaTarget): number {
  return (target === 'response' ? terms.responseMinutes : terms.resolutionMinutes) * MINUTE_MS;
}

/** Counts business time up to `atMs` on every counting target, noting when a threshold was crossed. */
function advance(clock: SlaClock, atMs: number): SlaClock {
  const { terms } = clock;
  if (terms === null) return clock;
  const step = (target: SlaTarget): SlaTargetClock => {
    const current = clock[target];
    if (current.since === null) return current;
    const from = current.since;
    const elapsedMs = current.elapsedMs + businessMsBetween(terms.calendar, from, atMs);
    const crossing = (threshold: number, already: string | null) => {
      if (already !== null || elapsedMs < threshold) return already;
      return new Date(addBusinessMs(terms.calendar, from, Math.max(0, threshold - current.elapsedMs))).toISOString();
    };
    const limit = targetMs(terms, target);
    return {
      ...current,
      elapsedMs,
      // An event stamped earlier than the stretch began (clocks of two processes) must not count time twice.
      since: Math.max(from, atMs),
      warnedAt: crossing(Math.ceil(limit * terms.warningRatio), current.warnedAt),
      breachedAt: crossing(limit, current.breachedAt),
    };
  };
  return { ...clock, response: step('response'), resolution: step('resolution') };
}

/** After an event: targets that count start (or keep) counting from its instant, the others stop. */
function restart(clock: SlaClock, atMs: number): SlaClock {
  const step = (target: SlaTarget): SlaTargetClock => {
    const current = clock[target];
    if (counts(clock, target)) return current.since === null ? { ...current, since: atMs } : current;
    return current.since === null ? current : { ...current, since: null };
  };
  return { ...clock, response: step('response'), resolution: step('resolution') };
}

function respond(clock: SlaClock, at: string): SlaClock {
  return clock.response.metAt === null ? { ...clock, response: met(clock.response, clock.terms, at) } : clock;
}

function met(target: SlaTargetClock, terms: SlaTerms | null, at: string): SlaTargetClock {
  return { ...target, since: null, metAt: at, metOnTime: target.breachedAt === null || terms === null };
}

function targetDeadlines(clock: SlaClock, target: SlaTarget): SlaTargetDeadlines {
  const current = clock[target];
  const terms = clock.terms;
  const targetMinutes = terms === null ? 0 : targetMs(terms, target) / MINUTE_MS;
  const projected = (threshold: number, already: string | null) => {
    if (already !== null || current.since === null || terms === null) return already;
    return new Date(addBusinessMs(terms.calendar, current.since, Math.max(0, threshold - current.elapsedMs))).toISOString();
  };
  const limit = terms === null ? 0 : targetMs(terms, target);
  return {
    targetMinutes,
    counting: current.since !== null,
    metAt: current.metAt,
    metOnTime: current.metOnTime,
    warnAt: projected(Math.ceil(limit * (terms?.warningRatio ?? 1)), current.warnedAt),
    dueAt: projected(limit, current.breachedAt),
  };
}
