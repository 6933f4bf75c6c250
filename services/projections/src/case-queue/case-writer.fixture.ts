import { CaseEvent, caseTextSubject, casesEventContracts, casesStreams, DEFAULT_WORKING_CALENDAR, NewEvent, SlaTerms } from '@kinship/contracts';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { PersonalDataCipher } from '@kinship/privacy';

/** 240 business minutes to take a case up, two business days to resolve it. */
export const TEST_TERMS: SlaTerms = {
  policyVersion: 1,
  responseMinutes: 240,
  resolutionMinutes: 1080,
  warningRatio: 0.8,
  reopenWindowDays: 30,
  calendar: DEFAULT_WORKING_CALENDAR,
};

type DataOf<T extends CaseEvent['type']> = Omit<Extract<CaseEvent, { type: T }>['data'], 'caseId' | 'at'>;

/** Appends case events the way case management writes them, checked against the contracts. */
export class CaseWriter {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly events: SqliteEventStore,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Appends one event to the case's stream at the station; returns its global position. */
  async append<T extends CaseEvent['type']>(
    stationId: string,
    caseId: string,
    type: T,
    data: DataOf<T>,
    options: { at?: string; userId?: string } = {},
  ): Promise<number> {
    const contract = casesEventContracts.find((c) => c.type === type);
    if (!contract) throw new Error(`No contract for ${type}`);
    const at = options.at ?? new Date().toISOString();
    const streamId = casesStreams.case(stationId, caseId);
    const event: NewEvent = {
      id: uuidv7(),
      type,
      schemaVersion: contract.schemaVersion,
      tenantId: stationId,
      occurredAt: at,
      data: contract.schema.parse({ caseId, ...data, at }),
      metadata: { correlationId: uuidv7(), causationId: null, actor: { userId: options.userId ?? 'worker-li', role: 'station-staff' }, source: 'case-management' },
    };
    const result = await this.events.append(streamId, [event], { expectedVersion: this.versions.get(streamId) ?? 'no-stream' });
    this.versions.set(streamId, result.nextExpectedVersion);
    return result.lastPosition;
  }

  /** Opens a case with its description encrypted under the case's key; returns the case id and position. */
  async open(
    stationId: string,
    overrides: Partial<DataOf<'cases.case-opened'>> & { at?: string; description?: string } = {},
  ): Promise<{ caseId: string; position: number }> {
    const caseId = uuidv7();
    const { at, description, ...data } = overrides;
    const position = await this.append(
      stationId,
      caseId,
      'cases.case-opened',
      {
        stationId,
        residentIds: ['res-1'],
        group: 'rights-protection',
        category: 'wage-arrears',
        priority: 'normal',
        channel: 'walk-in',
        consentScope: ['labour-inspection'],
        terms: TEST_TERMS,
        ...data,
        description: await this.encrypt(caseId, description ?? '工地拖欠工资'),
      },
      { at },
    );
    return { caseId, position };
  }

  encrypt(caseId: string, text: string): Promise<string> {
    return this.cipher.encrypt(caseTextSubject(caseId), text);
  }
}
