import { Role } from '@kinship/contracts';
import { GUANGRUI_ORG_UNITS, OrgUnit } from '@kinship/tenancy';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { OTHER_CHAIN_UNITS, openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';

/** A second district, whose units no analyst of Liangxi may see named. */
const OTHER_DISTRICT: readonly OrgUnit[] = [
  { id: 'xishan', kind: 'district', parentId: null, name: 'Xishan District' },
  { id: 'donggang', kind: 'center', parentId: 'xishan', name: 'Donggang Service Center' },
  { id: 'donggang-1', kind: 'station', parentId: 'donggang', name: 'Donggang No.1 station' },
];

const ids = (units: readonly OrgUnit[]) => units.map((unit) => unit.id);

describe('the org units over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    for (const unit of OTHER_DISTRICT) await infra.org.add({ ...unit });
    http = await openProjectionsApp(infra);
  });

  afterAll(async () => {
    await http?.close();
    await infra?.close();
  });

  async function units(as: [Role, string] | null) {
    const headers: Record<string, string> = as === null ? {} : { authorization: `Bearer ${await http.token(as[0], as[1])}` };
    const response = await http.app.inject({ method: 'GET', url: '/org/units', headers });
    return { status: response.statusCode, type: String(response.headers['content-type']), body: response.json() as { units: OrgUnit[] } };
  }

  it("names a district analyst's district, its centers and their stations, and nothing of another district", async () => {
    const { status, body } = await units(['district-analyst', 'liangxi']);

    expect(status).toBe(200);
    expect(body.units).toEqual([
      { id: 'liangxi', kind: 'district', parentId: null, name: 'Liangxi District' },
      { id: 'guangrui', kind: 'center', parentId: 'liangxi', name: 'Guangrui New Citizen Service Center' },
      { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Service Center' },
      { id: 'guangrui-1', kind: 'station', parentId: 'guangrui', name: 'Guangrui No.1 Village station' },
      { id: 'guangyi', kind: 'station', parentId: 'guangrui', name: 'Guangyi New Village station' },
      { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
    ]);
    expect(ids((await units(['district-analyst', 'xishan'])).body.units)).toEqual(['xishan', 'donggang', 'donggang-1']);
  });

  it("names a center manager's own chain only", async () => {
    const guangrui = await units(['center-manager', 'guangrui']);
    expect(guangrui.status).toBe(200);
    expect(guangrui.body.units).toEqual(GUANGRUI_ORG_UNITS.filter((unit) => unit.kind !== 'district'));
    expect((await units(['center-manager', 'huishan'])).body.units).toEqual([...OTHER_CHAIN_UNITS]);
  });

  it('names every unit of every district for an operator', async () => {
    const { status, body } = await units(['operator', 'liangxi']);

    expect(status).toBe(200);
    expect(ids(body.units)).toEqual(['liangxi', 'xishan', 'donggang', 'guangrui', 'huishan', 'donggang-1', 'guangrui-1', 'guangyi', 'huishan-1']);
  });

  it.each<[string, [Role, string]]>([
    ['station staff', ['station-staff', 'guangrui-1']],
    ['a station lead', ['station-lead', 'guangyi']],
    ['an analyst whose org unit is not a district', ['district-analyst', 'guangrui']],
    ['a manager whose org unit does not exist', ['center-manager', 'closed-center']],
  ])('answers 403 problem+json, naming nothing, to %s', async (_, as) => {
    const { status, type, body } = await units(as);

    expect(status).toBe(403);
    expect(type).toContain('application/problem+json');
    expect(body).not.toHaveProperty('units');
  });

  it('answers 401 without a token', async () => {
    const { status, type } = await units(null);

    expect(status).toBe(401);
    expect(type).toContain('application/problem+json');
  });

  it('describes the route, its bearer token and the units it answers in the OpenAPI document', async () => {
    type Schema = { properties?: Record<string, unknown>; required?: string[] };
    const document = (await http.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, { get?: { security?: unknown[]; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, Schema> };
      security: unknown[];
    };

    // The bearer token is the document's global requirement, which the route does not override.
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/org/units']?.get?.security).toBeUndefined();
    expect(document.paths['/org/units']?.get).toMatchObject({
      responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/OrgUnitsView' } } } } },
    });
    expect(document.components.schemas['OrgUnitView']?.required).toEqual(['id', 'kind', 'parentId', 'name']);
  });
});
