export { BrokerageModule } from './brokerage.module';
export { BROKERAGE_OPTIONS, EVENT_STORE, FIELD_CIPHER, KEY_STORE, MESSAGE_BUS } from './application/brokerage.tokens';
export type { BrokerageOptions } from './application/brokerage.tokens';
export { BrokerageReactions } from './reactions/brokerage-reactions';
