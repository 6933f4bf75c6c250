/**
 * What case management needs from its host (the embedded platform or its own process when distributed): string
 * tokens shared by convention with the other services' modules, so one infrastructure module provides them all;
 * plus tenancy's ORG_DIRECTORY.
 */
/** An `EventStore` (@kinship/eventsourcing): case, case-file and SLA-policy streams; the registry's streams are read. */
export const EVENT_STORE = 'EventStore';
/** A `MessageBus` (@kinship/messaging): the reactions to the registry and the SLA watch subscribe on it. */
export const MESSAGE_BUS = 'MessageBus';
/** A `DocumentStore` (@kinship/documents): the SLA watch keeps its timers there. */
export const DOCUMENT_STORE = 'DocumentStore';
/** A `FieldCipher` (@kinship/privacy): encrypts a case's free text under the case's own key. */
export const FIELD_CIPHER = 'PersonalDataCipher';
/** A `KeyStore` (@kinship/privacy): a case's key is erased with any of its residents. */
export const KEY_STORE = 'KeyStore';
export const CASE_MANAGEMENT_OPTIONS = 'CaseManagementOptions';

export interface CaseManagementOptions {
  /** Called after each append so in-process consumers wake at once (embedded mode). */
  onAppended?: () => void;
  /** How often the SLA sweep records due warnings, breaches and court-confirmation reminders; 0 turns it off (default 60 s). */
  slaSweepIntervalMs?: number;
  /** Subscribe the reactions to the registry and the SLA watch when the application boots (default true). */
  subscribe?: boolean;
}
