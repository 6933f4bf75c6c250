import { casesStreams } from '@kinship/contracts';
import { CommandContext, DomainError, WrongExpectedVersionError } from '@kinship/eventsourcing';
import { Collection, Document, DocumentStore } from '@kinship/documents';
import { ConsumerSpec, MessageBus } from '@kinship/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusSubscription } from '../application/bus-subscription';
import { CASE_MANAGEMENT_OPTIONS, CaseManagementOptions, DOCUMENT_STORE, MESSAGE_BUS } from '../application/case-management.tokens';
import { CaseStreams } from '../application/case-streams';
import { causedEventIds } from '../application/caused-event-ids';
import { Alarm, dueAlarms, pendingAlarms } from './sla-alarms';

export const SLA_WATCH_COLLECTION = 'case-management.sla-watch';
export const SLA_WATCH_GROUP = 'case-management.sla-watch';
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 500;

/** One case with an alarm to come: when the next one falls due. */
type WatchDocument = Document & { stationId: string; caseId: string; nextAlarmAt: string };

/**
 * Records SLA warnings and breaches, and court-confirmation reminders, as events when they fall due. A consumer
 * of the case streams keeps, per case, the instant of its next alarm; a periodic sweep runs the due ones as
 * commands whose event ids derive from (stream, alarm), so a sweep repeated or run twice never records one
 * twice. The SLA clock itself never reads these events: whether the sweep ran changes no reading of it.
 */
@Injectable()
export class SlaSweep extends BusSubscription {
  private readonly logger = new Logger('SlaSweep');
  private timer: NodeJS.Timeout | null = null;
  private watches: Collection<WatchDocument> | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly streams: CaseStreams,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CASE_MANAGEMENT_OPTIONS) options: CaseManagementOptions,
  ) {
    super(bus, options);
  }

  protected consumerSpec(): ConsumerSpec {
    return {
      group: SLA_WATCH_GROUP,
      categories: ['case'],
      handler: (event) => this.watch(event.tenantId, (event.data as { caseId: string }).caseId, new Date().toISOString()),
    };
  }

  override async start(): Promise<void> {
    await this.collection();
    await super.start();
    const interval = this.options.slaSweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => void this.sweep(new Date().toISOString()).catch((error) => this.logger.error({ msg: 'SLA sweep failed', error: String(error) })), interval);
      this.timer.unref();
    }
  }

  override async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
    await super.stop();
  }

  /** Sets (or drops) the case's next alarm from its events as they stand. */
  async watch(stationId: string, caseId: string, now: string): Promise<void> {
    const watches = await this.collection();
    const state = await this.streams.caseState(stationId, caseId);
    const next = state.status === 'none' ? undefined : pendingAlarms(state, now)[0];
    const id = casesStreams.case(stationId, caseId);
    if (next) await watches.upsert({ _id: id, stationId, caseId, nextAlarmAt: next.at });
    else await watches.delete(id);
  }

  /** Records every alarm due at `now`; returns how many events it appended. One sweep at a time. */
  async sweep(now: string): Promise<number> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweepOnce(now).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepOnce(now: string): Promise<number> {
    const watches = await this.collection();
    let appended = 0;
    for (;;) {
      const due = await watches.find({ nextAlarmAt: { $lte: now } }, { sort: { nextAlarmAt: 1 }, limit: SWEEP_BATCH });
      let recorded = 0;
      for (const watch of due) {
        recorded += await this.raise(watch.stationId, watch.caseId, now);
        await this.watch(watch.stationId, watch.caseId, now);
      }
      appended += recorded;
      // A full batch in which nothing could be recorded (every case raced a command) is left to the next sweep.
      if (due.length < SWEEP_BATCH || recorded === 0) return appended;
    }
  }

  private async raise(stationId: string, caseId: string, now: string): Promise<number> {
    const state = await this.streams.caseState(stationId, caseId);
    if (state.status === 'none') return 0;
    const context: CommandContext = { actor: { userId: 'case-management', role: 'system' }, correlationId: `sla-sweep-${now}`, now };
    const streamId = casesStreams.case(stationId, caseId);
    let appended = 0;
    for (const alarm of dueAlarms(state, now)) {
      const command =
        alarm.kind === 'sla'
          ? { type: 'RaiseSlaAlert' as const, data: { caseId, target: alarm.target, level: alarm.level } }
          : { type: 'RaiseCourtConfirmationReminder' as const, data: { caseId } };
      try {
        const result = await this.streams.runCase(stationId, command, context, causedEventIds(`${streamId}|${alarmKey(alarm)}`));
        if (!result.alreadyHandled) appended += result.events.length;
      } catch (error) {
        // A command that raced this one changed the case: the next sweep looks again at what it now owes.
        if (error instanceof WrongExpectedVersionError || error instanceof DomainError) return appended;
        throw error;
      }
    }
    return appended;
  }

  private async collection(): Promise<Collection<WatchDocument>> {
    this.watches ??= await this.documents.collection<WatchDocument>(SLA_WATCH_COLLECTION, { indexes: [{ fields: { nextAlarmAt: 1 } }] });
    return this.watches;
  }
}

function alarmKey(alarm: Alarm): string {
  return alarm.kind === 'sla' ? `${alarm.level}|${alarm.target}` : 'court-confirmation-reminder';
}
