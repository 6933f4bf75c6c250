import { EventEnvelope } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { Projection, ProjectionContext } from '../projection/projection';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { HOUSEHOLDS, HouseholdEntry, RESIDENTS, ResidentDirectoryEntry } from './resident-directory.document';
import { residentDirectoryProjection } from './resident-directory.projection';

/** A resident who moved out and came back (registry.resident-returned) is present again in their one entry. */
describe('resident directory projection, when a resident who moved out returns', () => {
  let infra: TestInfrastructure;
  let projection: Projection;
  let residents: Collection<ResidentDirectoryEntry>;
  let ctx: ProjectionContext;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    projection = residentDirectoryProjection({ cipher: infra.cipher, hasher: infra.hasher, org: infra.org });
    residents = await infra.documents.collection<ResidentDirectoryEntry>('returned.residents');
    const households = await infra.documents.collection<HouseholdEntry>('returned.households');
    const byName: Record<string, Collection> = { [RESIDENTS]: residents, [HOUSEHOLDS]: households };
    ctx = { collection: <T extends Document>(name: string) => byName[name] as unknown as Collection<T> };
  });

  afterAll(async () => {
    await infra.close();
  });

  async function projectStreamsOf(residentId: string): Promise<EventEnvelope[]> {
    const events = (await infra.events.readAll({ fromPosition: 0, categories: projection.categories, limit: 10_000 })).filter((e) =>
      e.streamId.endsWith(residentId),
    );
    for (const event of events) await projection.apply(event, ctx);
    return events;
  }

  it('shows them present at another station from the day they came back, in the same single entry', async () => {
    await infra.registry.register('guangrui-1', 'res-r');
    await infra.registry.moveOut('guangrui-1', 'res-r');
    await infra.registry.returnResident('guangyi', 'guangrui-1', 'res-r', '2014-02-01');
    const events = await projectStreamsOf('res-r');

    const all = await residents.find({ residentId: 'res-r' });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      stationId: 'guangyi',
      centerId: 'guangrui',
      status: 'present',
      movedOutOn: null,
      arrivalDate: '2014-02-01',
      compound: 'compound-7',
      homeStream: 'resident-guangyi-res-r',
      permit: { status: 'applied', appliedOn: '2013-04-01' },
      phoneIndex: infra.hasher.hashPhone('13611112222'),
    });

    // At-least-once: the return delivered again changes nothing.
    const once = await residents.get('res-r');
    await projection.apply(events[events.length - 1], ctx);
    expect(await residents.get('res-r')).toEqual(once);
  });

  it('shows them present again when they return to the station they left', async () => {
    await infra.registry.register('guangrui-1', 'res-s');
    await infra.registry.moveOut('guangrui-1', 'res-s');
    await infra.registry.returnResident('guangrui-1', 'guangrui-1', 'res-s', '2014-03-01');
    await projectStreamsOf('res-s');

    expect(await residents.get('res-s')).toMatchObject({ stationId: 'guangrui-1', status: 'present', movedOutOn: null, arrivalDate: '2014-03-01' });
  });
});
