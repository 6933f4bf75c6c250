/** The subset of OpenAPI 3.0 schema the read side documents its responses with (see openapi/response-schema.ts). */
export interface DocumentedSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, DocumentedSchema>;
  additionalProperties?: DocumentedSchema | boolean;
  items?: DocumentedSchema;
  allOf?: DocumentedSchema[];
}

/**
 * Where `value` departs from `schema`, as `path: problem` lines (empty when it conforms). Objects are checked for the
 * properties they document: `allOf` composes object schemas, so extra properties are not an error unless
 * `additionalProperties` gives their schema.
 */
export function conformanceProblems(value: unknown, schema: DocumentedSchema, components: Record<string, DocumentedSchema> = {}, path = '$'): string[] {
  if (schema.$ref) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    return target ? conformanceProblems(value, target, components, path) : [`${path}: unknown reference ${schema.$ref}`];
  }
  if (value === null) return schema.nullable || schema.type === undefined ? [] : [`${path}: null where the schema does not admit it`];
  const problems = (schema.allOf ?? []).flatMap((part) => conformanceProblems(value, part, components, path));
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case undefined:
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [...problems, `${path}: not an object`];
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: missing`);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (key in record) problems.push(...conformanceProblems(record[key], property, components, `${path}.${key}`));
      }
      if (typeof schema.additionalProperties === 'object') {
        for (const [key, entry] of Object.entries(record)) {
          if (!(key in (schema.properties ?? {}))) problems.push(...conformanceProblems(entry, schema.additionalProperties, components, `${path}.${key}`));
        }
      }
      break;
    }
    case 'array':
      if (!Array.isArray(value)) return [...problems, `${path}: not an array`];
      value.forEach((item, index) => problems.push(...(schema.items ? conformanceProblems(item, schema.items, components, `${path}[${index}]`) : [])));
      break;
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      break;
    default:
      if (typeof value !== schema.type) problems.push(`${path}: ${JSON.stringify(value)} is not a ${schema.type}`);
  }
  return problems;
}
