import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { describeEngine } from '@kinship/testing';
import { GUANGRUI_ORG_UNITS, seedGuangruiDistrict } from './guangrui-seed';
import { InvalidOrgUnitError, OrgUnit, OrgUnitConflictError } from './org-unit';
import { PostgresOrgDirectory } from './postgres-org-directory';

describeEngine('postgres', 'PostgresOrgDirectory', (engine) => {
  let pool: Pool;
  const schemas: string[] = [];
  const directories: PostgresOrgDirectory[] = [];

  /** A schema no other test (nor another suite on the shared engine) uses: a hierarchy of its own. */
  function freshSchema(): string {
    const schema = `kinship_org_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    return schema;
  }

  async function open(schema = freshSchema()): Promise<PostgresOrgDirectory> {
    const directory = await PostgresOrgDirectory.open({ pool, schema });
    directories.push(directory);
    return directory;
  }

  beforeAll(() => {
    pool = new Pool({ connectionString: engine.url, max: 4 });
  });

  afterAll(async () => {
    for (const directory of directories) await directory.close();
    for (const schema of schemas) await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  describe('when the Guangrui district is seeded', () => {
    it('holds the district, its center and the two stations', async () => {
      const directory = await open();
      await seedGuangruiDistrict(directory);

      expect(directory.list()).toHaveLength(4);
      expect(directory.get('guangrui')).toEqual({
        id: 'guangrui',
        kind: 'center',
        parentId: 'liangxi',
        name: 'Guangrui New Citizen Service Center',
      });
      expect(directory.stationsOf('guangrui').map((unit) => unit.id)).toEqual(['guangrui-1', 'guangyi']);
      expect(directory.centerOf('guangyi')?.id).toBe('guangrui');
      expect(directory.centerOf('guangrui')?.id).toBe('guangrui');
      expect(directory.centerOf('liangxi')).toBeNull();
      expect(directory.districtOf('guangrui-1')?.id).toBe('liangxi');
      expect(directory.districtOf('liangxi')?.id).toBe('liangxi');
    });

    it('changes nothing when seeded again', async () => {
      const directory = await open();
      await seedGuangruiDistrict(directory);
      await seedGuangruiDistrict(directory);
      expect(directory.list()).toEqual([...GUANGRUI_ORG_UNITS].sort((a, b) => a.id.localeCompare(b.id)));
    });

    it('answers empty or null for units it does not know', async () => {
      const directory = await open();
      await seedGuangruiDistrict(directory);
      expect(directory.get('nowhere')).toBeNull();
      expect(directory.stationsOf('nowhere')).toEqual([]);
      expect(directory.stationsOf('guangyi')).toEqual([]);
      expect(directory.centerOf('nowhere')).toBeNull();
      expect(directory.districtOf('nowhere')).toBeNull();
    });
  });

  describe('when a unit breaks the hierarchy', () => {
    let directory: PostgresOrgDirectory;

    beforeAll(async () => {
      directory = await open();
      await seedGuangruiDistrict(directory);
    });

    it.each([
      ['a station without an existing center', { id: 'lost', kind: 'station' as const, parentId: 'no-center', name: 'Lost' }],
      ['a station under a district', { id: 'direct', kind: 'station' as const, parentId: 'liangxi', name: 'Direct' }],
      ['a center under a station', { id: 'upside', kind: 'center' as const, parentId: 'guangyi', name: 'Upside down' }],
      ['a center without a parent', { id: 'orphan', kind: 'center' as const, parentId: null, name: 'Orphan' }],
      ['a district with a parent', { id: 'nested', kind: 'district' as const, parentId: 'liangxi', name: 'Nested' }],
      ['an id that is not a kebab-case slug', { id: 'Guangrui 2', kind: 'station' as const, parentId: 'guangrui', name: 'Two' }],
      ['an empty name', { id: 'guangrui-2', kind: 'station' as const, parentId: 'guangrui', name: '  ' }],
    ])('rejects %s and stores nothing', async (_label, unit) => {
      await expect(directory.add(unit)).rejects.toBeInstanceOf(InvalidOrgUnitError);
      await directory.refresh();
      expect(directory.get(unit.id)).toBeNull();
    });

    it('rejects a different unit under an id already taken', async () => {
      await expect(directory.add({ id: 'guangyi', kind: 'station', parentId: 'guangrui', name: 'Renamed' })).rejects.toBeInstanceOf(
        OrgUnitConflictError,
      );
      await directory.refresh();
      expect(directory.get('guangyi')?.name).toBe('Guangyi New Village station');
    });
  });

  describe('when another process shares the schema', () => {
    it('keeps the units across a restart', async () => {
      const schema = freshSchema();
      await seedGuangruiDistrict(await open(schema));
      expect((await open(schema)).stationsOf('guangrui')).toHaveLength(2);
    });

    it('sees units the other process added after a refresh, and builds on them', async () => {
      const schema = freshSchema();
      const mine = await open(schema);
      const theirs = await open(schema);
      await seedGuangruiDistrict(theirs);
      expect(mine.get('guangrui')).toBeNull();

      await mine.refresh();
      expect(mine.stationsOf('guangrui')).toHaveLength(2);

      await theirs.add({ id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Center' });
      await mine.add({ id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1' });
      expect(mine.centerOf('huishan-1')?.name).toBe('Huishan Center');
    });

    it('lets two processes add the same unit at once, and refuses a different one under the same id', async () => {
      const schema = freshSchema();
      const [first, second] = [await open(schema), await open(schema)];
      await seedGuangruiDistrict(first);
      const station: OrgUnit = { id: 'guangrui-3', kind: 'station', parentId: 'guangrui', name: 'Guangrui No.3' };
      const added = await Promise.all([first.add(station), second.add(station), first.add({ ...station })]);
      expect(added).toEqual([station, station, station]);

      const outcomes = await Promise.allSettled([
        first.add({ ...station, id: 'guangrui-4', name: 'Four' }),
        second.add({ ...station, id: 'guangrui-4', name: 'Other four' }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(OrgUnitConflictError);
    });

    it('works on a pool it does not own and leaves it open', async () => {
      const schema = freshSchema();
      const directory = await PostgresOrgDirectory.open({ pool, schema });
      await seedGuangruiDistrict(directory);
      await directory.close();
      const { rows } = await pool.query(`SELECT COUNT(*)::int AS n FROM "${schema}".org_units`);
      expect(rows).toEqual([{ n: 4 }]);
    });

    it('opens and ends a pool of its own from a connection string', async () => {
      const schema = freshSchema();
      const directory = await PostgresOrgDirectory.open({ connectionString: engine.url, schema });
      await seedGuangruiDistrict(directory);
      await directory.close();
      expect((await open(schema)).list()).toHaveLength(4);
    });
  });

  it('hands out units that cannot be altered behind its back', async () => {
    const directory = await open();
    await seedGuangruiDistrict(directory);
    const unit = directory.get('guangyi');
    expect(() => {
      (unit as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => new PostgresOrgDirectory({ pool, schema: 'Tenancy; drop' })).toThrow(RangeError);
  });
});
