import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const PROBLEM_SCHEMA = 'ProblemDetails';
const FIELD_ERROR_SCHEMA = 'FieldError';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const WRITES: ReadonlySet<string> = new Set(['put', 'post', 'delete', 'patch']);

const DESCRIPTIONS: Record<string, string> = {
  '400': 'The request is not valid: a field, query or path parameter is wrong (`errors` names each)',
  '401': 'No valid bearer token',
  '403': 'The caller’s role or org unit may not do this',
  '404': 'Nothing of this id here',
  '409': 'The resource’s state does not allow this now, or it changed meanwhile',
  '422': 'The request is well-formed but the domain refuses it',
};

/**
 * Adds the RFC 9457 problem+json answers each operation can give (bad input, no token, not allowed, not found,
 * conflict, refusal) to the OpenAPI document, beside the success the controllers document, so clients and API
 * fuzzers know every status the edge sends. Leaves a response a controller documented itself as it is.
 */
export function documentProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = { ...schemas, ...problemSchemas() };
  const securedByDefault = (document.security ?? []).length > 0;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const secured = operation.security === undefined ? securedByDefault : operation.security.some((requirement) => Object.keys(requirement).length > 0);
      const statuses = [
        ...(takesInput(operation) ? ['400'] : []),
        ...(secured ? ['401', '403'] : []),
        ...(path.includes('{') ? ['404'] : []),
        ...(WRITES.has(method) ? ['409', '422'] : []),
      ];
      operation.responses = withProblems(operation.responses, statuses);
    }
  }
  return document;
}

function takesInput(operation: Operation): boolean {
  return operation.requestBody !== undefined || (operation.parameters ?? []).length > 0;
}

function withProblems(responses: Responses, statuses: string[]): Responses {
  const merged: Responses = { ...responses };
  for (const status of statuses) {
    const documented = merged[status] as { description?: string; content?: unknown } | undefined;
    if (documented?.content) continue;
    merged[status] = {
      description: documented?.description || DESCRIPTIONS[status],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } },
    };
  }
  return merged;
}

function problemSchemas(): NonNullable<NonNullable<OpenAPIObject['components']>['schemas']> {
  return {
    [FIELD_ERROR_SCHEMA]: {
      type: 'object',
      required: ['field', 'message'],
      properties: { field: { type: 'string', example: 'address.street' }, message: { type: 'string' } },
    },
    [PROBLEM_SCHEMA]: {
      type: 'object',
      required: ['type', 'title', 'status', 'detail', 'instance', 'correlationId'],
      properties: {
        type: { type: 'string', example: 'https://kinship.dev/problems/validation-failed' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        correlationId: { type: 'string' },
        code: { type: 'string', description: 'The stable, machine-readable code of a Kinship problem type' },
        details: { type: 'object', additionalProperties: true },
        errors: { type: 'array', items: { $ref: `#/components/schemas/${FIELD_ERROR_SCHEMA}` } },
      },
    },
  };
}
