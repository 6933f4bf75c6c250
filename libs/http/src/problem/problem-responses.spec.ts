import type { OpenAPIObject } from '@nestjs/swagger';
import { documentProblemResponses } from './problem-responses';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 'Test', version: '1' },
  security: [{ bearer: [] }],
  components: { schemas: { OpenCaseRequest: { type: 'object' } } },
  paths: {
    '/stations/{stationId}/cases': {
      post: {
        parameters: [{ name: 'stationId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenCaseRequest' } } } },
        responses: { '201': { description: 'Opened' }, '403': { description: 'Only staff of the station' } },
      },
    },
    '/operator/projections': { get: { responses: { '200': { description: 'The projections' } } } },
    '/volunteer-records/{serial}': {
      get: {
        security: [],
        parameters: [{ name: 'serial', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Genuine' } },
      },
    },
  },
});

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };

describe('when the document is completed with the problem answers', () => {
  const completed = documentProblemResponses(document());

  it('documents bad input, no token, not allowed, not found, conflict and refusal on a write with input', () => {
    const responses = completed.paths['/stations/{stationId}/cases']?.post?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422']);
    expect(responses['400']).toEqual({ description: expect.stringContaining('not valid'), content: problem });
  });

  it('keeps what a controller documented, adding only the problem body', () => {
    const responses = completed.paths['/stations/{stationId}/cases']?.post?.responses ?? {};
    expect(responses['201']).toEqual({ description: 'Opened' });
    expect(responses['403']).toEqual({ description: 'Only staff of the station', content: problem });
  });

  it('adds to a read without input or ids only what a token check can answer', () => {
    expect(Object.keys(completed.paths['/operator/projections']?.get?.responses ?? {}).sort()).toEqual(['200', '401', '403']);
  });

  it('documents no 401 or 403 on a public operation', () => {
    expect(Object.keys(completed.paths['/volunteer-records/{serial}']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '404']);
  });

  it('adds the problem schema beside the existing ones', () => {
    expect(Object.keys(completed.components?.schemas ?? {}).sort()).toEqual(['FieldError', 'OpenCaseRequest', 'ProblemDetails']);
  });
});
