import { Principal } from '../auth/principal';
import { GUANGRUI_ORG_UNITS } from '../org/guangrui-seed';
import { OrgSnapshot } from '../org/org-snapshot';
import { canActInCenter } from './center.guard';

const org = new OrgSnapshot([
  ...GUANGRUI_ORG_UNITS,
  { id: 'huishan', kind: 'center', parentId: 'liangxi', name: 'Huishan Center' },
  { id: 'huishan-1', kind: 'station', parentId: 'huishan', name: 'Huishan No.1 station' },
]);

const as = (role: Principal['role'], orgUnitId: string): Principal => ({ userId: `u-${role}-${orgUnitId}`, role, orgUnitId });

describe('a center’s own settings and funds', () => {
  describe('for the center’s manager', () => {
    it('lets them read and change their own center’s', () => {
      expect(canActInCenter(as('center-manager', 'guangrui'), 'guangrui', org, 'read')).toBe(true);
      expect(canActInCenter(as('center-manager', 'guangrui'), 'guangrui', org, 'write')).toBe(true);
    });

    it('refuses them another center’s, for reading too', () => {
      expect(canActInCenter(as('center-manager', 'huishan'), 'guangrui', org, 'read')).toBe(false);
      expect(canActInCenter(as('center-manager', 'huishan'), 'guangrui', org, 'write')).toBe(false);
    });
  });

  describe('for the staff and leads of a station', () => {
    it('lets them read their own center’s but change nothing', () => {
      for (const role of ['station-staff', 'station-lead'] as const) {
        expect(canActInCenter(as(role, 'guangyi'), 'guangrui', org, 'read')).toBe(true);
        expect(canActInCenter(as(role, 'guangrui-1'), 'guangrui', org, 'write')).toBe(false);
      }
    });

    it('refuses them another chain’s', () => {
      expect(canActInCenter(as('station-lead', 'huishan-1'), 'guangrui', org, 'read')).toBe(false);
    });

    it('refuses a token whose org unit is not a station, even the center itself', () => {
      expect(canActInCenter(as('station-staff', 'guangrui'), 'guangrui', org, 'read')).toBe(false);
    });
  });

  it('refuses district analysts and operators, even to read', () => {
    expect(canActInCenter(as('district-analyst', 'liangxi'), 'guangrui', org, 'read')).toBe(false);
    expect(canActInCenter(as('operator', 'liangxi'), 'guangrui', org, 'read')).toBe(false);
  });

  it('refuses everyone for an id that is not a center', () => {
    expect(canActInCenter(as('center-manager', 'guangrui'), 'guangrui-1', org, 'read')).toBe(false);
    expect(canActInCenter(as('center-manager', 'guangrui'), 'liangxi', org, 'read')).toBe(false);
    expect(canActInCenter(as('center-manager', 'guangrui'), 'nowhere', org, 'read')).toBe(false);
  });

  it('changes by default', () => {
    expect(canActInCenter(as('station-lead', 'guangrui-1'), 'guangrui', org)).toBe(false);
  });
});
