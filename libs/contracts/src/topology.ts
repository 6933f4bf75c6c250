import { BROKERAGE_CATEGORIES } from './brokerage/brokerage.events';
import { CASES_CATEGORIES } from './cases/cases.events';
import { REGISTRY_CATEGORIES } from './registry/registry.events';
import { VOLUNTEERING_CATEGORIES } from './volunteering/volunteering.events';

/**
 * Which bounded context writes which stream categories: the relays publish a context's categories to its events
 * topic (`<context>.events.v1`) and consumers subscribe by category, so both sides route with this one table.
 */
export const CATEGORIES_BY_CONTEXT = {
  registry: REGISTRY_CATEGORIES,
  cases: CASES_CATEGORIES,
  volunteering: VOLUNTEERING_CATEGORIES,
  brokerage: BROKERAGE_CATEGORIES,
} as const satisfies Record<string, readonly string[]>;

export type BoundedContext = keyof typeof CATEGORIES_BY_CONTEXT;
