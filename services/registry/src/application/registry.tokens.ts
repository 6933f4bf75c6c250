/**
 * What the registry needs from its host (the embedded platform or its own process in distributed mode).
 * String tokens, shared by convention with the other services' modules, so one infrastructure module can
 * provide them all.
 */
export const EVENT_STORE = 'EventStore';
export const FIELD_CIPHER = 'PersonalDataCipher';
export const KEYED_HASHER = 'KeyedHasher';
export const KEY_STORE = 'KeyStore';
/** The bus the registry's reactions subscribe on; optional: without it the reactions do not run. */
export const MESSAGE_BUS = 'MessageBus';
export const REGISTRY_OPTIONS = 'RegistryOptions';

export interface RegistryOptions {
  /** The district whose ID-number claims this registry keeps. */
  districtId: string;
  /** Called after each append so in-process consumers wake at once (embedded mode). */
  onAppended?: () => void;
}
