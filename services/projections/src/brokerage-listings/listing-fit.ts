/**
 * How well a listing fits a household's request (匹配度), 0 to 100: what they can afford first, then room to live,
 * then being near where they work. Over budget is no fit at all. Integer arithmetic, so a ranking never changes
 * with the platform it runs on.
 */

export interface HouseholdNeeds {
  budgetFen: number;
  householdSize: number;
  workArea: string;
}

export interface Candidate {
  listingId: string;
  monthlyRentFen: number;
  areaSqm: number;
  rooms: number;
  compound: string;
  nearby: readonly string[];
}

export const FIT_REASONS = ['well-within-budget', 'enough-space', 'enough-rooms', 'near-work'] as const;
export type FitReason = (typeof FIT_REASONS)[number];

export interface Fit {
  score: number;
  reasons: FitReason[];
}

/** Square metres per person that count as enough space (the city's standard for a rented home is about 12). */
const SPACE_PER_PERSON = 12;

export function fitOf(needs: HouseholdNeeds, listing: Candidate): Fit | null {
  if (listing.monthlyRentFen > needs.budgetFen) return null;
  const reasons: FitReason[] = [];
  // Up to 40 points for what is left of the budget: a household saves what it does not pay in rent.
  const affordability = Math.floor((40 * (needs.budgetFen - listing.monthlyRentFen)) / needs.budgetFen);
  if (listing.monthlyRentFen * 5 <= needs.budgetFen * 4) reasons.push('well-within-budget');
  // Areas come with one decimal: tenths of a square metre keep the arithmetic whole.
  const tenthsOfSqm = Math.round(listing.areaSqm * 10);
  const space = Math.min(30, Math.floor((30 * tenthsOfSqm) / (needs.householdSize * SPACE_PER_PERSON * 10)));
  if (tenthsOfSqm >= needs.householdSize * SPACE_PER_PERSON * 10) reasons.push('enough-space');
  // Two to a room.
  const rooms = listing.rooms * 2 >= needs.householdSize ? 10 : 0;
  if (rooms > 0) reasons.push('enough-rooms');
  const nearWork = listing.compound === needs.workArea || listing.nearby.includes(needs.workArea) ? 20 : 0;
  if (nearWork > 0) reasons.push('near-work');
  return { score: affordability + space + rooms + nearWork, reasons };
}

/** The listings that fit, best first; equal fits go to the cheaper, then by id so the order never wavers. */
export function rankByFit<L extends Candidate>(needs: HouseholdNeeds, listings: readonly L[]): Array<L & { fit: Fit }> {
  return listings
    .map((listing) => ({ listing, fit: fitOf(needs, listing) }))
    .filter((ranked): ranked is { listing: L; fit: Fit } => ranked.fit !== null)
    .sort((a, b) => b.fit.score - a.fit.score || a.listing.monthlyRentFen - b.listing.monthlyRentFen || a.listing.listingId.localeCompare(b.listing.listingId))
    .map(({ listing, fit }) => ({ ...listing, fit }));
}
