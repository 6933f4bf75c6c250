export { VolunteeringModule } from './volunteering.module';
export { EVENT_STORE, FIELD_CIPHER, KEY_STORE, MESSAGE_BUS, VOLUNTEERING_OPTIONS } from './application/volunteering.tokens';
export type { VolunteeringOptions } from './application/volunteering.tokens';
export { VolunteeringStreams } from './application/volunteering-streams';
export { VolunteeringReactions } from './reactions/volunteering-reactions';
