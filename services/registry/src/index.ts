export { RegistryModule } from './registry.module';
export { EVENT_STORE, FIELD_CIPHER, KEYED_HASHER, KEY_STORE, MESSAGE_BUS, REGISTRY_OPTIONS } from './application/registry.tokens';
export type { RegistryOptions } from './application/registry.tokens';
export { RegistryStreams } from './application/registry-streams';
export { RegisterResidentHandler } from './resident/register-resident/register-resident.handler';
export { RegisterResidentRequest } from './resident/register-resident/register-resident.request.dto';
export { RecordCensusHandler } from './census/record-census/record-census.handler';
export { RecordCensusRequest } from './census/record-census/record-census.request.dto';
