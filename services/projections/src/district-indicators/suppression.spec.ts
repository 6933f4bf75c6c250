import { membersOf, PreviousRelease, Relation, suppress, TableCell } from './suppression';

const count = (key: string, value: number): TableCell => ({ key, value, suppressible: true });

/** A small random two-way table: stations × months, with month totals, station totals and the grand total. */
function randomTable(random: () => number, stations: number, months: number, scale: number): { cells: TableCell[]; relations: Relation[] } {
  const value = () => (random() < 0.3 ? 0 : Math.floor(random() * scale));
  const inner: number[][] = Array.from({ length: stations }, () => Array.from({ length: months }, value));
  const cells: TableCell[] = [];
  const relations: Relation[] = [];
  const key = (s: number | 'T', m: number | 'Y') => `${s}|${m}`;
  inner.forEach((row, s) => row.forEach((v, m) => cells.push(count(key(s, m), v))));
  for (let s = 0; s < stations; s += 1) {
    cells.push(count(key(s, 'Y'), (inner[s] as number[]).reduce((a, b) => a + b, 0)));
    relations.push({ kind: 'sum', total: key(s, 'Y'), parts: Array.from({ length: months }, (_, m) => key(s, m)) });
  }
  for (let m = 0; m < months; m += 1) {
    cells.push(count(key('T', m), inner.reduce((a, row) => a + (row[m] as number), 0)));
    relations.push({ kind: 'sum', total: key('T', m), parts: Array.from({ length: stations }, (_, s) => key(s, m)) });
  }
  const grand = inner.flat().reduce((a, b) => a + b, 0);
  cells.push(count(key('T', 'Y'), grand));
  relations.push({ kind: 'sum', total: key('T', 'Y'), parts: Array.from({ length: months }, (_, m) => key('T', m)) });
  relations.push({ kind: 'sum', total: key('T', 'Y'), parts: Array.from({ length: stations }, (_, s) => key(s, 'Y')) });
  return { cells, relations };
}

/** A seeded generator (mulberry32), so a failing table can be reproduced from its seed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The hidden cells of one relation an observer could solve for: exactly one unknown in its equation. */
function solvable(relation: Relation, unknown: (key: string) => boolean): string[] {
  if (relation.kind === 'same') return [];
  const hidden = membersOf(relation).filter(unknown);
  return hidden.length === 1 ? hidden : [];
}

