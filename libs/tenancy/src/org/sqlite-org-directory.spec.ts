import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUANGRUI_ORG_UNITS, seedGuangruiDistrict } from './guangrui-seed';
import { InvalidOrgUnitError, OrgUnitConflictError } from './org-unit';
import { SqliteOrgDirectory } from './sqlite-org-directory';

const dir = mkdtempSync(join(tmpdir(), 'kinship-org-'));
const directories: SqliteOrgDirectory[] = [];
let counter = 0;

function open(file?: string): SqliteOrgDirectory {
  counter += 1;
  const directory = new SqliteOrgDirectory(file ?? join(dir, `org-${counter}.sqlite`));
  directories.push(directory);
  return directory;
}

afterAll(async () => {
  for (const directory of directories) await directory.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteOrgDirectory', () => {
  describe('when the Guangrui district is seeded', () => {
    it('holds the district, its center and the two stations', async () => {
      const directory = open();
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
      const directory = open();
      await seedGuangruiDistrict(directory);
      await seedGuangruiDistrict(directory);
      expect(directory.list()).toEqual([...GUANGRUI_ORG_UNITS].sort((a, b) => a.id.localeCompare(b.id)));
    });

    it('answers empty or null for units it does not know', async () => {
      const directory = open();
      await seedGuangruiDistrict(directory);
      expect(directory.get('nowhere')).toBeNull();
      expect(directory.stationsOf('nowhere')).toEqual([]);
      expect(directory.stationsOf('guangyi')).toEqual([]);
      expect(directory.centerOf('nowhere')).toBeNull();
      expect(directory.districtOf('nowhere')).toBeNull();
    });
  });

  describe('when a unit breaks the hierarchy', () => {
    it.each([
      ['a station without an existing center', { id: 'lost', kind: 'station' as const, parentId: 'no-center', name: 'Lost' }],
      ['a station under a district', { id: 'direct', kind: 'station' as const, parentId: 'liangxi', name: 'Direct' }],
      ['a center under a station', { id: 'upside', kind: 'center' as const, parentId: 'guangyi', name: 'Upside down' }],
      ['a center without a parent', { id: 'orphan', kind: 'center' as const, parentId: null, name: 'Orphan' }],
      ['a district with a parent', { id: 'nested', kind: 'district' as const, parentId: 'liangxi', name: 'Nested' }],
      ['an id that is not a kebab-case slug', { id: 'Guangrui 2', kind: 'station' as const, parentId: 'guangrui', name: 'Two' }],
      ['an id with a trailing dash', { id: 'guangrui-', kind: 'station' as const, parentId: 'guangrui', name: 'Two' }],
      ['an empty name', { id: 'guangrui-2', kind: 'station' as const, parentId: 'guangrui', name: '  ' }],
    ])('rejects %s', async (_label, unit) => {
      const directory = open();
      await seedGuangruiDistrict(directory);
      await expect(directory.add(unit)).rejects.toBeInstanceOf(InvalidOrgUnitError);
      expect(directory.get(unit.id)).toBeNull();
    });

    it('rejects a different unit under an id already taken', async () => {
      const directory = open();
      await seedGuangruiDistrict(directory);
      await expect(directory.add({ id: 'guangyi', kind: 'station', parentId: 'guangrui', name: 'Renamed' })).rejects.toBeInstanceOf(
        OrgUnitConflictError,
      );
      expect(directory.get('guangyi')?.name).toBe('Guangyi New Village station');
    });
  });

  describe('when another process shares the file', () => {
    it('keeps the units across a restart', async () => {
      const file = join(dir, 'shared-restart.sqlite');
      await seedGuangruiDistrict(open(file));
      expect(open(file).stationsOf('guangrui')).toHaveLength(2);
    });

    it('sees units the other process added after a refresh, and builds on them', async () => {
      const file = join(dir, 'shared-refresh.sqlite');
      const mine = open(file);
      const theirs = open(file);
      await seedGuangruiDistrict(theirs);
      expect(mine.get('guangrui')).toBeNull();

      await mine.refresh();
      expect(mine.stationsOf('guangrui')).toHaveLength(2);

      await theirs.add({ id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Center' });
      await mine.add({ id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1' });
      expect(mine.centerOf('huishan-1')?.name).toBe('Huishan Center');
    });

    it('works on a connection it does not own and leaves it open', async () => {
      const db = new Database(join(dir, 'borrowed.sqlite'));
      const directory = new SqliteOrgDirectory(db);
      await seedGuangruiDistrict(directory);
      await directory.close();
      expect(db.open).toBe(true);
      expect(db.prepare('SELECT COUNT(*) AS n FROM tenancy_org_units').get()).toEqual({ n: 4 });
      db.close();
    });
  });

  it('hands out units that cannot be altered behind its back', async () => {
    const directory = open();
    await seedGuangruiDistrict(directory);
    const unit = directory.get('guangyi');
    expect(() => {
      (unit as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
