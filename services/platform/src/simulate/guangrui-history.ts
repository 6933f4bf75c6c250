import { CommandContext } from '@kinship/eventsourcing';
import { RegisterResidentRequest } from '@kinship/registry';
import { newCitizen, STATIONS, SURNAMES, GIVEN } from '../seed/demo-district';
import { addDays, Agenda, Draws, instant, months } from './timeline';
import { UseCases } from './use-cases';

/**
 * The Guangrui story of the domain brief (BRIEF.md, "Figures the district watches"), from the founding of the New
 * Citizen Family Council in May 2004 to mid-2013, told as the commands station staff, council members, the lead and
 * the center manager would have sent. Every figure is a plan here; what the district sees is what the services
 * made of these commands.
 */

export const HISTORY_STARTS = '2004-05';
export const HISTORY_ENDS = '2013-06';

const G1 = 'guangrui-1';
const GY = 'guangyi';
const CENTER = 'guangrui';

/** New citizens present at Guangrui No.1 Village at the end of these months. */
export const GUANGRUI_1_PRESENT = { founding: 620, ['2005-05']: 1867, ['2013-06']: 4613 } as const;
/** Disputes between new and old residents opened each year: 15 in 2005 falling ~30% a year to 3 in 2010, none after. */
export const DISPUTES_PER_YEAR: Readonly<Record<number, number>> = { 2004: 8, 2005: 15, 2006: 10, 2007: 7, 2008: 5, 2009: 4, 2010: 3 };
/** School, job and housing help in the council's first months (60+ in the first year). */
export const FIRST_YEAR_SERVICE_CASES_PER_MONTH = 8;
export const VOLUNTEERS_AT_FIRST = 162;
export const VOLUNTEER_TEAM = 165;
export const PAIRINGS = 45;
/** The community census of the brief: 9,817 residents in 4,019 households. */
export const COMMUNITY_CENSUS = { asOf: '2013-06-30', households: 4019, residents: 9817 } as const;
const GUANGYI_OPENS = '2012-02';
const BROKERAGE_OPENS = '2010-01';
const GUANGYI_BROKERAGE_OPENS = '2012-03';
const MONTHLY_DEPARTURE_RATE = 0.007;

/** The census use case of the registry, when the registry has it (see `findUseCase`). */
export type CensusUseCase = (stationId: string, request: { asOf: string; households: number; residents: number }, context: CommandContext) => Promise<unknown>;

export interface HistoryOptions {
  seed: number;
  /** The last month simulated, 'YYYY-MM' (default mid-2013). */
  until?: string;
  census?: CensusUseCase;
  /** Called once a month has been fully told. */
  onMonth?: (month: string, progress: HistoryProgress) => void;
  /** Waits until the volunteering service has credited an allocation to the center's aid fund. */
  aidFundCredited: (allocationId: string) => Promise<void>;
  /** Stops the history after the step in hand (e.g. when the platform shuts down while seeding). */
  signal?: AbortSignal;
  /** Waits until the brokerage's own reactions (invoices, ledger postings) have caught up. */
  brokerageSettled: () => Promise<void>;
}

export interface HistoryProgress {
  commands: number;
  present: Record<string, number>;
}

export interface HistorySummary {
  seed: number;
  from: string;
  until: string;
  /** False when the history was stopped before its end. */
  complete: boolean;
  commands: number;
  commandsByKind: Record<string, number>;
  msByKind: Record<string, number>;
  /** What the simulator meant to happen, for its log; the district figures come from the feed, not from here. */
  planned: {
    present: Record<string, number>;
    registrations: number;
    departures: number;
    transfers: number;
    disputes: Record<string, number>;
    volunteers: number;
    pairings: number;
    aidPaidFen: number;
    leases: number;
  };
}

interface Person {
  stationId: string;
  form: RegisterResidentRequest;
  residentId: string | null;
  status: 'expected' | 'present' | 'gone';
  /** Never leaves: volunteers, paired households. */
  stays: boolean;
  /** Chosen to leave (or to transfer) this month. */
  leaving: boolean;
  /** Someone in a running case or lease is not chosen to leave before this day. */
  busyUntil: string;
  /** Has a housing request open at the brokerage. */
  housing: boolean;
}

interface Volunteer {
  person: Person;
  volunteerId: string;
  active: boolean;
  paired: boolean;
  /** Logs its hours in even or odd months. */
  parity: number;
}

interface Pairing {
  pairingId: string;
}

const CASE_DESCRIPTIONS = {
  'school-enrolment': '孩子入学需要办理借读手续',
  'job-seeking': '希望介绍附近工厂的工作',
  housing: '想在社区附近租一套便宜的房子',
  'wage-arrears': '工地拖欠两个月工资',
  'social-insurance': '单位没有缴纳社保',
  'emergency-hardship': '家人住院，生活困难',
  'neighbour-dispute': '与楼上老住户因漏水发生纠纷',
} as const;

/** Tells the history through the services' use cases; resolves once the last month is told. */
export async function tellGuangruiHistory(useCases: UseCases, options: HistoryOptions): Promise<HistorySummary> {
  const history = new GuangruiHistory(useCases, options);
  return history.tell();
}

