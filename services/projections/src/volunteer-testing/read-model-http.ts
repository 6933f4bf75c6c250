import { Role } from '@kinship/contracts';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { VolunteeringWriter } from './volunteering-writer';

export interface ReadReply<T> {
  status: number;
  contentType: string;
  body: T;
  text: string;
}

/** GETs a read-model URL as a user of that role at that org unit (or with no token when `as` is null). */
export async function readAs<T = Record<string, unknown>>(http: ProjectionsTestApp, as: [Role, string] | null, url: string): Promise<ReadReply<T>> {
  const headers = as === null ? {} : { authorization: `Bearer ${await http.token(as[0], as[1])}` };
  const response = await http.app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: response.json() as T, text: response.body };
}

/** The callers a station's read model must refuse: other stations, other chains, and the roles without station data. */
export const OUTSIDERS: ReadonlyArray<[Role, string]> = [
  ['station-staff', 'guangyi'],
  ['center-manager', 'huishan'],
  ['operator', 'liangxi'],
  ['district-analyst', 'liangxi'],
];

/**
 * Registers the hooks of a read model's HTTP spec: real infrastructure seeded by `seed` (which returns the last
 * position it wrote), then the projections app over it; both closed after the file's tests.
 */
export function readModelSpec(seed: (write: VolunteeringWriter, infra: TestInfrastructure) => Promise<number>): { http(): ProjectionsTestApp; head(): number } {
  let infra: TestInfrastructure | undefined;
  let http: ProjectionsTestApp | undefined;
  let head = 0;
  beforeAll(async () => {
    infra = await openTestInfrastructure();
    head = await seed(new VolunteeringWriter(infra.events, infra.cipher), infra);
    http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await http?.close();
    await infra?.close();
  });
  return {
    http: () => {
      if (!http) throw new Error('The read model spec has not started yet');
      return http;
    },
    head: () => head,
  };
}