describe('suppression of a release', () => {
  describe('when counts are small', () => {
    it('hides every count from 1 to 4 and publishes zeros and fives', () => {
      const cells = [0, 1, 2, 3, 4, 5].map((v) => count(`c${v}`, v));
      const { hidden, small, complementary } = suppress(cells, []);
      expect([...hidden.keys()].sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
      expect({ small, complementary }).toEqual({ small: 4, complementary: 0 });
    });

    it('never hides hours or money, and hides a median taken over fewer than five cases', () => {
      const { hidden } = suppress(
        [
          { key: 'hours', value: 3, suppressible: false },
          { key: 'median-few', value: 12, suppressible: false, basis: 3 },
          { key: 'median-many', value: 2, suppressible: false, basis: 9 },
        ],
        [],
      );
      expect([...hidden.entries()]).toEqual([['median-few', 'suppressed-small']]);
    });
  });

  describe('when a total would give a hidden cell away', () => {
    it('hides the smallest non-zero cell beside it', () => {
      const cells = [count('year', 30), count('jan', 3), count('feb', 0), count('mar', 9), count('apr', 18)];
      const { hidden } = suppress(cells, [{ kind: 'sum', total: 'year', parts: ['jan', 'feb', 'mar', 'apr'] }]);
      expect(Object.fromEntries(hidden)).toEqual({ jan: 'suppressed-small', mar: 'suppressed-complementary' });
    });

    it('follows the second hiding into the other dimension until nothing is alone', () => {
      // Station A: 3 in January (small); the complement in its year is February, which is then alone in the chain's February.
      const cells = [
        count('A|Y', 10),
        count('A|1', 3),
        count('A|2', 7),
        count('B|Y', 20),
        count('B|1', 10),
        count('B|2', 10),
        count('C|1', 13),
        count('C|2', 17),
        count('C|Y', 30),
      ];
      const relations: Relation[] = [
        { kind: 'sum', total: 'A|Y', parts: ['A|1', 'A|2'] },
        { kind: 'sum', total: 'B|Y', parts: ['B|1', 'B|2'] },
        { kind: 'sum', total: 'C|Y', parts: ['C|1', 'C|2'] },
        { kind: 'sum', total: 'C|1', parts: ['A|1', 'B|1'] },
        { kind: 'sum', total: 'C|2', parts: ['A|2', 'B|2'] },
        { kind: 'sum', total: 'C|Y', parts: ['A|Y', 'B|Y'] },
      ];
      const { hidden } = suppress(cells, relations);
      for (const relation of relations) expect(solvable(relation, (k) => hidden.has(k))).toEqual([]);
      expect(hidden.get('A|1')).toBe('suppressed-small');
      expect(hidden.has('C|Y')).toBe(false);
    });

    it('hides a stock year together with its last month, which it equals', () => {
      const cells = [count('present|2010', 40), count('present|2010-12', 40), count('present|2010-11', 3)];
      const { hidden } = suppress(cells, [{ kind: 'same', members: ['present|2010', 'present|2010-12'] }, { kind: 'sum', total: 'x', parts: [] }]);
      expect(hidden.has('present|2010')).toBe(false);
      const linked = suppress([count('y', 3), count('m', 3), count('other', 8)], [{ kind: 'same', members: ['y', 'm'] }]);
      expect(Object.fromEntries(linked.hidden)).toEqual({ y: 'suppressed-small', m: 'suppressed-small' });
      const dragged = suppress([count('y', 9), count('m', 9), count('m2', 4), count('t', 13)], [
        { kind: 'same', members: ['y', 'm'] },
        { kind: 'sum', total: 't', parts: ['m', 'm2'] },
      ]);
      expect(Object.fromEntries(dragged.hidden)).toEqual({ m2: 'suppressed-small', m: 'suppressed-complementary', y: 'suppressed-complementary' });
    });
  });

  describe('when a stock moves with its flows', () => {
    it('hides a second cell of the balance, so a small flow is not the difference of two published stocks', () => {
      // present(Mar) = present(Feb) + arrivals − departures: 48 = 40 + 10 − 2, with departures small.
      const cells = [count('present|02', 40), count('present|03', 48), count('arrivals|03', 10), count('departures|03', 2), count('transfersIn|03', 0)];
      const balance: Relation = { kind: 'balance', members: ['present|03', 'present|02', 'arrivals|03', 'departures|03', 'transfersIn|03'] };
      const { hidden } = suppress(cells, [balance]);
      expect(Object.fromEntries(hidden)).toEqual({ 'departures|03': 'suppressed-small', 'arrivals|03': 'suppressed-complementary' });
      expect(solvable(balance, (k) => hidden.has(k))).toEqual([]);
    });
  });

  describe('over random tables', () => {
    it('publishes no count from 1 to 4 and leaves no hidden cell alone in any equation', () => {
      for (let seed = 1; seed <= 300; seed += 1) {
        const random = seeded(seed);
        const { cells, relations } = randomTable(random, 2 + Math.floor(random() * 4), 2 + Math.floor(random() * 12), random() < 0.5 ? 8 : 40);
        const { hidden } = suppress(cells, relations);
        const smallPublished = cells.filter((cell) => !hidden.has(cell.key) && cell.value >= 1 && cell.value <= 4).map((cell) => cell.key);
        const alone = relations.flatMap((relation) => solvable(relation, (k) => hidden.has(k)));
        expect({ seed, smallPublished, alone }).toEqual({ seed, smallPublished: [], alone: [] });
      }
    });

  it('solving any one equation for its hidden cells never pins one down', () => {
      for (let seed = 301; seed <= 400; seed += 1) {
        const random = seeded(seed);
        const { cells, relations } = randomTable(random, 3, 6, 12);
        const { hidden } = suppress(cells, relations);
        const values = new Map(cells.map((c) => [c.key, c.value]));
        const broken: string[] = [];
        for (const relation of relations) {
          if (relation.kind !== 'sum') continue;
          const unknowns = [relation.total, ...relation.parts].filter((k) => hidden.has(k));
          if (unknowns.length === 0) continue;
          // With two or more unknowns one equation has a family of solutions: shifting one unit between two of them.
          const [first, second] = unknowns as [string, string];
          const sign = (k: string) => (k === relation.total ? -1 : 1);
          const shifted = new Map(values);
          shifted.set(first, (values.get(first) as number) + sign(first));
          shifted.set(second, (values.get(second) as number) - sign(second));
          const sum = relation.parts.reduce((a, k) => a + (shifted.get(k) as number), 0);
          if (sum !== shifted.get(relation.total)) broken.push(relation.total);
        }
        expect({ seed, broken }).toEqual({ seed, broken: [] });
      }
    });
  });

  describe('against the previous release', () => {
    const year: Relation = { kind: 'sum', total: 'year', parts: ['jan', 'feb', 'mar'] };
    const previous = (published: Record<string, number>, hidden: Record<string, number>): PreviousRelease => ({
      published: new Map(Object.entries(published)),
      hidden: new Map(Object.entries(hidden)),
    });

    it('keeps a hidden cell hidden while its value has not changed, even once it is no longer needed', () => {
      // Before: jan 3 (small) and feb 6 (its complement) hidden. Now jan grew to 40: feb is unchanged and stays hidden.
      const before = previous({ year: 19, mar: 10 }, { jan: 3, feb: 6 });
      const { hidden } = suppress([count('year', 56), count('jan', 40), count('feb', 6), count('mar', 10)], [year], before);
      expect(hidden.get('feb')).toBe('suppressed-complementary');
      // Publishing feb would have given away last release's jan: 19 - 10 - 6 = 3.
      expect(solvable(year, (k) => hidden.has(k))).toEqual([]);
    });

    it('publishes a once-hidden cell again when its value has changed and nothing else needs it', () => {
      const before = previous({ year: 19, mar: 10 }, { jan: 3, feb: 6 });
      const { hidden } = suppress([count('year', 70), count('jan', 40), count('feb', 20), count('mar', 10)], [year], before);
      expect(hidden.size).toBe(0);
    });

    it('does not count on a complement the observer already knows from the previous release', () => {
      // Before: all published, mar 0. Now mar is 2 (small): the year rose by exactly 2. Hiding jan, unchanged since
      // it was published as 5, would hide nothing; the complement must be a cell whose value the observer lacks.
      const before = previous({ year: 25, jan: 5, feb: 20, mar: 0 }, {});
      const { hidden } = suppress([count('year', 27), count('jan', 5), count('feb', 20), count('mar', 2)], [year], before);
      expect(Object.fromEntries(hidden)).toEqual({ mar: 'suppressed-small', year: 'suppressed-complementary' });
    });

    it('leaves no equation with a single cell the observer cannot read, over random successive releases', () => {
      for (let seed = 401; seed <= 550; seed += 1) {
        const random = seeded(seed);
        const first = randomTable(random, 3, 5, 10);
        const firstRun = suppress(first.cells, first.relations);
        const hiddenValues = new Map(first.cells.filter((c) => firstRun.hidden.has(c.key)).map((c) => [c.key, c.value]));
        const published = new Map(first.cells.filter((c) => !firstRun.hidden.has(c.key)).map((c) => [c.key, c.value]));
        // The next release: the same table with a few inner cells grown by late events, totals kept consistent.
        const values = new Map(first.cells.map((c) => [c.key, c.value]));
        for (const cell of first.cells) {
          const [s, m] = cell.key.split('|') as [string, string];
          if (s === 'T' || m === 'Y' || random() > 0.25) continue;
          const growth = 1 + Math.floor(random() * 3);
          for (const k of [cell.key, `${s}|Y`, `T|${m}`, 'T|Y']) values.set(k, (values.get(k) as number) + growth);
        }
        const second = first.cells.map((c) => count(c.key, values.get(c.key) as number));
        const { hidden } = suppress(second, first.relations, { published, hidden: hiddenValues });
        const knownBefore = (k: string) => published.get(k) === values.get(k);
        const alone = first.relations.flatMap((relation) => solvable(relation, (k) => hidden.has(k) && !knownBefore(k)));
        const unchangedButShown = [...hiddenValues].filter(([key, value]) => values.get(key) === value && !hidden.has(key)).map(([key]) => key);
        expect({ seed, alone, unchangedButShown }).toEqual({ seed, alone: [], unchangedButShown: [] });
      }
    });
  });
});
