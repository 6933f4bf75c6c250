import { EventEnvelope } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { Projection, ProjectionContext } from '../projection/projection';
import { openTestInfrastructure, TestInfrastructure } from '../testing/registry-fixture';
import { HOUSEHOLDS, HouseholdEntry, RESIDENTS, ResidentDirectoryEntry } from './resident-directory.document';
import { residentDirectoryProjection } from './resident-directory.projection';

describe('resident directory projection', () => {
  let infra: TestInfrastructure;
  let projection: Projection;
  let ctx: ProjectionContext;
  let residents: Collection<ResidentDirectoryEntry>;
  let households: Collection<HouseholdEntry>;
  let applied: number;
  let run = 0;

  beforeAll(async () => {
    infra = await openTestInfrastructure();
    projection = residentDirectoryProjection({ cipher: infra.cipher, hasher: infra.hasher, org: infra.org });
  });

  afterAll(async () => {
    await infra.close();
  });

  beforeEach(async () => {
    // Each test writes its own collections, so the log they share does not leak between them.
    run += 1;
    residents = await infra.documents.collection<ResidentDirectoryEntry>(`test-${run}.residents`);
    households = await infra.documents.collection<HouseholdEntry>(`test-${run}.households`);
    const byName: Record<string, Collection> = { [RESIDENTS]: residents, [HOUSEHOLDS]: households };
    ctx = { collection: <T extends Document>(name: string) => byName[name] as unknown as Collection<T> };
    applied = await infra.events.headPosition();
  });

  /** Applies every event appended since the last call (or since the test began), in log order. */
  async function project(): Promise<EventEnvelope[]> {
    const events = await infra.events.readAll({ fromPosition: applied, categories: projection.categories, limit: 10_000 });
    for (const event of events) await projection.apply(event, ctx);
    applied = await infra.events.headPosition();
    return events;
  }

  describe('when a resident registers', () => {
    it('lists them at their station and chain with the personal data still encrypted', async () => {
      await infra.registry.register('guangrui-1', 'res-a', { personal: { name: '李四', phone: '+86 138-0000-1111' } });
      await project();

      const entry = await residents.get('res-a');
      expect(entry).toMatchObject({
        stationId: 'guangrui-1',
        centerId: 'guangrui',
        status: 'present',
        sex: 'male',
        origin: { province: 'Anhui', city: 'Fuyang' },
        compound: 'compound-1',
        permit: { status: 'none', appliedOn: null, issuedOn: null, validUntil: null },
        childrenNeedingSchool: 0,
        nameIndex: infra.hasher.hashName('李四'),
        phoneIndex: infra.hasher.hashPhone('13800001111'),
        idNumberHash: infra.hasher.hashIdNumber('11010519491231002X'),
      });
      expect(await infra.cipher.decrypt('res-a', String(entry?.personal))).toMatchObject({ name: '李四' });
      const stored = JSON.stringify(entry);
      expect(stored).not.toContain('李四');
      expect(stored).not.toContain('13800001111');
      expect(stored).not.toContain('11010519491231002X');
    });

    it('finds them by name, phone and ID number through the blind indexes only', async () => {
      await infra.registry.register('guangrui-1', 'res-b', { personal: { name: 'Wang  Fang', phone: '13912345678', idNumber: '320211199001011234' } });
      await infra.registry.register('guangrui-1', 'res-c', { personal: { name: 'Zhao Lei', phone: '13700000000', idNumber: '320211199001015678' } });
      await project();

      const byName = await residents.find({ nameIndex: infra.hasher.hashName('  wang fang ') });
      const byPhone = await residents.find({ phoneIndex: infra.hasher.hashPhone('0086 139 1234 5678') });
      const byIdNumber = await residents.find({ idNumberHash: infra.hasher.hashIdNumber('320211199001015678') });

      expect(byName.map((e) => e._id)).toEqual(['res-b']);
      expect(byPhone.map((e) => e._id)).toEqual(['res-b']);
      expect(byIdNumber.map((e) => e._id)).toEqual(['res-c']);
    });
  });

  describe('when events are delivered again', () => {
    it('applies each of them once, even after later events of the stream', async () => {
      await infra.registry.register('guangrui-1', 'res-d');
      await infra.registry.applyForPermit('guangrui-1', 'res-d');
      await infra.registry.moveOut('guangrui-1', 'res-d');
      const events = await project();
      const once = await residents.get('res-d');

      // At-least-once: the whole batch again, then the first event once more.
      for (const event of events) await projection.apply(event, ctx);
      await projection.apply(events[0], ctx);

      expect(await residents.get('res-d')).toEqual(once);
      expect(once).toMatchObject({ status: 'moved-out', movedOutOn: '2013-06-01', permit: { status: 'applied', appliedOn: '2013-04-01' } });
      expect(once?._sources).toEqual({ 'resident-guangrui-1-res-d': 2 });
    });
  });

  describe('when a resident applies for and receives a residence permit', () => {
    it('follows the permit from applied to issued', async () => {
      await infra.registry.register('guangrui-1', 'res-p');
      await infra.registry.applyForPermit('guangrui-1', 'res-p');
      await infra.registry.issuePermit('guangrui-1', 'res-p');
      await project();

      expect((await residents.get('res-p'))?.permit).toEqual({
        status: 'issued',
        appliedOn: '2013-04-01',
        issuedOn: '2013-05-01',
        validUntil: '2014-05-01',
      });
    });
  });

  describe('when a resident is transferred to another station', () => {
    it('moves the same entry to the receiving station, with no second entry', async () => {
      await infra.registry.register('guangrui-1', 'res-t');
      await infra.registry.transfer('guangrui-1', 'huishan-1', 'res-t', { phone: '13611112222' });
      await project();

      const all = await residents.find({ residentId: 'res-t' });
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({
        stationId: 'huishan-1',
        centerId: 'huishan',
        status: 'present',
        compound: 'compound-9',
        childrenNeedingSchool: 1,
        permit: { status: 'applied', appliedOn: '2013-04-01' },
        phoneIndex: infra.hasher.hashPhone('13611112222'),
        homeStream: 'resident-huishan-1-res-t',
      });
      expect(await residents.count({ stationId: 'guangrui-1', residentId: 'res-t' })).toBe(0);
    });

    it('shows them as transferred out at the old station until the new one takes them in', async () => {
      await infra.registry.register('guangrui-1', 'res-u');
      await infra.registry.transfer('guangrui-1', 'guangyi', 'res-u');
      const events = await project();
      const [registered, transferredOut, transferredIn] = events.filter((e) => e.streamId.endsWith('res-u'));
      const replay = await infra.documents.collection<ResidentDirectoryEntry>(`test-${run}.replay`);
      const replayCtx: ProjectionContext = {
        collection: <T extends Document>(name: string) => (name === RESIDENTS ? replay : households) as unknown as Collection<T>,
      };

      await projection.apply(registered, replayCtx);
      await projection.apply(transferredOut, replayCtx);
      expect(await replay.get('res-u')).toMatchObject({ stationId: 'guangrui-1', status: 'transferred-out', transferredToStationId: 'guangyi' });

      await projection.apply(transferredIn, replayCtx);
      // A late copy of the transfer-out (another partition) must not pull the entry back.
      await projection.apply({ ...transferredOut }, replayCtx);
      expect(await replay.get('res-u')).toMatchObject({ stationId: 'guangyi', centerId: 'guangrui', status: 'present' });
    });
  });

  describe("when a resident's personal data is erased", () => {
    it('drops the ciphertext and every blind index but keeps the non-personal fields', async () => {
      await infra.registry.register('guangrui-1', 'res-e', { data: { compound: 'compound-4' } });
      await infra.registry.applyForPermit('guangrui-1', 'res-e');
      await infra.registry.erase('guangrui-1', 'res-e', infra.keys);
      await project();

      const entry = await residents.get('res-e');
      expect(entry).toMatchObject({
        status: 'erased',
        personal: null,
        nameIndex: null,
        phoneIndex: null,
        idNumberHash: null,
        stationId: 'guangrui-1',
        compound: 'compound-4',
        permit: { status: 'applied' },
      });
      expect(await residents.count({ idNumberHash: infra.hasher.hashIdNumber('11010519491231002X'), residentId: 'res-e' })).toBe(0);
    });

    it('builds no index from the erased data when the log is projected again', async () => {
      await infra.registry.register('guangrui-1', 'res-f');
      await infra.registry.erase('guangrui-1', 'res-f', infra.keys);
      const events = (await project()).filter((e) => e.streamId.endsWith('res-f'));
      const replay = await infra.documents.collection<ResidentDirectoryEntry>(`test-${run}.replay`);
      const replayCtx: ProjectionContext = {
        collection: <T extends Document>(name: string) => (name === RESIDENTS ? replay : households) as unknown as Collection<T>,
      };

      // Replaying only the registration: the key is already shredded, so nothing is left to index.
      await projection.apply(events[0], replayCtx);
      expect(await replay.get('res-f')).toMatchObject({ status: 'present', nameIndex: null, phoneIndex: null });
      await projection.apply(events[1], replayCtx);
      expect(await replay.get('res-f')).toMatchObject({ status: 'erased', personal: null, idNumberHash: null });
    });
  });

  describe('when households are formed and changed', () => {
    it("keeps each member's household and role, and the household's members and head", async () => {
      await infra.registry.createHousehold('guangrui-1', 'hh-1', 'compound-2');
      await infra.registry.register('guangrui-1', 'res-h1', { data: { householdId: 'hh-1' } });
      await infra.registry.addMember('guangrui-1', 'hh-1', 'res-h1', 'head');
      await infra.registry.register('guangrui-1', 'res-h2');
      await infra.registry.addMember('guangrui-1', 'hh-1', 'res-h2', 'spouse');
      await project();

      expect(await residents.get('res-h1')).toMatchObject({ householdId: 'hh-1', householdRole: 'head' });
      expect(await residents.get('res-h2')).toMatchObject({ householdId: 'hh-1', householdRole: 'spouse' });
      expect(await households.get('hh-1')).toMatchObject({
        stationId: 'guangrui-1',
        compound: 'compound-2',
        head: 'res-h1',
        members: [
          { residentId: 'res-h1', relation: 'head' },
          { residentId: 'res-h2', relation: 'spouse' },
        ],
      });

      await infra.registry.setHead('guangrui-1', 'hh-1', 'res-h2');
      await project();
      expect(await residents.get('res-h2')).toMatchObject({ householdRole: 'head' });
      expect(await residents.get('res-h1')).toMatchObject({ householdRole: 'other' });
      expect(await households.get('hh-1')).toMatchObject({ head: 'res-h2', formerHead: 'res-h1' });

      await infra.registry.removeMember('guangrui-1', 'hh-1', 'res-h1');
      await project();
      expect(await residents.get('res-h1')).toMatchObject({ householdId: null, householdRole: null });
      expect((await households.get('hh-1'))?.members).toEqual([{ residentId: 'res-h2', relation: 'head' }]);
    });

    it('takes the role a member was given before their registration reached the directory', async () => {
      await infra.registry.createHousehold('guangrui-1', 'hh-2');
      await infra.registry.addMember('guangrui-1', 'hh-2', 'res-h3', 'child');
      await infra.registry.register('guangrui-1', 'res-h3', { data: { householdId: 'hh-2' } });
      await project();

      expect(await residents.get('res-h3')).toMatchObject({ householdId: 'hh-2', householdRole: 'child' });
    });

    it('demotes the former head once even when the head change is delivered again', async () => {
      await infra.registry.createHousehold('guangrui-1', 'hh-3');
      await infra.registry.register('guangrui-1', 'res-h4');
      await infra.registry.addMember('guangrui-1', 'hh-3', 'res-h4', 'head');
      await infra.registry.register('guangrui-1', 'res-h5');
      await infra.registry.addMember('guangrui-1', 'hh-3', 'res-h5', 'sibling');
      await infra.registry.setHead('guangrui-1', 'hh-3', 'res-h5');
      const events = await project();

      await projection.apply(events[events.length - 1], ctx);

      expect(await residents.get('res-h4')).toMatchObject({ householdRole: 'other' });
      expect(await residents.get('res-h5')).toMatchObject({ householdRole: 'head' });
    });
  });
});
