import Fastify, { type FastifyInstance } from 'fastify';
import { sendFrameworkErrorProblem } from './framework-errors';

let fastify: FastifyInstance;

beforeAll(async () => {
  fastify = Fastify({ frameworkErrors: sendFrameworkErrorProblem, genReqId: () => 'corr-1' });
  fastify.get('/stations/:stationId/cases/:caseId', async () => ({ found: true }));
  await fastify.ready();
});

afterAll(async () => {
  await fastify.close();
});

describe('when the router cannot read the path', () => {
  it('answers a broken percent-encoding with 400 problem+json and does not echo it', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/stations/guangrui-1/cases/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request path is not valid percent-encoded text.',
      instance: '/stations/guangrui-1/cases/%E0%A4%25A',
      correlationId: 'corr-1',
    });
  });

  it('answers a path segment over the length limit with 414 problem+json, the instance cut short', async () => {
    const response = await fastify.inject({ method: 'GET', url: `/stations/guangrui-1/cases/${'a'.repeat(5000)}` });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ title: 'URI Too Long', status: 414, correlationId: 'corr-1' });
    expect(problem.detail).toBe('A segment of the request path is longer than any id this API issues.');
    expect(problem.instance.length).toBeLessThanOrEqual(201);
  });

  it('leaves a readable path to its route', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/stations/guangrui-1/cases/c-1' });
    expect(response.json()).toEqual({ found: true });
  });
});
