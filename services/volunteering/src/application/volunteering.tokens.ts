/**
 * What volunteering needs from its host (the embedded platform, or its own process when distributed). String
 * tokens shared by convention with the other services' modules, so one infrastructure module provides them all.
 */
export const EVENT_STORE = 'EventStore';
export const MESSAGE_BUS = 'MessageBus';
export const FIELD_CIPHER = 'PersonalDataCipher';
export const KEY_STORE = 'KeyStore';
export const VOLUNTEERING_OPTIONS = 'VolunteeringOptions';

export interface VolunteeringOptions {
  /** The district whose volunteer records (and residents' links) this service keeps. */
  districtId: string;
  /** Called after each append so in-process consumers wake at once (embedded mode). */
  onAppended?: () => void;
  /** Subscribe the reactions (surplus to the aid fund, hours from attendance and visits, erasure); default true. */
  reactions?: boolean;
}
