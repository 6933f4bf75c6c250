export { CaseManagementModule } from './case-management.module';
export {
  CASE_MANAGEMENT_OPTIONS,
  DOCUMENT_STORE,
  EVENT_STORE,
  FIELD_CIPHER,
  KEY_STORE,
  MESSAGE_BUS,
} from './application/case-management.tokens';
export type { CaseManagementOptions } from './application/case-management.tokens';
export { CaseStreams } from './application/case-streams';
export { SlaSweep, SLA_WATCH_COLLECTION, SLA_WATCH_GROUP } from './sla/sla-sweep';
export { RegistryReactions, REGISTRY_REACTIONS_GROUP } from './reactions/registry-reactions';
export { caseDecider } from './case/case.decider';
export type { CaseCommand, CaseState, CaseRecord, CaseStatus } from './case/case.decider';
export { DEFAULT_SLA_POLICY } from './sla-policy/sla-policy.decider';
