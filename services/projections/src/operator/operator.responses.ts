import { arrayOf, dateTime, integer, nullable, object, oneOf, record, Schema, string } from '../openapi/response-schema';

const BUILD_FIELDS: Record<string, Schema> = {
  version: integer(),
  build: integer(),
  group: string('The consumer group of the build'),
  collections: record(string(), 'Physical collection by logical name'),
  startedAt: dateTime(),
};
const BUILD = object(BUILD_FIELDS);

/** Every projection: its build, position, head and lag, and a rebuild in progress (GET /operator/projections). */
export const PROJECTIONS_SCHEMA: Schema = object({
  projections: arrayOf(
    object({
      name: string(),
      version: integer(),
      state: oneOf(['live', 'rebuilding']),
      active: nullable(BUILD),
      position: nullable(integer('Null while queries read a previous version nothing feeds')),
      headPosition: integer(),
      lag: nullable(integer()),
      rebuild: nullable(object({ ...BUILD_FIELDS, position: integer(), lag: integer() })),
    }),
  ),
});

/** A rebuild started (202), or finished and serving queries (200 with `wait=true`). */
export const REBUILD_SCHEMA: Schema = object({ projection: string(), build: BUILD, state: oneOf(['rebuilding', 'live']) });

/** The dead letters, without the events' data (GET /operator/dead-letters). */
export const DEAD_LETTERS_SCHEMA: Schema = object({
  deadLetters: arrayOf(
    object({
      id: string(),
      group: string(),
      error: string(),
      attempts: integer(),
      deadLetteredAt: dateTime(),
      replayedAt: nullable(dateTime()),
      event: object({
        id: string(),
        type: string(),
        schemaVersion: integer(),
        streamId: string(),
        streamVersion: integer(),
        position: integer(),
        tenantId: string(),
        occurredAt: dateTime(),
      }),
    }),
  ),
});
