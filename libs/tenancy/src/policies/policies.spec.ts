import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '../auth/principal';
import { seedGuangruiDistrict } from '../org/guangrui-seed';
import { SqliteOrgDirectory } from '../org/sqlite-org-directory';
import {
  canActInStation,
  canOperate,
  canReadChain,
  canReadDistrictFeed,
  canReadStation,
  canSeePersonalData,
  isPrincipalPlaced,
  stationsReadableBy,
} from './policies';

const dir = mkdtempSync(join(tmpdir(), 'kinship-policies-'));
const org = new SqliteOrgDirectory(join(dir, 'org.sqlite'));

const staff: Principal = { userId: 'u-staff', role: 'station-staff', orgUnitId: 'guangyi' };
const lead: Principal = { userId: 'u-lead', role: 'station-lead', orgUnitId: 'guangrui-1' };
const manager: Principal = { userId: 'u-manager', role: 'center-manager', orgUnitId: 'guangrui' };
const otherManager: Principal = { userId: 'u-other', role: 'center-manager', orgUnitId: 'huishan' };
const analyst: Principal = { userId: 'u-analyst', role: 'district-analyst', orgUnitId: 'liangxi' };
const operator: Principal = { userId: 'u-operator', role: 'operator', orgUnitId: 'liangxi' };

beforeAll(async () => {
  await seedGuangruiDistrict(org);
  await org.add({ id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Center' });
  await org.add({ id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' });
});

afterAll(async () => {
  await org.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('station access', () => {
  describe('for station staff and leads', () => {
    it('allows reading and acting in their own station only', () => {
      expect(canActInStation(staff, 'guangyi', org)).toBe(true);
      expect(canReadStation(staff, 'guangyi', org)).toBe(true);
      expect(canActInStation(staff, 'guangrui-1', org)).toBe(false);
      expect(canReadStation(staff, 'guangrui-1', org)).toBe(false);
      expect(canActInStation(lead, 'guangrui-1', org)).toBe(true);
      expect(canActInStation(lead, 'huishan-1', org)).toBe(false);
    });

    it('reads only their own station', () => {
      expect(stationsReadableBy(staff, org).map((s) => s.id)).toEqual(['guangyi']);
    });
  });

  describe('for a center manager', () => {
    it('reads every station of the chain but no station of another chain', () => {
      expect(canReadStation(manager, 'guangrui-1', org)).toBe(true);
      expect(canReadStation(manager, 'guangyi', org)).toBe(true);
      expect(canReadStation(manager, 'huishan-1', org)).toBe(false);
      expect(stationsReadableBy(manager, org).map((s) => s.id)).toEqual(['guangrui-1', 'guangyi']);
      expect(stationsReadableBy(otherManager, org).map((s) => s.id)).toEqual(['huishan-1']);
    });

    it('does not act in the stations of the chain', () => {
      expect(canActInStation(manager, 'guangyi', org)).toBe(false);
      expect(canActInStation(manager, 'guangyi', org, 'write')).toBe(false);
    });

    it('reads the consolidated view of its own chain only', () => {
      expect(canReadChain(manager, 'guangrui', org)).toBe(true);
      expect(canReadChain(manager, 'huishan', org)).toBe(false);
      expect(canReadChain(lead, 'guangrui', org)).toBe(false);
    });
  });

  describe('for district analysts and operators', () => {
    it('never reaches station or personal data', () => {
      for (const p of [analyst, operator]) {
        expect(canReadStation(p, 'guangyi', org)).toBe(false);
        expect(canActInStation(p, 'guangyi', org)).toBe(false);
        expect(stationsReadableBy(p, org)).toEqual([]);
        expect(canSeePersonalData(p)).toBe(false);
      }
      expect(canSeePersonalData(staff)).toBe(true);
      expect(canSeePersonalData(manager)).toBe(true);
    });
  });

  describe('when the principal or the station does not fit the hierarchy', () => {
    it('denies a station id that is not a station', () => {
      expect(canReadStation(manager, 'guangrui', org)).toBe(false);
      expect(canActInStation(staff, 'nowhere', org)).toBe(false);
    });

    it('denies principals whose org unit is unknown or of the wrong kind for the role', () => {
      const staffAtCenter: Principal = { userId: 'u', role: 'station-staff', orgUnitId: 'guangrui' };
      const managerAtStation: Principal = { userId: 'u', role: 'center-manager', orgUnitId: 'guangyi' };
      const ghost: Principal = { userId: 'u', role: 'station-staff', orgUnitId: 'closed-station' };
      expect(isPrincipalPlaced(staffAtCenter, org)).toBe(false);
      expect(isPrincipalPlaced(managerAtStation, org)).toBe(false);
      expect(isPrincipalPlaced(ghost, org)).toBe(false);
      expect(canReadStation(staffAtCenter, 'guangyi', org)).toBe(false);
      expect(stationsReadableBy(ghost, org)).toEqual([]);
      expect(isPrincipalPlaced(operator, org)).toBe(true);
      expect(isPrincipalPlaced(analyst, org)).toBe(true);
    });
  });
});

describe('district feed and operations', () => {
  it('lets analysts and center managers read the district feed', () => {
    expect(canReadDistrictFeed(analyst)).toBe(true);
    expect(canReadDistrictFeed(manager)).toBe(true);
    expect(canReadDistrictFeed(staff)).toBe(false);
    expect(canReadDistrictFeed(operator)).toBe(false);
  });

  it('lets only operators operate', () => {
    expect(canOperate(operator)).toBe(true);
    for (const p of [staff, lead, manager, analyst]) expect(canOperate(p)).toBe(false);
  });
});
