import { EventEnvelope } from '@kinship/contracts';
import { Collection, Document } from '@kinship/documents';
import { fieldName } from '../district-indicators/district-indicators.document';

/**
 * What a fact (one small document per source stream, or per entity within a stream) remembers of the last event it
 * counted: the stream version, and the aggregates that event added to.
 */
export interface CountedMark {
  version: number;
  aggregates: string[];
}

/** A fact document of `countOnce`: its own fields plus the mark of the last event it counted. */
export type CountedFact = Document & { _counted?: CountedMark };

/** A shared aggregate of `countOnce`: the marks (by `fieldName` of the fact id) of the events adding to it right now. */
export type CountingAggregate = Document & { _counting?: Record<string, number> };

/** What one event adds to one aggregate: increments, and fields set alongside them (identity fields). */
export interface AggregateIncrement {
  id: string;
  inc: Record<string, number>;
  set?: Record<string, unknown>;
}

/** What an event changes: the increments it adds, and the fact as it leaves it (null: the event counts nothing). */
export type CountPlan<F> = { increments: readonly AggregateIncrement[]; fact: F } | null;

/**
 * Applies an event's increments to aggregates shared by many streams (a station's day) exactly once, keeping those
 * documents bounded: the applied stream version lives on the event's fact, not on the aggregate. An aggregate only
 * holds, under `_counting`, the marks of the events adding to it right now: each increment sets the fact's mark in
 * the same atomic update, the fact is written next, then the mark is taken off. A redelivery after a crash between
 * the increment and the fact finds the mark and adds nothing; one after the fact was written finds the fact counted
 * and only takes off what the crash left behind.
 */
export async function countOnce<F extends Omit<CountedFact, '_id' | '_counted'>>(options: {
  event: Pick<EventEnvelope, 'streamVersion'>;
  facts: Collection<CountedFact>;
  aggregates: Collection<CountingAggregate>;
  factId: string;
  /** Counters every new aggregate starts with (zeros, so that readers find each field). */
  zeros?: Record<string, number>;
  /** Reads the fact as the event finds it (null for a new one) and says what the event changes. */
  plan: (previous: (CountedFact & F) | null) => Promise<CountPlan<F>>;
}): Promise<void> {
  const { event, facts, aggregates, factId } = options;
  const mark = `_counting.${fieldName(factId)}`;
  // Every fact of this collection was written below, from a plan's `F`.
  const previous = (await facts.get(factId)) as (CountedFact & F) | null;
  const counted = previous?._counted;
  if (counted !== undefined && counted.version >= event.streamVersion) {
    for (const id of counted.aggregates) {
      if ((await aggregates.get(id))?._counting?.[fieldName(factId)] !== undefined) await aggregates.update(id, { $unset: { [mark]: true } });
    }
    return;
  }
  const planned = await options.plan(previous);
  if (planned === null) return;
  const touched = [...new Set(planned.increments.map((increment) => increment.id))];
  for (const id of touched) {
    const existing = await aggregates.get(id);
    if ((existing?._counting?.[fieldName(factId)] ?? -1) >= event.streamVersion) continue;
    const own = planned.increments.filter((increment) => increment.id === id);
    const inc: Record<string, number> = existing === null ? { ...options.zeros } : {};
    for (const increment of own) for (const [path, by] of Object.entries(increment.inc)) inc[path] = (inc[path] ?? 0) + by;
    // Increments, not a rewrite: with Kafka, consumers of other partitions add to the same document meanwhile.
    await aggregates.update(id, { $set: { ...Object.assign({}, ...own.map((increment) => increment.set ?? {})), [mark]: event.streamVersion }, $inc: inc }, { upsert: true });
  }
  await facts.upsert({ ...planned.fact, _id: factId, _counted: { version: event.streamVersion, aggregates: touched } });
  for (const id of touched) await aggregates.update(id, { $unset: { [mark]: true } });
}
