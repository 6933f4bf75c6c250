import {
  CaseEvent,
  casesStreams,
  EventContract,
  registryStreams,
  ResidentPersonalDataErased,
  ResidentRegistered,
  ResidentTransferredIn,
  ResidentTransferredOut,
} from '@kinship/contracts';
import { SqliteEventStore, uuidv7 } from '@kinship/eventsourcing';
import { KeyedHasher, PersonalDataCipher } from '@kinship/privacy';
import { appendGivenEvent, GUANGRUI_CALLERS, HUISHAN_CHAIN, ServiceTestApp, startServiceTestApp } from '@kinship/testing';
import type { z } from 'zod';
import { CaseManagementModule } from '../case-management.module';
import { RegistryReactions } from '../reactions/registry-reactions';
import { SlaSweep } from '../sla/sla-sweep';

export type { HttpReply, JsonBody } from '@kinship/testing';

/**
 * Case management served the way the platform serves it (the shared service harness of @kinship/testing: tenancy's
 * guard with real tokens, the embedded adapters on files of one temp directory). The registry is not running: its
 * events are appended as it writes them, following the contracts.
 */

export const CALLERS = { ...GUANGRUI_CALLERS, otherManager: { role: 'center-manager', org: 'huishan' } } as const;

export type Caller = keyof typeof CALLERS;
/** The methods of case management's routes. */
export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface CaseManagementTestApp extends ServiceTestApp<Caller> {
  readonly sweep: SlaSweep;
  readonly reactions: RegistryReactions;
  /** Registers a resident at the station, as the registry does; returns the resident id. */
  register(stationId: string): Promise<string>;
  /** Transfers a resident, as the registry does: out at the old station, then in at the new one. */
  transfer(residentId: string, fromStationId: string, toStationId: string): Promise<number>;
  /** Erases a resident, as the registry does: the erasure event, then the resident's key. */
  erase(stationId: string, residentId: string): Promise<number>;
  /** Opens a case (as a station staff member) and returns its id; fails the test unless answered 201. */
  openCase(stationId: string, overrides?: Record<string, unknown>): Promise<string>;
  caseEvents(stationId: string, caseId: string): Promise<CaseEvent[]>;
}

export async function startCaseManagementTestApp(): Promise<CaseManagementTestApp> {
  const t = await startServiceTestApp({
    service: 'case-management',
    modules: [CaseManagementModule.forRoot({ slaSweepIntervalMs: 0 })],
    callers: CALLERS,
    orgUnits: HUISHAN_CHAIN,
  });
  const registry = new RegistryEvents(t.events, t.cipher, t.hasher);
  return Object.assign(t, {
    sweep: t.app.get(SlaSweep),
    reactions: t.app.get(RegistryReactions),
    register: (stationId: string) => registry.register(stationId),
    transfer: (residentId: string, from: string, to: string) => registry.transfer(residentId, from, to),
    async erase(stationId: string, residentId: string) {
      const position = await registry.append(registryStreams.resident(stationId, residentId), ResidentPersonalDataErased, stationId, {
        residentId,
        requestedBy: 'the resident',
        reason: 'asked to be forgotten',
      });
      await t.keys.erase(residentId);
      return position;
    },
    async openCase(stationId: string, overrides: Record<string, unknown> = {}) {
      const caller: Caller = stationId === 'guangyi' ? 'staffGuangyi' : 'staffGuangrui1';
      const body = await t.ok<{ caseId: string }>(caller, `/stations/${stationId}/cases`, {
        residentIds: [await registry.register(stationId)],
        group: 'rights-protection',
        category: 'wage-arrears',
        description: '工地拖欠三个月工资，共计一万二千元',
        channel: 'walk-in',
        consentScope: ['labour-inspection'],
        ...overrides,
      });
      return body.caseId;
    },
    caseEvents: async (stationId: string, caseId: string) => (await t.events.readStream(casesStreams.case(stationId, caseId))) as unknown as CaseEvent[],
  });
}

/** Appends registry events the way the registry writes them, checked against the contracts. */
class RegistryEvents {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly events: SqliteEventStore,
    private readonly cipher: PersonalDataCipher,
    private readonly hasher: KeyedHasher,
  ) {}

  async append<S extends z.ZodType>(streamId: string, contract: EventContract<string, S>, tenantId: string, data: z.input<S>): Promise<number> {
    const result = await appendGivenEvent(this.events, streamId, contract, data, {
      tenantId,
      source: 'registry',
      actor: { userId: 'registry-staff', role: 'station-staff' },
      expectedVersion: this.versions.get(streamId) ?? 'no-stream',
    });
    this.versions.set(streamId, result.nextExpectedVersion);
    return result.position;
  }

  async register(stationId: string): Promise<string> {
    const residentId = uuidv7();
    await this.append(registryStreams.resident(stationId, residentId), ResidentRegistered, stationId, {
      residentId,
      stationId,
      ...(await this.identity(residentId)),
      arrivalDate: '2026-01-10',
      compound: '广瑞一村',
      childrenNeedingSchool: [],
      consent: { given: true, recordedAt: '2026-01-10T03:00:00+08:00', scope: ['registry', 'services'] },
    });
    return residentId;
  }

  async transfer(residentId: string, fromStationId: string, toStationId: string): Promise<number> {
    await this.append(registryStreams.resident(fromStationId, residentId), ResidentTransferredOut, fromStationId, {
      residentId,
      toStationId,
      transferredOn: '2026-03-01',
    });
    return this.append(registryStreams.resident(toStationId, residentId), ResidentTransferredIn, toStationId, {
      residentId,
      stationId: toStationId,
      fromStationId,
      transferredOn: '2026-03-01',
      ...(await this.identity(residentId)),
      arrivalDate: '2026-01-10',
      compound: '广益新村',
      childrenNeedingSchool: [],
      consent: { given: true, recordedAt: '2026-01-10T03:00:00+08:00', scope: ['registry'] },
      permit: { status: 'none' },
    });
  }

  private async identity(residentId: string) {
    const idNumber = `32021119900101${String(this.versions.size).padStart(4, '0')}`;
    const personal = { name: '王秀英', idNumber, phone: '13812345678', birthDate: '1990-01-01', address: { building: '12', unit: '2' } };
    return {
      personal: await this.cipher.encrypt(residentId, personal),
      idNumberHash: this.hasher.hashIdNumber(idNumber),
      sex: 'female' as const,
      origin: { province: '安徽省', city: '阜阳市' },
    };
  }
}
