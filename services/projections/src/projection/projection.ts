import { EventEnvelope } from '@kinship/contracts';
import { Collection, Document, IndexSpec } from '@kinship/documents';

/** What a projection sees while applying an event: the collections of the build it is writing. */
export interface ProjectionContext {
  /** A collection declared in `Projection.collections`, by its logical name. */
  collection<T extends Document = Document>(logicalName: string): Collection<T>;
}

/**
 * A named, versioned read model (DESIGN §4). Bumping `version` builds new collections beside the live
 * ones and switches queries over once they have caught up; the old ones are then dropped.
 */
export interface Projection {
  name: string;
  version: number;
  /** Stream categories it follows (the prefix of the stream id before the first '-'). */
  categories: readonly string[];
  /** Logical collection name → its indexes. The runner picks the physical names per build. */
  collections: Readonly<Record<string, { indexes?: IndexSpec[] }>>;
  /** Must be idempotent: the bus delivers at least once. See `alreadyApplied` / `markApplied`. */
  apply(event: EventEnvelope, ctx: ProjectionContext): Promise<void>;
}

/** The last applied stream version per source stream, kept on every projected document. */
export type AppliedSources = Record<string, number>;

/** A document that records which stream versions it already reflects. */
export type SourcedDocument = Document & { _sources?: AppliedSources };

/**
 * Stream ids become field names; MongoDB rejects '.' in field names and a leading '$', and the
 * document store's dotted paths would split on '.', so both are escaped (with '%' to stay reversible).
 */
export function sourceKey(streamId: string): string {
  return streamId.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Whether the document already reflects this event (a redelivery, or an older event of the stream). */
export function alreadyApplied(doc: SourcedDocument | null, event: Pick<EventEnvelope, 'streamId' | 'streamVersion'>): boolean {
  const seen = doc?._sources?.[sourceKey(event.streamId)];
  return seen !== undefined && seen >= event.streamVersion;
}

/** Returns the document's sources with this event recorded as applied. */
export function markApplied(doc: SourcedDocument | null, event: Pick<EventEnvelope, 'streamId' | 'streamVersion'>): AppliedSources {
  return { ...(doc?._sources ?? {}), [sourceKey(event.streamId)]: event.streamVersion };
}

/** The consumer group of one build: the live build of a version keeps the plain name. */
export function consumerGroup(name: string, version: number, build: number): string {
  return build === 1 ? `projection.${name}.v${version}` : `projection.${name}.v${version}.b${build}`;
}