class GuangruiHistory {
  private readonly draws: Draws;
  private readonly until: string;
  private readonly agenda: Agenda;
  private readonly people = new Map<string, Person[]>([
    [G1, []],
    [GY, []],
  ]);
  private readonly usedIdNumbers = new Set<string>();
  private readonly volunteers: Volunteer[] = [];
  private readonly pairings: Pairing[] = [];
  private readonly landlords = new Map<string, string[]>([
    [G1, []],
    [GY, []],
  ]);
  private now = instant(months.day(HISTORY_STARTS, 1), 0);
  private readonly commandsByKind: Record<string, number> = {};
  /** Milliseconds spent in each kind of command, to see where a run's time goes. */
  private readonly msByKind: Record<string, number> = {};
  private commands = 0;
  private readonly planned: HistorySummary['planned'] = {
    present: {},
    registrations: 0,
    departures: 0,
    transfers: 0,
    disputes: {},
    volunteers: 0,
    pairings: 0,
    aidPaidFen: 0,
    leases: 0,
  };

  constructor(
    private readonly useCases: UseCases,
    private readonly options: HistoryOptions,
  ) {
    this.draws = new Draws(options.seed);
    this.until = options.until ?? HISTORY_ENDS;
    if (months.between(HISTORY_STARTS, this.until) < 0 || months.between(this.until, HISTORY_ENDS) < 0) {
      throw new Error(`--until must be a month from ${HISTORY_STARTS} to ${HISTORY_ENDS}, got ${this.until}`);
    }
    this.agenda = new Agenda(instant(months.last(this.until), 15 * 60));
  }

  async tell(): Promise<HistorySummary> {
    for (let month = HISTORY_STARTS; months.between(month, this.until) >= 0; month = months.add(month, 1)) {
      const told = month;
      this.agenda.plan(months.day(month, 1), 0, `plan ${month}`, async () => this.planMonth(told));
      this.agenda.plan(months.last(month), 15 * 60, `end of ${month}`, async () => this.options.onMonth?.(told, this.progress()));
    }
    const complete = await this.agenda.run((step) => {
      this.now = step.at;
    }, this.options.signal);
    for (const [stationId, people] of this.people) this.planned.present[stationId] = people.filter((p) => p.status === 'present').length;
    return {
      seed: this.options.seed,
      from: HISTORY_STARTS,
      until: this.until,
      complete,
      commands: this.commands,
      commandsByKind: { ...this.commandsByKind },
      msByKind: Object.fromEntries(Object.entries(this.msByKind).map(([kind, ms]) => [kind, Math.round(ms)])),
      planned: this.planned,
    };
  }

  private progress(): HistoryProgress {
    const present: Record<string, number> = {};
    for (const [stationId, people] of this.people) present[stationId] = people.filter((p) => p.status === 'present').length;
    return { commands: this.commands, present };
  }

  // ---------------------------------------------------------------- the month's plan

  private planMonth(month: string): void {
    this.planTransfers(month);
    this.planPopulation(G1, month, this.guangrui1Target(month));
    if (months.between(GUANGYI_OPENS, month) >= 0) this.planPopulation(GY, month, this.guangyiTarget(month));
    this.planCases(month);
    this.planVolunteering(month);
    if (months.between(BROKERAGE_OPENS, month) >= 0) this.planBrokerage(G1, month);
    if (months.between(GUANGYI_BROKERAGE_OPENS, month) >= 0) this.planBrokerage(GY, month);
    if (month === months.add(BROKERAGE_OPENS, -1)) this.planFeeSchedule(month);
    if (month === COMMUNITY_CENSUS.asOf.slice(0, 7) && this.options.census) {
      const census = this.options.census;
      this.agenda.plan(COMMUNITY_CENSUS.asOf, 8 * 60, 'community census', () =>
        this.command('record-census', async () => {
          await census(G1, { ...COMMUNITY_CENSUS }, this.context('lead', G1));
        }),
      );
    }
  }

  /** May 2004: the founding cohort; then growth to 1,867 a year later and to 4,613 by mid-2013. */
  private guangrui1Target(month: string): number {
    const founded = months.between(HISTORY_STARTS, month);
    if (founded === 0) return GUANGRUI_1_PRESENT.founding;
    if (founded <= 12) {
      return Math.round(GUANGRUI_1_PRESENT.founding * (GUANGRUI_1_PRESENT['2005-05'] / GUANGRUI_1_PRESENT.founding) ** (founded / 12));
    }
    const t = (founded - 12) / months.between('2005-05', HISTORY_ENDS);
    const grown = GUANGRUI_1_PRESENT['2013-06'] - GUANGRUI_1_PRESENT['2005-05'];
    return Math.round(GUANGRUI_1_PRESENT['2005-05'] + grown * (1 - (1 - t) ** 1.4));
  }

  /** Guangyi New Village: the first chain station, taking the new citizens already living there into view in 2012. */
  private guangyiTarget(month: string): number {
    const drive = [400, 900, 1400, 1900, 2350, 2700, 2950, 3050];
    const opened = months.between(GUANGYI_OPENS, month);
    if (opened < drive.length) return drive[opened] as number;
    return (drive.at(-1) as number) + 35 * (opened - drive.length + 1);
  }

