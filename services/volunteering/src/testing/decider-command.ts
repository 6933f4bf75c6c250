import { CommandMetadata } from '@kinship/eventsourcing';

/** A command of a decider spec, issued at `now` by a member of the station's staff. */
export function issuedAt<C extends { metadata: CommandMetadata }>(command: { type: string; data: unknown }, now: string, tenantId = 'guangrui-1'): C {
  return { ...command, metadata: { now, actor: { userId: 'staff-7', role: 'station-staff' }, correlationId: 'corr-1', tenantId } } as unknown as C;
}

/** 10:00 at the station on that day. */
export const atTenOn = (date: string) => `${date}T02:00:00.000Z`;
