import { IndicatorRelease, IndicatorReleaseSummary } from '@kinship/contracts';
import { Collection, DocumentStore } from '@kinship/documents';
import { DomainError } from '@kinship/eventsourcing';
import { OrgDirectoryReader } from '@kinship/tenancy';
import { ProjectionRunner } from '../projection/projection-runner';
import {
  AGGREGATES,
  AggregateDocument,
  PUBLICATIONS_COLLECTION,
  PublicationDocument,
  ReleaseDocument,
  RELEASE_HEADERS_COLLECTION,
  ReleaseHeaderDocument,
  RELEASES_COLLECTION,
  stationMonthOf,
} from './district-indicators.document';
import { DISTRICT_INDICATORS, IndicatorsGate } from './district-indicators.projection';
import { IndicatorFeedPublisher } from './feed-publisher';
import { assembleRelease, publicRelease } from './indicator-release';
import { buildIndicatorTable } from './indicator-table';

/** A release in the list: everything but its cells, and where it was published. */
export type ReleaseSummary = IndicatorReleaseSummary;

export interface ReleaseLogger {
  error(message: string, context?: Record<string, unknown>): void;
}

export interface DistrictIndicatorReleasesOptions {
  store: DocumentStore;
  runner: Pick<ProjectionRunner, 'collection' | 'position' | 'waitFor'>;
  /** How long a request with `afterPosition` waits for the projection (default 5000 ms). */
  readYourWritesTimeoutMs?: number;
  org: OrgDirectoryReader;
  publisher: IndicatorFeedPublisher;
  gate: IndicatorsGate;
  now?: () => Date;
  logger?: ReleaseLogger;
}

/**
 * Issues, stores and publishes the releases of the district feed. A release reads the projection's aggregates
 * while no event is being applied (the gate), at the position the projection has reached, suppresses them
 * against the previous release, and is numbered in order; releases are issued one at a time.
 */
export class DistrictIndicatorReleases {
  private queue: Promise<unknown> = Promise.resolve();
  private releasesCollection: Promise<Collection<ReleaseDocument>> | undefined;
  private publicationsCollection: Promise<Collection<PublicationDocument>> | undefined;
  private headersCollection: Promise<Collection<ReleaseHeaderDocument>> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: DistrictIndicatorReleasesOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Issues a release now; with `afterPosition`, once the projection has applied the log up to it (bounded wait). */
  async issue(reason: IndicatorRelease['reason'], afterPosition?: number): Promise<ReleaseDocument> {
    if (afterPosition !== undefined) await this.options.runner.waitFor(DISTRICT_INDICATORS, afterPosition, this.options.readYourWritesTimeoutMs ?? 5000);
    return this.serially(() => this.issueNow(reason));
  }

  /**
   * Re-issues the feed after an erasure at `position`, unless a release already reflects it; returns the new
   * release, or null when none was needed (no release yet, or the last one was computed after the erasure).
   */
  reissueAfterErasure(position: number): Promise<ReleaseDocument | null> {
    return this.serially(async () => {
      const [last] = await (await this.headers()).find({}, { sort: { sequence: -1 }, limit: 1 });
      if (!last || last.computedAtPosition >= position) return null;
      return this.issueNow('erasure');
    });
  }

  async latest(): Promise<ReleaseDocument> {
    const last = await this.lastRelease();
    if (!last) throw new DomainError('no-indicator-release', 'No release of the district indicators has been issued yet.', 404);
    return last;
  }

  async get(releaseId: string): Promise<ReleaseDocument> {
    const found = await (await this.releases()).get(releaseId);
    if (!found) throw new DomainError('indicator-release-not-found', `No release ${releaseId} of the district indicators.`, 404);
    return found;
  }

  async list(): Promise<ReleaseSummary[]> {
    const headers = await (await this.headers()).find({}, { sort: { sequence: -1 } });
    const publications = new Map((await (await this.publications()).find({})).map((p) => [p.releaseId, p]));
    return headers.map(({ _id, ...header }) => {
      const publication = publications.get(header.releaseId);
      return {
        ...header,
        publication: publication ? { topic: publication.topic, transport: publication.transport, publishedAt: publication.publishedAt } : null,
      };
    });
  }

  private async issueNow(reason: IndicatorRelease['reason']): Promise<ReleaseDocument> {
    const previous = await this.lastRelease();
    const { rows, position } = await this.options.gate.exclusive(async () => {
      const aggregates = this.options.runner.collection<AggregateDocument>(DISTRICT_INDICATORS, AGGREGATES);
      const found = (await aggregates.find({})).map(stationMonthOf);
      // The consumer's position lags the handler by a moment; what the gate saw applied is as far as the rows go.
      const consumer = (await this.options.runner.position(DISTRICT_INDICATORS)) ?? 0;
      return { rows: found, position: Math.max(consumer, this.options.gate.appliedThrough()) };
    });
    const table = buildIndicatorTable(rows, this.options.org.list());
    const release = assembleRelease(table, previous, {
      sequence: (previous?.sequence ?? 0) + 1,
      issuedAt: this.now().toISOString(),
      computedAtPosition: position,
      reason,
    });
    await (await this.releases()).upsert(release);
    const { cells, ...header } = publicRelease(release);
    await (await this.headers()).upsert({ _id: release.releaseId, ...header, cellCount: cells.length });
    await this.publishPending();
    return release;
  }

  /** Publishes, in order, every release not published yet: a failed send is retried with the next release. */
  private async publishPending(): Promise<void> {
    const publications = await this.publications();
    const done = new Set((await publications.find({})).map((p) => p.releaseId));
    const pending = (await (await this.headers()).find({}, { sort: { sequence: 1 } })).filter((r) => !done.has(r.releaseId));
    for (const { releaseId } of pending) {
      const release = await this.get(releaseId);
      try {
        await this.options.publisher.publish(publicRelease(release));
      } catch (error) {
        this.options.logger?.error('could not publish the district indicators release; it is retried with the next one', {
          releaseId: release.releaseId,
          err: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      await publications.upsert({
        _id: release.releaseId,
        releaseId: release.releaseId,
        sequence: release.sequence,
        topic: this.options.publisher.topic,
        transport: this.options.publisher.transport,
        publishedAt: this.now().toISOString(),
        contentHash: release.contentHash,
      });
    }
  }

  private async lastRelease(): Promise<ReleaseDocument | null> {
    const [last] = await (await this.headers()).find({}, { sort: { sequence: -1 }, limit: 1 });
    return last ? this.get(last.releaseId) : null;
  }

  private releases(): Promise<Collection<ReleaseDocument>> {
    this.releasesCollection ??= this.options.store.collection<ReleaseDocument>(RELEASES_COLLECTION, { indexes: [{ fields: { sequence: 1 }, unique: true }] });
    return this.releasesCollection;
  }

  /** The releases without their cells, for the list and to find the last one without reading them all. */
  private headers(): Promise<Collection<ReleaseHeaderDocument>> {
    this.headersCollection ??= this.options.store.collection<ReleaseHeaderDocument>(RELEASE_HEADERS_COLLECTION, { indexes: [{ fields: { sequence: 1 }, unique: true }] });
    return this.headersCollection;
  }

  private publications(): Promise<Collection<PublicationDocument>> {
    this.publicationsCollection ??= this.options.store.collection<PublicationDocument>(PUBLICATIONS_COLLECTION);
    return this.publicationsCollection;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
