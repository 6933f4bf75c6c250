/** Volunteering's pure domain: deciders, their commands and states, and the station calendar. */
export * from './volunteer/volunteer.decider';
export * from './activity/activity.decider';
export * from './pairing/pairing.decider';
export * from './aid-fund/aid-fund.decider';
export * from './volunteer-record/volunteer-record.decider';
export * from './resident-link/resident-link.decider';
export * from './shared/station-time';
