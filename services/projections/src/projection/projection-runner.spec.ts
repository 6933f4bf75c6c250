import { Document } from '@kinship/documents';
import { RESIDENTS, ResidentDirectoryEntry } from '../resident-directory/resident-directory.document';
import { RESIDENT_DIRECTORY, residentDirectoryProjection } from '../resident-directory/resident-directory.projection';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { alreadyApplied, markApplied, Projection, SourcedDocument } from './projection';
import {
  PROJECTION_META_COLLECTION,
  ProjectionBehindError,
  ProjectionRunner,
  RebuildInProgressError,
} from './projection-runner';

type StreamCount = SourcedDocument & { events: number; version: string };

/** Counts events per stream, and says which code version counted them. */
function streamCounts(version: number): Projection {
  return {
    name: 'stream-counts',
    version,
    categories: ['resident'],
    collections: { counts: {} },
    async apply(event, ctx) {
      const counts = ctx.collection<StreamCount>('counts');
      const doc = await counts.get(event.streamId);
      if (alreadyApplied(doc, event)) return;
      await counts.upsert({
        _id: event.streamId,
        events: (doc?.events ?? 0) + 1,
        version: `v${version}`,
        _sources: markApplied(doc, event),
      });
    },
  };
}

describe('projection runner', () => {
  let infra: TestInfrastructure;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    infra = await openTestInfrastructure();
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await infra.close();
  });

  function runner(projections: Projection[]): ProjectionRunner {
    const created = new ProjectionRunner({
      store: infra.documents,
      bus: infra.bus,
      head: infra.events,
      projections,
      catchUpSliceMs: 50,
    });
    runners.push(created);
    return created;
  }

  function directory(): Projection {
    return residentDirectoryProjection({ cipher: infra.cipher, hasher: infra.hasher, org: infra.org });
  }

  async function allResidents(r: ProjectionRunner): Promise<ResidentDirectoryEntry[]> {
    return r.collection<ResidentDirectoryEntry>(RESIDENT_DIRECTORY, RESIDENTS).find({}, { sort: { _id: 1 } });
  }

  describe('when it starts for the first time', () => {
    it('follows the log live under the group projection.<name>.v<version>', async () => {
      const r = runner([directory()]);
      await r.start();
      const position = await infra.registry.register('guangrui-1', 'res-1');

      await r.waitFor(RESIDENT_DIRECTORY, position, 2000);

      expect((await allResidents(r)).map((e) => e._id)).toEqual(['res-1']);
      const [status] = await r.status();
      expect(status).toMatchObject({
        name: RESIDENT_DIRECTORY,
        version: 1,
        state: 'live',
        position,
        headPosition: position,
        lag: 0,
        rebuild: null,
        active: {
          version: 1,
          build: 1,
          group: 'projection.resident-directory.v1',
          collections: { residents: 'resident-directory.residents.v1.b1', households: 'resident-directory.households.v1.b1' },
        },
      });
    });

    it('times out a wait for a position it never reaches with ProjectionBehindError', async () => {
      const r = runner([directory()]);
      await r.start();
      const position = await infra.registry.register('guangrui-1', 'res-1');

      await expect(r.waitFor(RESIDENT_DIRECTORY, position + 10, 50)).rejects.toBeInstanceOf(ProjectionBehindError);
    });
  });

  describe('when a projection is rebuilt', () => {
    it('builds new collections from position 0, switches to them once caught up and drops the old ones', async () => {
      await infra.registry.register('guangrui-1', 'res-1', { personal: { name: '王五' } });
      await infra.registry.register('guangyi', 'res-2');
      await infra.registry.createHousehold('guangrui-1', 'hh-1');
      await infra.registry.addMember('guangrui-1', 'hh-1', 'res-1', 'head');
      await infra.registry.applyForPermit('guangrui-1', 'res-1');
      await infra.registry.transfer('guangyi', 'huishan-1', 'res-2');
      await infra.registry.register('guangrui-1', 'res-3');
      const head = await infra.registry.erase('guangrui-1', 'res-3', infra.keys);
      const r = runner([directory()]);
      await r.start();
      await r.waitFor(RESIDENT_DIRECTORY, head, 2000);
      const live = await allResidents(r);

      const { build, done } = await r.rebuild(RESIDENT_DIRECTORY);
      expect(build).toMatchObject({ version: 1, build: 2, group: 'projection.resident-directory.v1.b2' });
      await expect(r.rebuild(RESIDENT_DIRECTORY)).rejects.toBeInstanceOf(RebuildInProgressError);
      await done;

      expect(await allResidents(r)).toEqual(live);
      const [status] = await r.status();
      expect(status).toMatchObject({ state: 'live', rebuild: null, active: { build: 2 } });
      const collections = await infra.documents.listCollections();
      expect(collections).toContain('resident-directory.residents.v1.b2');
      expect(collections).not.toContain('resident-directory.residents.v1.b1');
      const meta = await (await infra.documents.collection(PROJECTION_META_COLLECTION)).get(RESIDENT_DIRECTORY);
      expect(meta).toMatchObject({ active: { build: 2 }, pending: null });
    });

    it('keeps applying new events to the rebuilt collections after the switch', async () => {
      await infra.registry.register('guangrui-1', 'res-1');
      const r = runner([directory()]);
      await r.start();
      await (await r.rebuild(RESIDENT_DIRECTORY)).done;

      const position = await infra.registry.moveOut('guangrui-1', 'res-1');
      await r.waitFor(RESIDENT_DIRECTORY, position, 2000);

      expect(await allResidents(r)).toEqual([expect.objectContaining({ _id: 'res-1', status: 'moved-out' })]);
    });
  });

  describe('when the process restarts', () => {
    it('resumes from its checkpoint and the same collections', async () => {
      const first = runner([streamCounts(1)]);
      await first.start();
      await first.waitFor('stream-counts', await infra.registry.register('guangrui-1', 'res-1'), 2000);
      await first.stop();

      await infra.registry.moveOut('guangrui-1', 'res-1');
      const second = runner([streamCounts(1)]);
      await second.start();
      await second.waitFor('stream-counts', await infra.events.headPosition(), 2000);

      expect(await second.collection<StreamCount & Document>('stream-counts', 'counts').find({})).toEqual([
        expect.objectContaining({ _id: 'resident-guangrui-1-res-1', events: 2, version: 'v1' }),
      ]);
    });
  });

  describe('when the code bumps a projection version', () => {
    it('serves the old collections until the new version has caught up, then switches and drops them', async () => {
      const v1 = runner([streamCounts(1)]);
      await v1.start();
      await v1.waitFor('stream-counts', await infra.registry.register('guangrui-1', 'res-1'), 2000);
      await v1.stop();
      const position = await infra.registry.register('guangrui-1', 'res-2');

      const v2 = runner([streamCounts(2)]);
      await v2.start();
      await v2.waitFor('stream-counts', position, 2000);

      const counts = await v2.collection<StreamCount & Document>('stream-counts', 'counts').find({}, { sort: { _id: 1 } });
      expect(counts.map((c) => [c._id, c.version])).toEqual([
        ['resident-guangrui-1-res-1', 'v2'],
        ['resident-guangrui-1-res-2', 'v2'],
      ]);
      const [status] = await v2.status();
      expect(status).toMatchObject({ version: 2, state: 'live', active: { version: 2, group: 'projection.stream-counts.v2' } });
      expect(await infra.documents.listCollections()).not.toContain('stream-counts.counts.v1.b1');
    });
  });
});
