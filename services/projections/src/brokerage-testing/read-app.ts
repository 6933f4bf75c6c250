import { Role } from '@kinship/contracts';
import { openProjectionsApp } from '../testing/projections-app.fixture';
import { TestInfrastructure } from '../testing/registry-fixture';

/** Who the brokerage's read-model specs ask as: a role at an org unit. */
export const READERS = {
  staff: ['station-staff', 'guangrui-1'],
  manager: ['center-manager', 'guangrui'],
  guangyi: ['station-staff', 'guangyi'],
  huishan: ['center-manager', 'huishan'],
  analyst: ['district-analyst', 'liangxi'],
  operator: ['operator', 'liangxi'],
} as const satisfies Record<string, readonly [Role, string]>;

export type Reader = keyof typeof READERS;

export type ReadApp = Awaited<ReturnType<typeof openReadApp>>;

/** The projections service on the given infrastructure, with a token for every reader; `get` parses the JSON body. */
export async function openReadApp(infra: TestInfrastructure) {
  const http = await openProjectionsApp(infra, { readYourWritesTimeoutMs: 2000 });
  const tokens = new Map<Reader, string>();
  for (const [reader, [role, org]] of Object.entries(READERS) as Array<[Reader, readonly [Role, string]]>) tokens.set(reader, await http.token(role, org));
  return {
    async get(url: string, who?: Reader) {
      const response = await http.app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens.get(who)}` } : {} });
      return { status: response.statusCode, body: response.json(), type: String(response.headers['content-type']) };
    },
    close: () => http.close(),
  };
}
