import type { ApiResponseSchemaHost } from '@nestjs/swagger';

/**
 * Small builders for the response schemas of the read side's OpenAPI document. The read models are plain documents
 * typed in TypeScript, not classes, so their shapes are written out here once, for clients and the API fuzzing sweep.
 */
export type Schema = ApiResponseSchemaHost['schema'];

export const string = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
export const integer = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
export const number = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) });
export const boolean = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const date = (description = 'YYYY-MM-DD'): Schema => ({ type: 'string', format: 'date', description });
export const dateTime = (description?: string): Schema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
export const month = (description = 'YYYY-MM'): Schema => ({ type: 'string', pattern: '^\\d{4}-\\d{2}$', description });
/** An amount of money in fen (1/100 yuan), as every read model keeps it. */
export const fen = (description = 'Amount in fen (1/100 yuan)'): Schema => integer(description);
export const oneOf = (values: readonly string[], description?: string): Schema => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const arrayOf = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });

/** The same schema, admitting null. */
export function nullable(schema: Schema): Schema {
  return { ...schema, nullable: true };
}

/** An object with every listed property required (the read models always write every field, null when unknown). */
export function object(properties: Record<string, Schema>, description?: string): Schema {
  return { type: 'object', required: Object.keys(properties), properties, ...(description ? { description } : {}) };
}

/** A map from keys to values of one schema. */
export function record(values: Schema, description?: string): Schema {
  return { type: 'object', additionalProperties: values, ...(description ? { description } : {}) };
}

/** The position the read model had reached when it answered: null while no consumer feeds it. */
export const position = (): Schema => nullable(integer('The position of the log the read model had reached when it answered'));

/** Paging fields every paged list answers with. */
export const paging = (): Record<string, Schema> => ({
  page: integer('The page asked for, from 1'),
  pageSize: integer('Items per page'),
  total: integer('Items over all pages'),
});

/** One page of a list query: `items`, paging and the read model's position, with any further fields of the list. */
export function page(item: Schema, extra: Record<string, Schema> = {}, description?: string): Schema {
  return object({ ...extra, items: arrayOf(item), ...paging(), position: position() }, description);
}

/** A chain-wide answer: the chain's figures and the same per station. */
export function withStations(schema: Schema, station: Schema): Schema {
  return { ...schema, required: [...(schema.required ?? []), 'stations'], properties: { ...schema.properties, stations: arrayOf(station) } };
}
