/**
 * What the brokerage needs from its host (the embedded platform, or its own process in distributed mode). String
 * tokens, shared by convention with the other services' modules, so one infrastructure module provides them all;
 * tenancy's ORG_DIRECTORY comes with `TenancyModule`.
 */
export const EVENT_STORE = 'EventStore';
export const MESSAGE_BUS = 'MessageBus';
export const FIELD_CIPHER = 'PersonalDataCipher';
export const KEY_STORE = 'KeyStore';
export const BROKERAGE_OPTIONS = 'BrokerageOptions';

export interface BrokerageOptions {
  /** Called after each append so in-process consumers wake at once (embedded mode). */
  onAppended?: () => void;
  /**
   * How long a month's close waits for the brokerage's own reactions (invoicing, ledger postings) to book
   * everything recorded before it; default 5000 ms. A close that cannot wait answers 409 and may be retried.
   */
  reactionsCatchUpTimeoutMs?: number;
}
