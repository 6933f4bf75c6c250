import { casesStreams, CaseReceived, CATEGORIES_BY_CONTEXT, EventEnvelope, streamCategory } from '@kinship/contracts';
import { alreadyApplied, markApplied, Projection, ProjectionContext } from '../projection/projection';
import {
  AGGREGATE_INDEXES,
  AGGREGATES,
  AggregateDocument,
  ERASURES,
  ErasureNoteDocument,
  FACTS,
  fieldName,
  StreamFactDocument,
} from './district-indicators.document';
import {
  contributionDelta,
  COUNTED_EVENT_TYPES,
  ERASURE_EVENT_TYPES,
  factIdOf,
  foldIndicatorEvent,
  FoldContext,
  HOURS_EVENT_TYPES,
  parseContributionKey,
} from './indicator-facts';

export const DISTRICT_INDICATORS = 'district-indicators';

/** The categories whose events feed an indicator or note an erasure. */
const FOLLOWED = {
  registry: ['resident', 'census'],
  cases: ['case'],
  volunteering: ['volunteer', 'pairing', 'aidfund'],
  brokerage: ['lease', 'invoice', 'surplus', 'landlord', 'housing'],
} as const satisfies { [C in keyof typeof CATEGORIES_BY_CONTEXT]: ReadonlyArray<(typeof CATEGORIES_BY_CONTEXT)[C][number]> };

export const DISTRICT_INDICATOR_CATEGORIES: readonly string[] = Object.values(FOLLOWED).flat();

/** Streams spread over this many aggregates per station, month and category, to keep each one's applied-versions map short. */
const BUCKETS = 8;

function bucketOf(streamId: string): number {
  let hash = 0;
  for (let i = 0; i < streamId.length; i += 1) hash = (hash * 31 + streamId.charCodeAt(i)) | 0;
  return Math.abs(hash) % BUCKETS;
}

/**
 * Serialises the projection's writes with the reading of a release in this process, so a release never reads an
 * event half applied, and tells how far the applied events go.
 */
export class IndicatorsGate {
  private tail: Promise<void> = Promise.resolve();
  private through = 0;

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  applied(position: number): void {
    this.through = Math.max(this.through, position);
  }

  /** The highest position applied in this process (by any build). */
  appliedThrough(): number {
    return this.through;
  }
}

/** One gate per process: the projection the catalogue builds and the release service share it. */
export const DISTRICT_INDICATORS_GATE = new IndicatorsGate();

/**
 * The district indicators (DESIGN §4): the raw, unsuppressed figures per station and month, from the events of
 * the registry, cases, volunteering and brokerage. Each source stream (each hours entry) keeps its fact (state +
 * contributions); an event changes the fact, and the difference lands on the aggregates as increments.
 * Idempotent: an aggregate records the stream versions it reflects and the fact is written last, so a redelivery
 * after a crash between the two recomputes the same difference and applies only what is missing.
 */
export function districtIndicatorsProjection(gate: IndicatorsGate = DISTRICT_INDICATORS_GATE): Projection {
  async function apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const erasure = ERASURE_EVENT_TYPES.includes(event.type);
    if (!erasure && !COUNTED_EVENT_TYPES.has(event.type) && !HOURS_EVENT_TYPES.includes(event.type)) return;
    const facts = ctx.collection<StreamFactDocument>(FACTS);
    const factId = factIdOf(event);
    const existing = await facts.get(factId);
    if (alreadyApplied(existing, event)) return;

    if (erasure) {
      await ctx.collection<ErasureNoteDocument>(ERASURES).upsert({ _id: event.id, type: event.type, position: event.position, occurredAt: event.occurredAt });
    }
    const before = existing ? { state: existing.state, contributions: existing.contributions } : null;
    const after = foldIndicatorEvent(before, event, await foldContext(event, ctx));
    // Nothing this stream counts changed (a note, an assignment): the fact stays as it is.
    if (after === null || after === before) return;
    const delta = contributionDelta(before?.contributions ?? {}, after.contributions);

    const byAggregate = new Map<string, Array<[string, number]>>();
    for (const [key, change] of Object.entries(delta)) {
      const { stationId, month, metric } = parseContributionKey(key);
      const id = `${stationId}|${month}|${streamCategory(event.streamId)}|${bucketOf(event.streamId)}`;
      byAggregate.set(id, [...(byAggregate.get(id) ?? []), [metric, change]]);
    }
    const aggregates = ctx.collection<AggregateDocument>(AGGREGATES);
    const stream = fieldName(event.streamId);
    for (const [id, changes] of byAggregate) {
      const seen = (await aggregates.get(id))?.applied?.[stream];
      if (seen !== undefined && seen >= event.streamVersion) continue;
      const [stationId, month] = id.split('|') as [string, string];
      // Increments, not a rewrite: with Kafka, consumers of other partitions add to the same document meanwhile.
      await aggregates.update(
        id,
        {
          $set: { stationId, month, [`applied.${stream}`]: event.streamVersion },
          $inc: Object.fromEntries(changes.map(([metric, change]) => [`values.${fieldName(metric)}`, change])),
        },
        { upsert: true },
      );
    }
    await facts.upsert({ _id: factId, _sources: markApplied(existing, event), state: after.state, contributions: after.contributions });
  }

  async function foldContext(event: EventEnvelope, ctx: ProjectionContext): Promise<FoldContext> {
    if (event.type !== CaseReceived.type) return {};
    const { caseId, fromStationId } = CaseReceived.schema.parse(event.data);
    const origin = await ctx.collection<StreamFactDocument>(FACTS).get(casesStreams.case(fromStationId, caseId));
    return origin?.state.kind === 'case' ? { openedAtElsewhere: origin.state.openedAt } : {};
  }

  return {
    name: DISTRICT_INDICATORS,
    version: 1,
    categories: DISTRICT_INDICATOR_CATEGORIES,
    collections: {
      [FACTS]: {},
      [AGGREGATES]: { indexes: AGGREGATE_INDEXES },
      [ERASURES]: { indexes: [{ fields: { position: 1 } }] },
    },
    async apply(event, ctx) {
      await gate.exclusive(async () => {
        await apply(event, ctx);
        gate.applied(event.position);
      });
    },
  };
}
