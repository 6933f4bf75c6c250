import 'reflect-metadata';
import { readSideMainOf } from '@kinship/runtime';
import { Module } from '@nestjs/common';
import { ProjectionsModule } from './projections.module';
import { EVENT_STORE } from './projections.tokens';
import { indicatorFeedOf } from './district-indicators/feed-publisher';

/** The projections module reads `EVENT_STORE` only for `headPosition()`: here the source stores' head as Kafka carries it. */
@Module({ providers: [{ provide: EVENT_STORE, useExisting: 'LogHead' }], exports: [EVENT_STORE] })
class KafkaLogHeadModule {}

// The projections service as its own process (distributed mode), configured by environment: see libs/runtime.
// It writes no events: every context's events arrive over Kafka, tenants come from the shared org directory.
readSideMainOf('projections', (config) => ({
  title: 'Kinship projections',
  description: 'Read models of every context, the query API, and the operator endpoints for projections and dead letters.',
  modules: () => [ProjectionsModule.forRoot({ imports: [KafkaLogHeadModule], indicatorFeed: indicatorFeedOf(config) })],
}));