  private planPopulation(stationId: string, month: string, target: number): void {
    const people = this.people.get(stationId) as Person[];
    const monthStart = months.day(month, 1);
    const present = people.filter((p) => p.status === 'present');
    const free = present.filter((p) => !p.stays && !p.leaving && p.busyUntil < monthStart);
    const opening = present.length === 0;
    const leaving = opening ? [] : this.draws.sample(free, Math.round(present.length * MONTHLY_DEPARTURE_RATE));
    for (const person of leaving) {
      person.leaving = true;
      const day = months.day(month, this.draws.int(1, months.days(month)));
      this.agenda.plan(day, this.draws.int(60, 480), 'move out', () => this.moveOut(person, day));
    }
    const transfersOut = this.transfers.get(`${stationId}/${month}/out`) ?? 0;
    const transfersIn = this.transfers.get(`${stationId}/${month}/in`) ?? 0;
    const arrivals = Math.max(0, target - (present.length - leaving.length - transfersOut + transfersIn));
    const drive = stationId === GY && months.between(GUANGYI_OPENS, month) < 8;
    const arrivingOn = new Map<string, Person[]>();
    for (let i = 0; i < arrivals; i += 1) {
      const day = opening && stationId === G1 ? months.day(month, this.draws.int(8, 31)) : months.day(month, this.draws.int(1, months.days(month)));
      // Newcomers are taken into view within the month they arrive; the founding cohort and the people Guangyi
      // finds already living there when it opens had come over the years before.
      const earliest = opening || drive ? (stationId === G1 ? '2000-03-01' : '2005-01-01') : monthStart;
      const person = this.newPerson(stationId, day, earliest);
      arrivingOn.set(day, [...(arrivingOn.get(day) ?? []), person]);
      this.planPermit(person, day);
    }
    // A day's newcomers are registered side by side, as the desk takes them in; their keys share one commit.
    for (const [day, newcomers] of [...arrivingOn].sort(([a], [b]) => a.localeCompare(b))) {
      this.agenda.plan(day, this.draws.int(60, 120), 'register the day\'s newcomers', () => Promise.all(newcomers.map((person) => this.register(person))));
    }
    const movers = this.draws.sample(
      free.filter((p) => !p.leaving && p.stationId === stationId),
      Math.round(present.length * 0.003),
    );
    for (const person of movers) {
      const day = months.day(month, this.draws.int(1, months.days(month)));
      this.agenda.plan(day, this.draws.int(60, 480), 'move within station', () => this.moveWithin(person, day));
    }
  }

  /** Transfers of the month, counted by station and direction, so each station's month ends on its target. */
  private readonly transfers = new Map<string, number>();

  /** After 2012 a few residents of Guangrui No.1 move to the new Guangyi station each month, and now and then one back. */
  private planTransfers(month: string): void {
    if (months.between('2012-04', month) < 0) return;
    const monthStart = months.day(month, 1);
    const free = (stationId: string) =>
      (this.people.get(stationId) as Person[]).filter((p) => p.status === 'present' && !p.stays && !p.leaving && p.busyUntil < monthStart);
    for (const person of this.draws.sample(free(G1), this.draws.int(1, 2))) this.planTransfer(person, GY, month);
    if (months.between('2012-06', month) % 3 === 0) for (const person of this.draws.sample(free(GY), 1)) this.planTransfer(person, G1, month);
  }

  private planTransfer(person: Person, toStationId: string, month: string): void {
    person.leaving = true;
    const count = (key: string) => this.transfers.set(key, (this.transfers.get(key) ?? 0) + 1);
    count(`${person.stationId}/${month}/out`);
    count(`${toStationId}/${month}/in`);
    const day = months.day(month, this.draws.int(2, 26));
    const compounds = (STATIONS.find((s) => s.id === toStationId) as (typeof STATIONS)[number]).compounds;
    const address = { compound: this.draws.pick(compounds), building: String(this.draws.int(1, 30)), unit: String(this.draws.int(1, 4)), room: `${this.draws.int(1, 6)}0${this.draws.int(1, 4)}` };
    this.agenda.plan(day, this.draws.int(60, 480), 'transfer', async () => {
      if (person.status !== 'present' || person.residentId === null) return;
      await this.command('transfer-resident', () =>
        this.useCases.registry.transfer.execute(person.stationId, person.residentId as string, { toStationId, ...address, transferredOn: day }, this.context('staff', person.stationId)),
      );
      this.planned.transfers += 1;
      (this.people.get(person.stationId) as Person[]).splice((this.people.get(person.stationId) as Person[]).indexOf(person), 1);
      person.stationId = toStationId;
      person.leaving = false;
      (this.people.get(toStationId) as Person[]).push(person);
    });
  }

  private newPerson(stationId: string, registeredOn: string, earliestArrival: string): Person {
    const compounds = (STATIONS.find((s) => s.id === stationId) as (typeof STATIONS)[number]).compounds;
    const span = Math.max(0, (Date.parse(registeredOn) - Date.parse(earliestArrival)) / 86_400_000);
    const form = newCitizen(this.draws.next, this.usedIdNumbers, compounds, Number(registeredOn.slice(0, 4)), () =>
      addDays(registeredOn, -Math.floor(this.draws.next() * span)),
    );
    const person: Person = { stationId, form, residentId: null, status: 'expected', stays: this.draws.chance(0.2), leaving: false, busyUntil: '', housing: false };
    (this.people.get(stationId) as Person[]).push(person);
    return person;
  }

