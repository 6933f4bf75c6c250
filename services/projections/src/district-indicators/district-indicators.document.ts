import { Document, IndexSpec } from '@kinship/documents';
import { IndicatorRelease, IndicatorReleaseSummary } from '@kinship/contracts';
import { CountedFact, CountingAggregate } from '../stream-facts/count-once';
import { Contributions, StreamState } from './indicator-facts';

/** What the indicators keep of one source stream (or hours entry): its state and its current contributions. */
export type IndicatorFact = { state: StreamState; contributions: Contributions };

/** An `IndicatorFact` as stored, `_id` = `factIdOf` the event. */
export type StreamFactDocument = CountedFact & IndicatorFact;

/**
 * The raw, unsuppressed figures of one station and month, `_id` = `<stationId>|<YYYY-MM>` (`aggregateId`). Shared by
 * every stream counted there, so it records none of them (see `countOnce`): its size depends on its metrics only.
 */
export type AggregateDocument = CountingAggregate & {
  stationId: string;
  month: string;
  /** Field-safe metric name (see `fieldName`) → sum of the contributions; a metric back at zero stays, as 0. */
  values: Record<string, number>;
};

export function aggregateId(stationId: string, month: string): string {
  return `${stationId}|${month}`;
}

/**
 * A name as a document field path segment: the stores accept letters, digits and '_' only, so every other
 * character (and '_' itself) is written as '_' and four hex digits. Reversible by `fromFieldName`.
 */
export function fieldName(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function fromFieldName(field: string): string {
  return field.replace(/_([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An erasure the projection saw, `_id` = event id: it changes no figure but makes the last release stale. */
export type ErasureNoteDocument = Document & {
  type: string;
  position: number;
  occurredAt: string;
};

/** A stored release: the published contract plus, for the next release only, the raw values it hid. */
export type ReleaseDocument = Document &
  IndicatorRelease & {
    /** Cell key → raw value of each cell this release hid; never served, read by the next release's suppression. */
    hiddenValues: Record<string, number>;
  };

/** A release's header (everything but its cells), `_id` = release id. */
export type ReleaseHeaderDocument = Document & Omit<IndicatorReleaseSummary, 'publication'>;

/** One publication of a release to the feed (the outbox record in embedded mode, the receipt with Kafka). */
export type PublicationDocument = Document & {
  releaseId: string;
  sequence: number;
  topic: string;
  transport: 'outbox' | 'kafka';
  publishedAt: string;
  contentHash: string;
};

export const FACTS = 'facts';
export const AGGREGATES = 'aggregates';
export const ERASURES = 'erasures';
export const AGGREGATE_INDEXES: IndexSpec[] = [{ fields: { stationId: 1, month: 1 } }];

/** Releases and publications outlive rebuilds of the projection: they are what was published. */
export const RELEASES_COLLECTION = 'district-indicator-releases';
export const RELEASE_HEADERS_COLLECTION = 'district-indicator-release-headers';
export const PUBLICATIONS_COLLECTION = 'district-indicator-publications';

/** An aggregate as the table reads it: its station, month and metrics by their plain names. */
export function stationMonthOf(doc: AggregateDocument): { stationId: string; month: string; values: Record<string, number> } {
  return {
    stationId: doc.stationId,
    month: doc.month,
    values: Object.fromEntries(Object.entries(doc.values ?? {}).map(([field, value]) => [fromFieldName(field), value])),
  };
}
