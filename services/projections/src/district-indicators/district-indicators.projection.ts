import { casesStreams, CaseReceived, CATEGORIES_BY_CONTEXT, EventEnvelope } from '@kinship/contracts';
import { Projection, ProjectionContext } from '../projection/projection';
import { AggregateIncrement, countOnce } from '../stream-facts/count-once';
import {
  AGGREGATE_INDEXES,
  aggregateId,
  AGGREGATES,
  AggregateDocument,
  ERASURES,
  ErasureNoteDocument,
  FACTS,
  fieldName,
  IndicatorFact,
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
 * contributions); an event changes the fact, and the difference lands on the station-month aggregates as increments
 * (negative when an amended entry moves its figures away). Exactly once through `countOnce`: the fact remembers the
 * version it reflects and the aggregates it changed, and an aggregate only carries the marks of the events adding to
 * it right now, so its size does not grow with the number of streams it sums.
 */
export function districtIndicatorsProjection(gate: IndicatorsGate = DISTRICT_INDICATORS_GATE): Projection {
  async function apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void> {
    const erasure = ERASURE_EVENT_TYPES.includes(event.type);
    if (!erasure && !COUNTED_EVENT_TYPES.has(event.type) && !HOURS_EVENT_TYPES.includes(event.type)) return;
    await countOnce<IndicatorFact>({
      event,
      facts: ctx.collection<StreamFactDocument>(FACTS),
      aggregates: ctx.collection<AggregateDocument>(AGGREGATES),
      factId: factIdOf(event),
      plan: async (existing) => {
        if (erasure) {
          await ctx.collection<ErasureNoteDocument>(ERASURES).upsert({ _id: event.id, type: event.type, position: event.position, occurredAt: event.occurredAt });
        }
        const before = existing && { state: existing.state, contributions: existing.contributions };
        const after = foldIndicatorEvent(before, event, await foldContext(event, ctx));
        // Nothing this stream counts changed (a note, an assignment): the fact stays as it is.
        if (after === null || after === before) return null;
        return { increments: incrementsOf(contributionDelta(before?.contributions ?? {}, after.contributions)), fact: after };
      },
    });
  }

  async function foldContext(event: EventEnvelope, ctx: ProjectionContext): Promise<FoldContext> {
    if (event.type !== CaseReceived.type) return {};
    const { caseId, fromStationId } = CaseReceived.schema.parse(event.data);
    const origin = await ctx.collection<StreamFactDocument>(FACTS).get(casesStreams.case(fromStationId, caseId));
    return origin?.state.kind === 'case' ? { openedAtElsewhere: origin.state.openedAt } : {};
  }

  return {
    name: DISTRICT_INDICATORS,
    version: 2,
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

/** A stream's change of contributions as increments of its station-months' figures. */
function incrementsOf(delta: Record<string, number>): AggregateIncrement[] {
  return Object.entries(delta).map(([key, change]) => {
    const { stationId, month, metric } = parseContributionKey(key);
    return { id: aggregateId(stationId, month), inc: { [`values.${fieldName(metric)}`]: change }, set: { stationId, month } };
  });
}