  // ---------------------------------------------------------------- registry

  private async register(person: Person): Promise<void> {
    const { residentId } = await this.command('register-resident', () => this.useCases.registry.register.execute(person.stationId, person.form, this.context('staff', person.stationId)));
    person.residentId = residentId;
    person.status = 'present';
    this.planned.registrations += 1;
  }

  /** About a third of newcomers apply for a residence permit (居住证) once they have lived here six months. */
  private planPermit(person: Person, registeredOn: string): void {
    if (!this.draws.chance(0.33)) return;
    // Six calendar months are at most 184 days.
    const eligible = addDays(person.form.arrivalDate, 185);
    const applyOn = addDays(eligible < registeredOn ? registeredOn : eligible, this.draws.int(1, 60));
    const issueOn = addDays(applyOn, this.draws.int(10, 30));
    this.agenda.plan(applyOn, this.draws.int(60, 480), 'apply for permit', () => this.permitStep(person, 'application', applyOn));
    this.agenda.plan(issueOn, this.draws.int(60, 480), 'issue permit', () => this.permitStep(person, 'issue', issueOn));
    if (this.draws.chance(0.3)) {
      const endorseOn = addDays(issueOn, 365 - this.draws.int(1, 25));
      this.agenda.plan(endorseOn, this.draws.int(60, 480), 'endorse permit', () => this.permitStep(person, 'endorsement', endorseOn));
    }
  }

  private async permitStep(person: Person, step: 'application' | 'issue' | 'endorsement', on: string): Promise<void> {
    if (person.status !== 'present' || person.residentId === null) return;
    await this.command(`permit-${step}`, () =>
      this.useCases.registry.permit.execute(person.stationId, person.residentId as string, step, { on }, this.context('staff', person.stationId)),
    );
  }

  private async moveOut(person: Person, day: string): Promise<void> {
    if (person.status !== 'present' || person.residentId === null) return;
    const reason = this.draws.pick(['returned to home province', 'moved for work in another city', 'moved to another district of Wuxi', 'bought a flat elsewhere']);
    await this.command('move-out', () =>
      this.useCases.registry.moveOut.execute(person.stationId, person.residentId as string, { movedOutOn: day, reason }, this.context('staff', person.stationId)),
    );
    person.status = 'gone';
    this.planned.departures += 1;
    const people = this.people.get(person.stationId) as Person[];
    people.splice(people.indexOf(person), 1);
  }

  private async moveWithin(person: Person, day: string): Promise<void> {
    if (person.status !== 'present' || person.residentId === null || person.leaving) return;
    const compounds = (STATIONS.find((s) => s.id === person.stationId) as (typeof STATIONS)[number]).compounds;
    const request = { compound: this.draws.pick(compounds), building: String(this.draws.int(1, 30)), unit: String(this.draws.int(1, 4)), room: `${this.draws.int(1, 6)}0${this.draws.int(1, 4)}`, movedOn: day };
    await this.command('move-within-station', () =>
      this.useCases.registry.moveWithin.execute(person.stationId, person.residentId as string, request, this.context('staff', person.stationId)),
    );
  }

  /**
   * Someone present who is going nowhere for a while: a case or a lease is about them until `until`. A settling
   * person (a new volunteer, a paired household) is one not already settled.
   */
  private takeResident(stationId: string, until: string, settling = false, fits: (person: Person) => boolean = () => true): Person | null {
    const candidates = (this.people.get(stationId) as Person[]).filter(
      (p) => p.status === 'present' && !p.leaving && p.residentId !== null && !(settling && p.stays) && fits(p),
    );
    if (candidates.length === 0) return null;
    const person = this.draws.pick(candidates);
    if (person.busyUntil < until) person.busyUntil = until;
    return person;
  }

  // ---------------------------------------------------------------- cases

  private planCases(month: string): void {
    const year = Number(month.slice(0, 4));
    const firstMonths = months.between(HISTORY_STARTS, month) < 8;
    const services = firstMonths ? FIRST_YEAR_SERVICE_CASES_PER_MONTH : this.draws.int(1, 3);
    for (let i = 0; i < services; i += 1) {
      this.planCase(G1, month, 'services', this.draws.pick(['school-enrolment', 'job-seeking', 'housing'] as const));
    }
    const rights = this.draws.int(month.endsWith('-12') || month.endsWith('-01') ? 2 : 0, 2);
    for (let i = 0; i < rights; i += 1) this.planCase(G1, month, 'rights-protection', this.draws.pick(['wage-arrears', 'social-insurance'] as const));
    if (this.draws.chance(0.5)) this.planCase(G1, month, 'mutual-aid', 'emergency-hardship');
    if (months.between(GUANGYI_OPENS, month) >= 1) {
      for (let i = this.draws.int(1, 3); i > 0; i -= 1) this.planCase(GY, month, 'services', this.draws.pick(['school-enrolment', 'job-seeking', 'housing'] as const));
      if (this.draws.chance(0.5)) this.planCase(GY, month, 'rights-protection', 'wage-arrears');
    }
    for (let i = 0; i < this.disputesIn(year, month); i += 1) this.planDispute(month);
  }

  /** The year's disputes over the months it has (from May in 2004, to November), at least two months apart. */
  private readonly disputeMonths = new Map<number, string[]>();

