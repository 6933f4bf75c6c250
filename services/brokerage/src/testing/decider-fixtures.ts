import { brokerageEventContracts } from '@kinship/contracts';
import { CommandMetadata } from '@kinship/eventsourcing';

/** For decider specs: a fixed "now" (2026-05-20 at the stations) and who acts. */
export const TODAY = '2026-05-20';
export const NOW = '2026-05-20T02:00:00.000Z';
export const STATION = 'guangrui-1';

export function metadata(overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return { now: NOW, actor: { userId: 'staff-1', role: 'station-staff' }, correlationId: 'corr-1', tenantId: STATION, ...overrides };
}

/** The metadata of a station lead's command. */
export function leadMetadata(): CommandMetadata {
  return metadata({ actor: { userId: 'lead-1', role: 'station-lead' } });
}

/** Every decided and given event must parse with its contract. */
export const specOptions = { contracts: brokerageEventContracts };
