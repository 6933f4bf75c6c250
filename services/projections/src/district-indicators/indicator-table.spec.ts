import { INDICATORS } from '@kinship/contracts';
import { GUANGRUI_ORG_UNITS } from '@kinship/tenancy';
import { fieldName, fromFieldName } from './district-indicators.document';
import { assembleRelease, contentHashOf } from './indicator-release';
import { membersOf } from './suppression';
import { buildIndicatorTable, cellKey, medianOf, monthsCovering, StationMonth } from './indicator-table';

describe('the indicator table', () => {
  it('covers every month from January of the first year to the last month', () => {
    expect(monthsCovering('2004-05', '2005-02')).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2004-${m}`),
      '2005-01',
      '2005-02',
    ]);
  });

  it('takes the median of a histogram of days, halfway between the middle two when even', () => {
    expect(medianOf(new Map([[3, 1]]))).toEqual({ median: 3, count: 1 });
    expect(medianOf(new Map([[1, 2], [10, 2]]))).toEqual({ median: 5.5, count: 4 });
    expect(medianOf(new Map())).toEqual({ median: null, count: 0 });
  });

  it('has no cells before anything happened', () => {
    expect(buildIndicatorTable([], GUANGRUI_ORG_UNITS)).toEqual({ cells: [], relations: [] });
  });

  describe('over a decade of two stations', () => {
    // A deterministic history: arrivals, departures and disputes of every size, volunteers and fees.
    const rows: StationMonth[] = [];
    for (let year = 2004; year <= 2013; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const m = `${year}-${String(month).padStart(2, '0')}`;
        for (const [i, stationId] of ['guangrui-1', 'guangyi'].entries()) {
          if (stationId === 'guangyi' && year < 2012) continue;
          const seed = (year * 13 + month * 7 + i * 5) % 11;
          rows.push({
            stationId,
            month: m,
            values: {
              arrivals: seed * 4,
              netPresent: seed * 4 - (seed % 3),
              departures: seed % 3,
              casesOpened: seed,
              'casesOpened:safety': seed % 4,
              'casesOpened:services': seed - (seed % 4),
              disputes: seed % 4,
              casesResolved: seed,
              'casesResolved:services': seed,
              [`resolveDays:${seed}`]: seed,
              volunteerMinutes: 5_400 * seed,
              netVolunteers: month === 1 ? 15 : 0,
              feesEarnedFen: 12_000 * seed,
            },
          });
        }
      }
    }
    const table = buildIndicatorTable(rows, GUANGRUI_ORG_UNITS);
    const values = new Map(table.cells.map((c) => [c.key, c.value]));

    it('rolls months up to years and stations up to the chain and the district', () => {
      const stationYear = rows.filter((r) => r.stationId === 'guangrui-1' && r.month.startsWith('2012')).reduce((a, r) => a + (r.values['arrivals'] ?? 0), 0);
      expect(values.get(cellKey('guangrui-1', '2012', 'arrivals', null))).toBe(stationYear);
      expect(values.get(cellKey('guangrui', '2012-05', 'arrivals', null))).toBe(
        (values.get(cellKey('guangrui-1', '2012-05', 'arrivals', null)) ?? 0) + (values.get(cellKey('guangyi', '2012-05', 'arrivals', null)) ?? 0),
      );
      expect(values.get(cellKey('liangxi', '2012', 'activeVolunteers', null))).toBe(9 * 15 + 15);
      expect(values.get(cellKey('guangrui-1', '2013', 'volunteerHours', null))).toBe(
        rows.filter((r) => r.stationId === 'guangrui-1' && r.month.startsWith('2013')).reduce((a, r) => a + (r.values['volunteerMinutes'] ?? 0), 0) / 60,
      );
    });

    it('keeps the stock of new citizens in balance with its flows, month by month and year by year', () => {
      const balances = table.relations.filter((r) => r.kind === 'balance');
      expect(balances.length).toBeGreaterThan(0);
      const off = balances.filter((relation) => {
        const [end, ...rest] = membersOf(relation).map((k) => values.get(k) ?? 0);
        const [arrivals, departures, transfersIn, transfersOut] = rest.slice(-4) as [number, number, number, number];
        const before = rest.length === 5 ? (rest[0] as number) : 0;
        return end !== before + arrivals + transfersIn - departures - transfersOut;
      });
      expect(off).toEqual([]);
    });

    it('suppresses the release: no count from 1 to 4 published, no hidden count alone in a relation, hashed', () => {
      const release = assembleRelease(table, null, { sequence: 1, issuedAt: '2013-07-01T00:00:00.000Z', computedAtPosition: 1, reason: 'requested' });
      const status = new Map(release.cells.map((c) => [cellKey(c.orgUnitId, c.period, c.indicator, c.group), c]));
      const smallPublished = release.cells.filter(
        (cell) => cell.value !== null && INDICATORS[cell.indicator].unit === 'count' && cell.value >= 1 && cell.value <= 4,
      );
      expect(smallPublished).toEqual([]);
      const alone = table.relations.flatMap((relation) => {
        if (relation.kind === 'same') return [];
        const hidden = membersOf(relation).filter((k) => status.get(k)?.value === null);
        return hidden.length === 1 ? hidden : [];
      });
      expect(alone).toEqual([]);
      expect(release.hidden.small).toBeGreaterThan(0);
      expect(release.contentHash).toBe(contentHashOf(release.cells));
      expect(release.hidden.small + release.hidden.complementary).toBe(Object.keys(release.hiddenValues).length);
    });
  });
});

describe('field names of the aggregates', () => {
  it('turn any metric or stream id into letters, digits and underscores, and back', () => {
    for (const raw of ['casesOpened:rights-protection', 'census@2008-02-10', 'resident-guangrui-1-res_1', '普通']) {
      expect(fieldName(raw)).toMatch(/^[A-Za-z0-9_]+$/);
      expect(fromFieldName(fieldName(raw))).toBe(raw);
    }
  });
});
