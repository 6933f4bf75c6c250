import { ORG_DIRECTORY } from '@kinship/tenancy';

/**
 * What the projections service takes from its host (the embedded platform, or its own process when
 * distributed). String tokens shared by convention with the other services' modules, so one
 * infrastructure module can provide them all.
 */
/** A `DocumentStore` (@kinship/documents) holding the read models, `projection-meta` and the directory audit. */
export const DOCUMENT_STORE = 'DocumentStore';
/** A `MessageBus` (@kinship/messaging) the projections subscribe on. */
export const MESSAGE_BUS = 'MessageBus';
/** A `DeadLetterStore` (@kinship/messaging) the operator endpoints list and replay. */
export const DEAD_LETTER_STORE = 'DeadLetterStore';
/** Anything with `headPosition()` (the `EventStore` the bus follows), for lag and rebuild catch-up. */
export const EVENT_STORE = 'EventStore';
/** A `FieldCipher` (@kinship/privacy `PersonalDataCipher`): decrypts `personal` to index and to mask. */
export const PERSONAL_DATA_CIPHER = 'PersonalDataCipher';
/** A `KeyedHasher` (@kinship/privacy): the same master key as the registry's, or searches match nothing. */
export const KEYED_HASHER = 'KeyedHasher';
/** The `OrgDirectory` of @kinship/tenancy, provided globally by `TenancyModule.forRoot`. */
export { ORG_DIRECTORY };

/** The options given to `ProjectionsModule.forRoot`. */
export const PROJECTIONS_OPTIONS = 'ProjectionsOptions';