  private disputesIn(year: number, month: string): number {
    const total = DISPUTES_PER_YEAR[year] ?? 0;
    if (total === 0) return 0;
    let plan = this.disputeMonths.get(year);
    if (!plan) {
      const first = year === 2004 ? 5 : 1;
      const candidates = Array.from({ length: 11 - first + 1 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
      const spread = this.draws.sample(candidates, Math.max(2, Math.min(candidates.length, Math.ceil(total / 2))));
      plan = Array.from({ length: total }, (_, i) => spread[i % spread.length] as string);
      this.disputeMonths.set(year, plan);
      this.planned.disputes[String(year)] = total;
    }
    return plan.filter((m) => m === month).length;
  }

  private planCase(stationId: string, month: string, group: string, category: keyof typeof CASE_DESCRIPTIONS): void {
    const opened = months.day(month, this.draws.int(1, Math.min(28, months.days(month))));
    const assigned = addDays(opened, this.draws.int(0, 1));
    const resolved = addDays(assigned, this.draws.int(5, 30));
    const feedback = addDays(resolved, this.draws.int(1, 5));
    const satisfaction = this.draws.int(3, 5);
    const channel = this.draws.pick(['walk-in', 'walk-in', 'phone', 'council-member', 'outreach']);
    this.agenda.plan(opened, this.draws.int(60, 480), `open ${category} case`, async () => {
      const person = this.takeResident(stationId, addDays(feedback, 1));
      if (person === null) return;
      const context = this.context('staff', stationId);
      const { caseId } = await this.command('open-case', () =>
        this.useCases.cases.open.execute(stationId, { residentIds: [person.residentId as string], group, category, description: CASE_DESCRIPTIONS[category], channel }, context),
      );
      this.agenda.plan(assigned, this.draws.int(60, 480), 'assign case', () =>
        this.command('assign-case', () => this.useCases.cases.assign.execute(stationId, caseId, { assigneeId: this.worker(stationId) }, this.context('staff', stationId))),
      );
      this.agenda.plan(resolved, this.draws.int(60, 480), 'resolve case', () =>
        this.command('resolve-case', () => this.useCases.cases.resolve.execute(stationId, caseId, { outcome: 'resolved' }, this.context('staff', stationId))),
      );
      this.planFeedbackAndClose(stationId, caseId, feedback, satisfaction);
    });
  }

  private planFeedbackAndClose(stationId: string, caseId: string, day: string, satisfaction: number): void {
    this.agenda.plan(day, this.draws.int(60, 470), 'record feedback and close', async () => {
      const context = this.context('staff', stationId);
      await this.command('record-feedback', () => this.useCases.cases.feedback.execute(stationId, caseId, { satisfaction }, context));
      await this.command('close-case', () => this.useCases.cases.close.execute(stationId, caseId, context));
    });
  }

  /** A dispute between a new citizen and an old resident, settled by the council's mediation (调解). */
  private planDispute(month: string): void {
    const opened = months.day(month, this.draws.int(1, 20));
    const session = addDays(opened, this.draws.int(3, 10));
    const dutyDue = addDays(session, this.draws.int(7, 14));
    const feedback = addDays(dutyDue, this.draws.int(1, 3));
    const what = this.draws.pick(['赔偿修缮费用800元', '修好漏水的水管', '晚上十点后不再装修', '清理堆放在楼道的杂物']);
    const oldResident = `${this.draws.pick(SURNAMES)}${this.draws.pick(GIVEN)}, old resident of building ${this.draws.int(1, 30)}`;
    this.agenda.plan(opened, this.draws.int(60, 480), 'open dispute', async () => {
      const person = this.takeResident(G1, addDays(feedback, 1));
      if (person === null) return;
      const context = this.context('staff', G1);
      const residentId = person.residentId as string;
      const { caseId } = await this.command('open-case', () =>
        this.useCases.cases.open.execute(
          G1,
          { residentIds: [residentId], group: 'safety', category: 'neighbour-dispute', description: CASE_DESCRIPTIONS['neighbour-dispute'], channel: 'council-member' },
          context,
        ),
      );
      const { partyId } = await this.command('add-party', () => this.useCases.cases.addParty.execute(G1, caseId, { description: oldResident }, context));
      await this.command('assign-case', () => this.useCases.cases.assign.execute(G1, caseId, { assigneeId: 'council-safety-01', assigneeKind: 'council-member' }, context));
      const parties = [residentId, partyId];
      const { sessionId } = await this.command('schedule-mediation', () =>
        this.useCases.cases.mediation.schedule(G1, caseId, { scheduledFor: `${session}T01:30:00.000Z`, place: '社区议事厅', partyIds: parties }, context),
      );
      this.agenda.plan(session, 150, 'hold mediation', async () => {
        const held = this.context('staff', G1);
        await this.command('record-mediation', () => this.useCases.cases.mediation.record(G1, caseId, sessionId, { attendeePartyIds: parties, record: '双方陈述，调解员提出方案，双方同意' }, held));
        const { dutyIds } = await this.command('reach-agreement', () =>
          this.useCases.cases.agreement.reach(G1, caseId, { sessionId, duties: [{ partyId: this.draws.pick(parties), what, dueOn: dutyDue }] }, held),
        );
        this.agenda.plan(dutyDue, this.draws.int(60, 400), 'check duty and resolve', async () => {
          const checked = this.context('staff', G1);
          await this.command('check-duty', () => this.useCases.cases.agreement.checkDuty(G1, caseId, dutyIds[0] as string, { result: 'fulfilled', checkedOn: dutyDue }, checked));
          await this.command('resolve-case', () => this.useCases.cases.resolve.execute(G1, caseId, { outcome: 'resolved' }, checked));
        });
        this.planFeedbackAndClose(G1, caseId, feedback, this.draws.int(4, 5));
      });
    });
  }

  // ---------------------------------------------------------------- volunteering

  private planVolunteering(month: string): void {
    const sinceFounding = months.between(HISTORY_STARTS, month);
    // The team forms over the council's first summer (160+), reaching 165 the next spring.
    const firstSummer = [41, 41, 40, 40];
    if (sinceFounding >= 1 && sinceFounding <= firstSummer.length) this.planEnrolments(month, firstSummer[sinceFounding - 1] as number);
    if (month === '2005-03') this.planEnrolments(month, VOLUNTEER_TEAM - VOLUNTEERS_AT_FIRST);
    // From 2006 a couple of volunteers leave each year; each is replaced the month after.
    if (sinceFounding >= 20 && (month.endsWith('-04') || month.endsWith('-10'))) {
      const leaver = this.draws.pick(this.volunteers.filter((v) => v.active && !v.paired));
      const leftOn = months.day(month, this.draws.int(1, 25));
      leaver.active = false;
      this.agenda.plan(leftOn, this.draws.int(60, 480), 'volunteer leaves', () =>
        this.command('record-volunteer-departure', () => this.useCases.volunteering.standing.depart(G1, leaver.volunteerId, { reason: 'no-time', leftOn }, this.context('staff', G1))),
      );
      this.planEnrolments(months.add(month, 1), 1);
    }
    for (const volunteer of this.volunteers) {
      if (!volunteer.active || (months.between(HISTORY_STARTS, month) + volunteer.parity) % 2 !== 0) continue;
      this.planHours(volunteer, month);
    }
    if (sinceFounding >= 10 && this.pairings.length + this.pairingsPlanned < PAIRINGS && months.between(month, '2008-12') >= 0) {
      const left = months.between(month, '2008-12') + 1;
      const due = Math.ceil((PAIRINGS - this.pairings.length - this.pairingsPlanned) / left);
      for (let i = 0; i < due; i += 1) this.planPairing(month);
    }
    const festival = months.between('2010-09', month) >= 0 && (month.endsWith('-09') || month.endsWith('-01'));
    if (festival) this.planAidRound(month);
  }

  private planEnrolments(month: string, count: number): void {
    for (let i = 0; i < count; i += 1) {
      const day = months.day(month, this.draws.int(1, 28));
      this.agenda.plan(day, this.draws.int(60, 480), 'enrol volunteer', async () => {
        const person = this.takeResident(G1, '9999-12-31', true);
        if (person === null) return;
        person.stays = true;
        const { volunteerId } = await this.command('enrol-volunteer', () =>
          this.useCases.volunteering.enrol.execute(
            G1,
            {
              residentId: person.residentId as string,
              name: person.form.name,
              phone: person.form.phone,
              skills: this.draws.sample(['first-aid', 'tutoring', 'elderly-care', 'translation', 'repairs', 'patrol'], this.draws.int(1, 3)),
              enrolledOn: day,
            },
            this.context('staff', G1),
          ),
        );
        this.volunteers.push({ person, volunteerId, active: true, paired: false, parity: this.volunteers.length % 2 });
        this.planned.volunteers += 1;
      });
    }
  }

  /** Hours are logged every other month (one entry of up to 16 h) and verified by the staff within the month. */
  private planHours(volunteer: Volunteer, month: string): void {
    const servedOn = months.day(month, this.draws.int(3, 20));
    const minutes = this.draws.int(930, 960);
    const verifyOn = addDays(servedOn, this.draws.int(2, 6));
    this.agenda.plan(servedOn, this.draws.int(60, 480), 'log hours', async () => {
      if (!volunteer.active) return;
      const { entryId } = await this.command('log-hours', () =>
        this.useCases.volunteering.logHours.execute(G1, volunteer.volunteerId, { servedOn, minutes }, this.context('staff', G1)),
      );
      this.agenda.plan(verifyOn, this.draws.int(60, 480), 'verify hours', () =>
        this.command('verify-hours', () => this.useCases.volunteering.reviewHours.verify(G1, volunteer.volunteerId, entryId, this.context('staff', G1))),
      );
    });
  }

  private pairingsPlanned = 0;

  private planPairing(month: string): void {
    this.pairingsPlanned += 1;
    const day = months.day(month, this.draws.int(1, 28));
    const category = this.draws.pick(['elderly-living-alone', 'disabled', 'hardship'] as const);
    this.agenda.plan(day, this.draws.int(60, 480), 'pair a volunteer with a household', async () => {
      this.pairingsPlanned -= 1;
      const volunteer = this.draws.pick(this.volunteers.filter((v) => v.active && !v.paired));
      const beneficiary = this.takeResident(G1, '9999-12-31', true);
      if (beneficiary === null) return;
      beneficiary.stays = true;
      const context = this.context('staff', G1);
      const { householdId } = await this.command('create-household', () => this.useCases.registry.createHousehold.execute(G1, { compound: beneficiary.form.address.compound }, context));
      await this.command('add-household-member', () =>
        this.useCases.registry.addHouseholdMember.execute(G1, householdId, { residentId: beneficiary.residentId as string, relation: 'head' }, context),
      );
      const { pairingId } = await this.command('start-pairing', () =>
        this.useCases.volunteering.startPairing.execute(
          G1,
          { volunteerId: volunteer.volunteerId, householdId, beneficiaryResidentId: beneficiary.residentId as string, category, alertAfterDays: 60, startedOn: day },
          context,
        ),
      );
      volunteer.paired = true;
      this.pairings.push({ pairingId });
      this.planned.pairings += 1;
    });
  }

  /** Spring Festival and Mid-Autumn visits to every paired household, with aid from the center's welfare fund. */
  private planAidRound(month: string): void {
    const day = months.day(month, this.draws.int(10, 20));
    const amounts = Array.from({ length: PAIRINGS }, () => this.draws.int(110, 130) * 100);
    const medical = this.draws.chance(0.5) ? this.draws.int(200, 500) * 100 : 0;
    this.agenda.plan(day, 300, 'pay festival aid', async () => {
      const context = this.context('manager', G1);
      for (const [i, pairing] of this.pairings.entries()) {
        const amountFen = amounts[i] as number;
        await this.command('pay-aid', () => this.useCases.volunteering.payAid.execute(CENTER, { stationId: G1, pairingId: pairing.pairingId, amountFen, purpose: 'festival-visit', paidOn: day }, context));
        this.planned.aidPaidFen += amountFen;
      }
      if (medical > 0 && this.pairings.length > 0) {
        const pairing = this.draws.pick(this.pairings);
        await this.command('pay-aid', () => this.useCases.volunteering.payAid.execute(CENTER, { stationId: G1, pairingId: pairing.pairingId, amountFen: medical, purpose: 'medical', paidOn: day }, context));
        this.planned.aidPaidFen += medical;
      }
    });
  }

  // ---------------------------------------------------------------- brokerage (the service center, 2010 on)

  private planBrokerage(stationId: string, month: string): void {
    const opening = month === (stationId === G1 ? BROKERAGE_OPENS : GUANGYI_BROKERAGE_OPENS);
    if (opening) {
      for (let i = 0; i < (stationId === G1 ? 25 : 15); i += 1) {
        const day = months.day(month, this.draws.int(5, 8));
        const name = `${this.draws.pick(SURNAMES)}${this.draws.pick(GIVEN)}`;
        const phone = `1${this.draws.pick(['38', '39', '58'])}${String(this.draws.int(0, 99_999_999)).padStart(8, '0')}`;
        this.agenda.plan(day, this.draws.int(60, 300), 'register landlord', async () => {
          const { landlordId } = await this.command('register-landlord', () => this.useCases.brokerage.registerLandlord.execute(stationId, { name, phone }, this.context('staff', stationId)));
          (this.landlords.get(stationId) as string[]).push(landlordId);
        });
      }
    }
    const leases = stationId === G1 ? this.draws.int(6, 8) : this.draws.int(4, 6);
    for (let i = 0; i < leases; i += 1) this.planLease(stationId, month);
    const expenseDay = months.day(month, 25);
    const expenses = [
      { amountFen: stationId === G1 ? 30_000 : 20_000, paidFrom: 'bank', category: 'premises', description: 'office rent' },
      { amountFen: this.draws.int(50, 80) * 100, paidFrom: 'cash', category: 'utilities', description: 'water, power and phone' },
      { amountFen: this.draws.int(20, 40) * 100, paidFrom: 'cash', category: 'supplies', description: 'forms and stationery' },
      { amountFen: this.draws.int(100, 200) * 100, paidFrom: 'bank', category: 'activities', description: 'council activities' },
    ] as const;
    this.agenda.plan(expenseDay, 420, 'record expenses', async () => {
      await this.waiting('brokerage reactions', () => this.options.brokerageSettled());
      for (const expense of expenses) {
        await this.command('record-expense', () => this.useCases.brokerage.recordExpense.execute(stationId, { ...expense, spentOn: expenseDay }, this.context('staff', stationId)));
      }
    });
    // The month is closed early the next month; its surplus goes to the council's welfare (aid) fund.
    const closeOn = months.day(months.add(month, 1), 2);
    this.agenda.plan(closeOn, 30, 'close the month', async () => {
      await this.waiting('brokerage reactions', () => this.options.brokerageSettled());
      const closed = await this.command('close-month', () => this.useCases.brokerage.closeMonth.execute(stationId, { period: month }, this.context('lead', stationId)));
      if (closed.allocationId !== null && closed.allocatedFen > 0) await this.waiting('aid fund credit', () => this.options.aidFundCredited(closed.allocationId as string));
    });
  }

  /** The service center sets the fee schedule its stations broker by, from the first day of its brokerage. */
  private planFeeSchedule(month: string): void {
    this.agenda.plan(months.day(month, 28), 30, 'set the fee schedule', () =>
      this.command('set-fee-schedule', () =>
        this.useCases.brokerage.feeSchedule.set(
          CENTER,
          { effectiveFrom: months.day(BROKERAGE_OPENS, 1), basisPoints: 5000, capFen: 50_000, renewalBasisPoints: 2000 },
          this.context('manager', G1),
        ),
      ),
    );
  }

  private planLease(stationId: string, month: string): void {
    const requested = months.day(month, this.draws.int(8, 18));
    const signedOn = addDays(requested, this.draws.int(2, 8));
    const startsOn = addDays(signedOn, this.draws.int(0, 5));
    const endsOn = addDays(months.day(months.add(startsOn.slice(0, 7), 12), Number(startsOn.slice(8, 10))), -1);
    const paidOn = addDays(signedOn, this.draws.int(0, 3));
    const year = Number(month.slice(0, 4));
    const monthlyRentFen = (this.draws.int(45, 80) + (year - 2010) * 8) * 1000;
    const compounds = (STATIONS.find((s) => s.id === stationId) as (typeof STATIONS)[number]).compounds;
    const unit = { compound: this.draws.pick(compounds), building: String(this.draws.int(1, 30)), unit: String(this.draws.int(1, 4)), room: `${this.draws.int(1, 6)}0${this.draws.int(1, 4)}` };
    const size = { areaSqm: this.draws.int(180, 600) / 10, rooms: this.draws.int(1, 3) };
    const householdSize = this.draws.int(1, 4);
    const landlordPick = this.draws.next();
    const method = this.draws.pick(['cash', 'transfer'] as const);
    this.agenda.plan(requested, this.draws.int(60, 400), 'list a unit and take a housing request', async () => {
      const landlords = this.landlords.get(stationId) as string[];
      const tenant = this.takeResident(stationId, addDays(signedOn, 1), false, (p) => !p.housing);
      if (landlords.length === 0 || tenant === null) return;
      const context = this.context('staff', stationId);
      const landlordId = landlords[Math.floor(landlordPick * landlords.length)] as string;
      const { listingId } = await this.command('create-listing', () =>
        this.useCases.brokerage.createListing.execute(stationId, { landlordId, ...unit, ...size, monthlyRentFen, depositFen: monthlyRentFen }, context),
      );
      await this.command('publish-listing', () => this.useCases.brokerage.listing.execute(stationId, { type: 'PublishListing', data: { listingId, publishedOn: requested } }, context));
      const { requestId } = await this.command('open-housing-request', () =>
        this.useCases.brokerage.openHousingRequest.execute(stationId, tenant.residentId as string, { budgetFen: monthlyRentFen + 10_000, householdSize, workArea: '广瑞路工业园' }, context),
      );
      tenant.housing = true;
      this.agenda.plan(signedOn, this.draws.int(60, 400), 'sign the lease', async () => {
        if (tenant.status !== 'present' || tenant.stationId !== stationId) return;
        const { leaseId, invoiceId, fee } = await this.command('sign-lease', () =>
          this.useCases.brokerage.signLease.execute(stationId, { listingId, residentId: tenant.residentId as string, requestId, startsOn, endsOn, signedOn }, this.context('staff', stationId)),
        );
        this.planned.leases += 1;
        tenant.housing = false;
        if (invoiceId !== null) {
          this.agenda.plan(paidOn, 430, 'pay the fee', async () => {
            await this.waiting('brokerage reactions', () => this.options.brokerageSettled());
            await this.command('record-payment', () =>
              this.useCases.brokerage.recordPayment.execute(stationId, invoiceId, { amountFen: fee.amountFen, method, reference: `${method === 'cash' ? 'RC' : 'WX'}-${paidOn.replace(/-/g, '')}-${this.planned.leases}`, on: paidOn }, this.context('staff', stationId)),
            );
          });
        }
        this.agenda.plan(endsOn, 200, 'end the lease', () =>
          this.command('end-lease', () => this.useCases.brokerage.endLease.execute(stationId, leaseId, { endedOn: endsOn, depositReturnedFen: monthlyRentFen }, this.context('staff', stationId))),
        );
      });
    });
  }

  // ---------------------------------------------------------------- plumbing

  private worker(stationId: string): string {
    return `worker-${stationId}-${this.draws.int(1, 7)}`;
  }

  /** Who sends a command, at the instant of the step being told. */
  private context(who: 'staff' | 'lead' | 'manager', stationId: string): CommandContext {
    const actor =
      who === 'manager'
        ? { userId: `manager-${CENTER}`, role: 'center-manager' as const }
        : who === 'lead'
          ? { userId: `lead-${stationId}`, role: 'station-lead' as const }
          : { userId: `staff-${stationId}`, role: 'station-staff' as const };
    return { actor, correlationId: `history-${this.options.seed}-${this.now.slice(0, 10)}`, now: this.now };
  }

  /** Time spent waiting for the services' own reactions, shown beside the commands' (not counted as commands). */
  private async waiting(what: string, wait: () => Promise<void>): Promise<void> {
    const started = performance.now();
    await wait();
    this.msByKind[`(waiting for ${what})`] = (this.msByKind[`(waiting for ${what})`] ?? 0) + performance.now() - started;
  }

  private async command<T>(kind: string, send: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await send();
    this.msByKind[kind] = (this.msByKind[kind] ?? 0) + performance.now() - started;
    this.commands += 1;
    this.commandsByKind[kind] = (this.commandsByKind[kind] ?? 0) + 1;
    return result;
  }
}
