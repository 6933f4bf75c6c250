import { registryStreams, ResidentMovedOut } from '@kinship/contracts';
import { ProjectionRunner, ProjectionStatus } from '../projection/projection-runner';
import { RESIDENT_DIRECTORY } from '../resident-directory/resident-directory.projection';
import { openProjectionsApp, ProjectionsTestApp } from '../testing/projections-app.fixture';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { DeadLetterView } from './operator.http.controller';

describe('operator endpoints over HTTP', () => {
  let infra: TestInfrastructure;
  let http: ProjectionsTestApp;
  let operator: string;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    await infra.registry.register('guangrui-1', 'res-1');
    await infra.registry.register('guangyi', 'res-2');
    http = await openProjectionsApp(infra);
    operator = await http.token('operator', 'liangxi', 'operator-1');
    await http.app.get(ProjectionRunner).waitFor(RESIDENT_DIRECTORY, await infra.events.headPosition(), 2000);
  });

  afterAll(async () => {
    await http.close();
    await infra.close();
  });

  async function call(method: 'GET' | 'POST', url: string, token = operator) {
    const response = await http.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: response.body === '' ? null : response.json(), type: response.headers['content-type'] };
  }

  async function directoryStatus(): Promise<ProjectionStatus> {
    const { body } = await call('GET', '/operator/projections');
    const status = (body as { projections: ProjectionStatus[] }).projections.find((p) => p.name === RESIDENT_DIRECTORY);
    if (!status) throw new Error('the directory is missing from the status');
    return status;
  }

  it('shows each projection with its version, active collections, position, head and lag', async () => {
    const head = await infra.events.headPosition();

    expect(await directoryStatus()).toMatchObject({
      version: 1,
      state: 'live',
      position: head,
      headPosition: head,
      lag: 0,
      active: { build: 1, collections: { residents: 'resident-directory.residents.v1.b1' } },
    });
  });

  it('keeps projections and dead letters to operators', async () => {
    const manager = await http.token('center-manager', 'guangrui');
    for (const [method, url] of [
      ['GET', '/operator/projections'],
      ['POST', `/operator/projections/${RESIDENT_DIRECTORY}/rebuild`],
      ['GET', '/operator/dead-letters'],
    ] as const) {
      const response = await call(method, url, manager);
      expect(response.status).toBe(403);
      expect(response.type).toContain('application/problem+json');
    }
  });

  it('rebuilds in the background with 202, or answers 200 once switched when asked to wait', async () => {
    const started = await call('POST', `/operator/projections/${RESIDENT_DIRECTORY}/rebuild`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'rebuilding', build: { build: 2, group: 'projection.resident-directory.v1.b2' } });

    // The first rebuild may still be running: a second request is refused until it has switched.
    let waited = await call('POST', `/operator/projections/${RESIDENT_DIRECTORY}/rebuild?wait=true`);
    for (let attempt = 0; waited.status === 409 && attempt < 50; attempt++) {
      expect(waited.body).toMatchObject({ code: 'rebuild-in-progress' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      waited = await call('POST', `/operator/projections/${RESIDENT_DIRECTORY}/rebuild?wait=true`);
    }

    expect(waited.status).toBe(200);
    expect(waited.body).toMatchObject({ state: 'live', build: { build: 3 } });
    expect(await directoryStatus()).toMatchObject({ state: 'live', active: { build: 3 } });
    const staff = await http.token('station-staff', 'guangrui-1');
    const page = await http.app.inject({ method: 'GET', url: '/stations/guangrui-1/directory', headers: { authorization: `Bearer ${staff}` } });
    expect(page.json()).toMatchObject({ total: 1, items: [{ residentId: 'res-1' }] });
  });

  it('describes the directory and operator routes in the OpenAPI document', async () => {
    const response = await http.app.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);

    expect(paths).toEqual(
      expect.arrayContaining([
        '/stations/{stationId}/directory',
        '/stations/{stationId}/directory/{residentId}',
        '/centers/{centerId}/directory',
        '/operator/projections',
        '/operator/projections/{name}/rebuild',
        '/operator/dead-letters',
        '/operator/dead-letters/{id}/replay',
      ]),
    );
  });

  it('answers 404 for a projection that does not exist', async () => {
    const response = await call('POST', '/operator/projections/nothing-here/rebuild');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'projection-not-found' });
  });

  describe('when an event cannot be projected', () => {
    it('lists the dead letter without its data and replays it once the cause is fixed', async () => {
      // A move-out of a resident the directory has never seen fails every attempt.
      const position = await infra.registry.append(
        registryStreams.resident('guangrui-1', 'res-late'),
        ResidentMovedOut,
        { residentId: 'res-late', movedOutOn: '2013-08-01', reason: 'left the city' },
        { tenantId: 'guangrui-1' },
      );
      const runner = http.app.get(ProjectionRunner);
      await runner.waitFor(RESIDENT_DIRECTORY, position, 2000);

      const listed = await call('GET', '/operator/dead-letters');
      const letters = (listed.body as { deadLetters: DeadLetterView[] }).deadLetters;
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        group: 'projection.resident-directory.v1.b3',
        attempts: 5,
        replayedAt: null,
        event: { type: ResidentMovedOut.type, streamId: 'resident-guangrui-1-res-late', position },
      });
      expect(letters[0].error).toContain('res-late');
      expect(letters[0].event).not.toHaveProperty('data');

      const failedAgain = await call('POST', `/operator/dead-letters/${letters[0].id}/replay`);
      expect(failedAgain.status).toBe(422);
      expect(failedAgain.body).toMatchObject({ code: 'dead-letter-replay-failed' });

      // The resident arrives at the station by another stream; now the move-out applies.
      await runner.waitFor(RESIDENT_DIRECTORY, await infra.registry.register('guangyi', 'res-late'), 2000);
      const replayed = await call('POST', `/operator/dead-letters/${letters[0].id}/replay`);
      expect(replayed.status).toBe(204);
      expect((await call('GET', '/operator/dead-letters')).body).toEqual({ deadLetters: [] });
      expect((await call('POST', `/operator/dead-letters/${letters[0].id}/replay`)).body).toMatchObject({
        code: 'dead-letter-already-replayed',
      });
      expect((await call('POST', '/operator/dead-letters/no-such-letter/replay')).status).toBe(404);
    });
  });
});
