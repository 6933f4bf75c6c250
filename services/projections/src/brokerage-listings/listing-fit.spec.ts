import { Candidate, fitOf, rankByFit } from './listing-fit';

const needs = { budgetFen: 150_000, householdSize: 3, workArea: '广瑞路工业园' };
const unit = (overrides: Partial<Candidate>): Candidate => ({
  listingId: 'l',
  monthlyRentFen: 120_000,
  areaSqm: 36,
  rooms: 2,
  compound: '广瑞一村',
  nearby: [],
  ...overrides,
});

describe('the fit of a listing to a household', () => {
  it('is none at all above the budget', () => {
    expect(fitOf(needs, unit({ monthlyRentFen: 150_001 }))).toBeNull();
  });

  it('adds up what is left of the budget, room to live, rooms and being near work', () => {
    // 40 × 30,000 / 150,000 = 8, at 80% of the budget; 36 m² for three is exactly enough (30); two rooms (10); near the park (20).
    expect(fitOf(needs, unit({ nearby: ['广瑞路工业园'] }))).toEqual({ score: 68, reasons: ['well-within-budget', 'enough-space', 'enough-rooms', 'near-work'] });
  });

  it('counts a unit in the compound where they work as near', () => {
    expect(fitOf({ ...needs, workArea: '广瑞一村' }, unit({}))?.reasons).toContain('near-work');
  });

  it('gives less for a cramped unit with too few rooms', () => {
    expect(fitOf(needs, unit({ areaSqm: 18.5, rooms: 1, monthlyRentFen: 60_000 }))).toEqual({ score: 24 + 15, reasons: ['well-within-budget'] });
  });
});

describe('ranking listings for a request', () => {
  it('puts the best fit first, the cheaper of equal fits next, and drops what is over budget', () => {
    const ranked = rankByFit(needs, [
      unit({ listingId: 'far', monthlyRentFen: 100_000 }),
      unit({ listingId: 'near', monthlyRentFen: 140_000, nearby: ['广瑞路工业园'] }),
      unit({ listingId: 'dear', monthlyRentFen: 200_000, nearby: ['广瑞路工业园'] }),
      unit({ listingId: 'twin-b', monthlyRentFen: 100_000 }),
    ]);
    expect(ranked.map((r) => [r.listingId, r.fit.score])).toEqual([
      ['near', 62],
      ['far', 53],
      ['twin-b', 53],
    ]);
  });
});
