/** The case queues' read model: what the platform and the bench use from outside the projections service. */
export * from './case-queue.document';
export * from './case-queue.projection';
export * from './case-queue.service';
export * from './case-queue.provider';
