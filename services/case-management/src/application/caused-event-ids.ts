import { deterministicUuid, RunOptions } from '@kinship/eventsourcing';

/** Namespace of the ids case management derives from what causes its commands. */
export const CASE_MANAGEMENT_NAMESPACE = '6f1d2c8e-3b4a-4e5f-9a7b-8c0d1e2f3a4b';

/**
 * Run options for a command that may be repeated (a redelivered event, a repeated sweep): the id of the one event it
 * decides derives from `name`, so a repetition finds it already written and appends nothing.
 */
export function causedEventIds(name: string, causationId?: string): RunOptions {
  return {
    eventIds: [deterministicUuid(CASE_MANAGEMENT_NAMESPACE, name)],
    ...(causationId ? { causationId } : {}),
  };
}
