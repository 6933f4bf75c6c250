/** The registry's pure domain: deciders, their commands and states, and the permit calendar. */
export * from './resident/resident.decider';
export * from './household/household.decider';
export * from './id-number-claim/id-number-claim.decider';
export * from './census/census.decider';
export * from './permit/residence-permit';
export * from './permit/calendar-date';
