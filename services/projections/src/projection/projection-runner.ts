import { Collection, Document, DocumentBatch, DocumentStore, withDocumentBatch } from '@kinship/documents';
import { Consumer, MessageBus } from '@kinship/messaging';
import { consumerGroup, Projection, ProjectionContext } from './projection';

/** Where the runner learns how far the log goes (the event store, or the source stores' head as Kafka carries it). */
export interface HeadPositionSource {
  /**
   * How far the log of a projection's categories goes. Positions compare only within one source store, so a
   * source that follows several (Kafka) answers for the store that writes these categories; a single store
   * may ignore them.
   */
  headPosition(categories?: readonly string[]): Promise<number>;
}

/** Structured log sink; the Nest `Logger` and pino both fit. */
export interface RunnerLogger {
  log(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface ProjectionRunnerOptions {
  store: DocumentStore;
  bus: MessageBus;
  head: HeadPositionSource;
  projections: readonly Projection[];
  logger?: RunnerLogger;
  now?: () => Date;
  /** How long one catch-up check of a rebuild waits before it looks at the head again. */
  catchUpSliceMs?: number;
}

/** The collection holding one pointer document per projection: which build queries read. */
export const PROJECTION_META_COLLECTION = 'projection-meta';

/** One build of a projection: a version, a build number, its consumer group and physical collections. */
export interface BuildRef {
  version: number;
  build: number;
  group: string;
  collections: Record<string, string>;
  startedAt: string;
}

type MetaDocument = Document & {
  active: BuildRef | null;
  pending: BuildRef | null;
  /** Highest build number used per version, so a new build never reuses a group with a checkpoint. */
  lastBuild: Record<string, number>;
  switchedAt: string | null;
};

export type ProjectionState = 'live' | 'rebuilding';

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  /** The build queries read: its version, group and physical collections. */
  active: BuildRef | null;
  /** Null while queries read a previous version that no code in this process applies any more. */
  position: number | null;
  headPosition: number;
  lag: number | null;
  rebuild: (BuildRef & { position: number; lag: number }) | null;
}

export class ProjectionNotFoundError extends Error {
  constructor(readonly projection: string) {
    super(`No projection named ${projection}`);
  }
}

export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`Projection ${projection} is already being rebuilt`);
  }
}

/** The read model has not caught up with the asked position in time (read-your-writes). */
export class ProjectionBehindError extends Error {
  constructor(
    readonly projection: string,
    readonly position: number,
    readonly reached: number | null,
    cause?: unknown,
  ) {
    super(`Projection ${projection} has not reached position ${position} in time`, { cause });
  }
}

interface RunningBuild {
  ref: BuildRef;
  consumer: Consumer | null;
  ctx: ProjectionContext;
}

interface Slot {
  projection: Projection;
  meta: MetaDocument;
  active: RunningBuild | null;
  pending: RunningBuild | null;
  /** Settles when the pending build has become the active one. */
  switched: Promise<void> | null;
}

/** Physical collection names carry the projection, the version and the build, so builds live side by side. */
export function physicalCollectionName(projection: string, logical: string, version: number, build: number): string {
  return `${projection}.${logical}.v${version}.b${build}`;
}

/**
 * Runs projections on the bus and keeps their read models disposable (DESIGN §4): every build writes
 * its own collections under its own consumer group, and the pointer in `projection-meta` moves to a
 * new build only once that build has caught up with the head of the log.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly handles = new Map<string, Collection>();
  private meta: Collection<MetaDocument> | null = null;
  private stopped = false;
  private readonly background = new Set<Promise<void>>();
  private readonly logger: RunnerLogger;
  private readonly now: () => Date;
  private readonly catchUpSliceMs: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new Error(`Projection names must be unique: ${names.join(', ')}`);
    this.logger = options.logger ?? { log: () => undefined, error: () => undefined };
    this.now = options.now ?? (() => new Date());
    this.catchUpSliceMs = options.catchUpSliceMs ?? 1000;
  }

  /** Subscribes every projection; a projection whose version changed starts building beside the old one. */
  async start(): Promise<void> {
    this.stopped = false;
    this.meta = await this.options.store.collection<MetaDocument>(PROJECTION_META_COLLECTION);
    for (const projection of this.options.projections) await this.startProjection(projection);
  }

  /** Stops every consumer; the read models and checkpoints stay for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots.values()) {
      await slot.pending?.consumer?.stop();
      await slot.active?.consumer?.stop();
    }
    await Promise.allSettled([...this.background]);
    this.slots.clear();
    this.handles.clear();
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /** The collection queries read now (the active build's), by logical name. */
  collection<T extends Document = Document>(name: string, logical: string): Collection<T> {
    const active = this.slot(name).active;
    if (!active) throw new ProjectionNotFoundError(name);
    return active.ctx.collection<T>(logical);
  }

  /** The position the collections that queries read have reached (null when no consumer feeds them). */
  async position(name: string): Promise<number | null> {
    const consumer = this.slot(name).active?.consumer;
    return consumer ? consumer.position() : null;
  }

  /**
   * Resolves once the collections that queries read reflect everything up to `position`; otherwise
   * rejects with `ProjectionBehindError` after `timeoutMs`.
   */
  async waitFor(name: string, position: number, timeoutMs: number): Promise<void> {
    const slot = this.slot(name);
    const deadline = Date.now() + timeoutMs;
    const remaining = () => Math.max(0, deadline - Date.now());
    for (;;) {
      const active = slot.active;
      try {
        if (!active?.consumer) {
          // Queries read a previous version nobody feeds: the write becomes visible only with the switch.
          if (!slot.switched) throw new Error('no consumer feeds the active build');
          await withTimeout(slot.switched, remaining());
          continue;
        }
        await withTimeout(active.consumer.waitFor(position, remaining()), remaining());
        return;
      } catch (cause) {
        // A switch to a rebuilt build stops the consumer being waited on: wait on its successor instead.
        if (slot.active !== active && remaining() > 0) continue;
        const reached = await this.position(name).catch(() => null);
        throw new ProjectionBehindError(name, position, reached, cause);
      }
    }
  }

  /**
   * Builds the projection again from position 0 into new collections under a new consumer group, and
   * switches queries to them once they have caught up. Returns at once; `done` settles after the switch.
   */
  async rebuild(name: string): Promise<{ build: BuildRef; done: Promise<void> }> {
    const slot = this.slot(name);
    // Checked and claimed before any await, so two concurrent requests cannot both start a build.
    if (slot.meta.pending) throw new RebuildInProgressError(name);
    const ref = this.nextBuild(slot);
    slot.meta.pending = ref;
    try {
      await this.saveMeta(slot);
    } catch (error) {
      slot.meta.pending = null;
      throw error;
    }
    const done = this.startPending(slot, ref, true);
    return { build: ref, done };
  }

  async status(): Promise<ProjectionStatus[]> {
    const result: ProjectionStatus[] = [];
    for (const slot of this.slots.values()) {
      const head = await this.options.head.headPosition(slot.projection.categories);
      const position = slot.active?.consumer ? await slot.active.consumer.position() : null;
      const pendingPosition = slot.pending?.consumer ? await slot.pending.consumer.position() : null;
      result.push({
        name: slot.projection.name,
        version: slot.projection.version,
        state: slot.meta.pending ? 'rebuilding' : 'live',
        active: slot.active?.ref ?? null,
        position,
        headPosition: head,
        lag: position === null ? null : Math.max(0, head - position),
        rebuild:
          slot.pending && pendingPosition !== null
            ? { ...slot.pending.ref, position: pendingPosition, lag: Math.max(0, head - pendingPosition) }
            : null,
      });
    }
    return result;
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new ProjectionNotFoundError(name);
    return slot;
  }

  private async startProjection(projection: Projection): Promise<void> {
    const meta: MetaDocument = (await this.metaCollection().get(projection.name)) ?? {
      _id: projection.name,
      active: null,
      pending: null,
      lastBuild: {},
      switchedAt: null,
    };
    const slot: Slot = { projection, meta, active: null, pending: null, switched: null };
    this.slots.set(projection.name, slot);

    if (meta.pending && meta.pending.version !== projection.version) {
      await this.dropCollections(meta.pending);
      meta.pending = null;
    }

    if (!meta.active) {
      // A first build has nothing to switch from: it is what queries read from the start.
      meta.active = meta.pending ?? this.nextBuild(slot);
      meta.pending = null;
      meta.switchedAt = this.now().toISOString();
      await this.saveMeta(slot);
      slot.active = await this.open(slot, meta.active, true);
    } else if (meta.active.version === projection.version) {
      slot.active = await this.open(slot, meta.active, true);
      await this.saveMeta(slot);
      if (meta.pending) void this.startPending(slot, meta.pending, false);
    } else {
      slot.active = await this.open(slot, meta.active, false);
      const ref = meta.pending ?? this.nextBuild(slot);
      meta.pending = ref;
      await this.saveMeta(slot);
      void this.startPending(slot, ref, false);
    }
    await this.collectGarbage(slot);
  }

  private nextBuild(slot: Slot): BuildRef {
    const { name, version, collections } = slot.projection;
    const build = (slot.meta.lastBuild[String(version)] ?? 0) + 1;
    slot.meta.lastBuild = { ...slot.meta.lastBuild, [String(version)]: build };
    return {
      version,
      build,
      group: consumerGroup(name, version, build),
      collections: Object.fromEntries(
        Object.keys(collections).map((logical) => [logical, physicalCollectionName(name, logical, version, build)]),
      ),
      startedAt: this.now().toISOString(),
    };
  }

  /** Opens a build's collections; with `consume`, subscribes its consumer group too. */
  private async open(slot: Slot, ref: BuildRef, consume: boolean): Promise<RunningBuild> {
    const byLogical = new Map<string, Collection>();
    for (const [logical, physical] of Object.entries(ref.collections)) {
      const declared = slot.projection.collections[logical];
      let handle = this.handles.get(physical);
      if (!handle) {
        handle = await this.options.store.collection(physical, { indexes: declared?.indexes ?? [] });
        this.handles.set(physical, handle);
      }
      byLogical.set(logical, handle);
    }
    const handleOf = (logical: string): Collection => {
      const handle = byLogical.get(logical);
      if (!handle) throw new Error(`Projection ${slot.projection.name} declares no collection ${logical}`);
      return handle;
    };
    const ctx: ProjectionContext = {
      collection: <T extends Document>(logical: string) => handleOf(logical) as unknown as Collection<T>,
    };
    const running: RunningBuild = { ref, consumer: null, ctx };
    if (consume) {
      const projection = slot.projection;
      const store = this.options.store;
      running.consumer = await this.options.bus.subscribe({
        group: ref.group,
        categories: projection.categories,
        handler: (event) => projection.apply(event, ctx),
        // A run of events is applied in one read-model transaction (ADR 0014); on failure the bus hands them over
        // one by one, and idempotent projections put right whatever the failed batch left.
        batchHandler: (events) =>
          withDocumentBatch(store, async (batch) => {
            const batched = batchContext(batch, handleOf);
            let turnStarted = performance.now();
            for (const event of events) {
              await projection.apply(event, batched);
              // The embedded stores answer in microtasks: let requests in between, or a long batch would hold the loop.
              if (performance.now() - turnStarted > MAX_TURN_MS) {
                await new Promise<void>((resolve) => setImmediate(resolve));
                turnStarted = performance.now();
              }
            }
          }),
      });
    }
    return running;
  }

  private startPending(slot: Slot, ref: BuildRef, fresh: boolean): Promise<void> {
    let resolveSwitched!: () => void;
    let rejectSwitched!: (e: unknown) => void;
    slot.switched = new Promise<void>((resolve, reject) => {
      resolveSwitched = resolve;
      rejectSwitched = reject;
    });
    // Waiters on a switch that never comes (stop, failure) time out on their own; avoid unhandled rejections.
    slot.switched.catch(() => undefined);
    const run = (async () => {
      if (fresh) for (const physical of Object.values(ref.collections)) await this.clearIfPresent(physical);
      slot.pending = await this.open(slot, ref, true);
      this.logger.log('projection build started', { projection: slot.projection.name, version: ref.version, build: ref.build });
      await this.catchUpAndSwitch(slot);
    })();
    const tracked = run.then(resolveSwitched, async (error: unknown) => {
      rejectSwitched(error);
      // A stopped runner resumes the build on its next start; a failed build is abandoned so it can be retried.
      if (!this.stopped) {
        this.logger.error('projection build failed', { projection: slot.projection.name, error: String(error) });
        await this.abandonPending(slot, ref).catch(() => undefined);
      }
      throw error;
    });
    const settled = tracked.catch(() => undefined);
    this.background.add(settled);
    void settled.finally(() => this.background.delete(settled));
    return tracked;
  }

  private async catchUpAndSwitch(slot: Slot): Promise<void> {
    while (!this.stopped) {
      const pending = slot.pending;
      if (!pending?.consumer) throw new Error('rebuild lost its consumer');
      const head = await this.options.head.headPosition(slot.projection.categories);
      try {
        await pending.consumer.waitFor(head, this.catchUpSliceMs);
      } catch {
        continue;
      }
      if (this.stopped) break;
      await this.switchTo(slot, pending);
      return;
    }
    throw new Error('runner stopped before the build caught up');
  }

  private async switchTo(slot: Slot, next: RunningBuild): Promise<void> {
    const previous = slot.active;
    slot.meta.active = next.ref;
    slot.meta.pending = null;
    slot.meta.switchedAt = this.now().toISOString();
    await this.saveMeta(slot);
    slot.active = next;
    slot.pending = null;
    this.logger.log('projection switched to new build', {
      projection: slot.projection.name,
      version: next.ref.version,
      build: next.ref.build,
    });
    if (previous) {
      await previous.consumer?.stop();
      await this.dropCollections(previous.ref);
    }
  }

  private async abandonPending(slot: Slot, ref: BuildRef): Promise<void> {
    if (slot.meta.pending?.build !== ref.build || slot.meta.pending.version !== ref.version) return;
    await slot.pending?.consumer?.stop();
    slot.pending = null;
    slot.meta.pending = null;
    await this.saveMeta(slot);
    await this.dropCollections(ref);
  }

  /** Drops collections of this projection that no build points at (left over by a crash mid-switch). */
  private async collectGarbage(slot: Slot): Promise<void> {
    const keep = new Set([
      ...Object.values(slot.meta.active?.collections ?? {}),
      ...Object.values(slot.meta.pending?.collections ?? {}),
    ]);
    const prefix = `${slot.projection.name}.`;
    for (const name of await this.options.store.listCollections()) {
      if (name.startsWith(prefix) && !keep.has(name)) await this.options.store.dropCollection(name);
    }
  }

  private async dropCollections(ref: BuildRef): Promise<void> {
    for (const physical of Object.values(ref.collections)) {
      this.handles.delete(physical);
      await this.options.store.dropCollection(physical);
    }
  }

  private async clearIfPresent(physical: string): Promise<void> {
    if ((await this.options.store.listCollections()).includes(physical)) {
      this.handles.delete(physical);
      await this.options.store.dropCollection(physical);
    }
  }

  private async saveMeta(slot: Slot): Promise<void> {
    await this.metaCollection().upsert(slot.meta);
  }

  private metaCollection(): Collection<MetaDocument> {
    if (!this.meta) throw new Error('The projection runner has not been started');
    return this.meta;
  }
}

/** How long applying a batch may hold the event loop before it lets other work in. */
const MAX_TURN_MS = 10;

/** The build's collections seen through a batch, each wrapped once. */
function batchContext(batch: DocumentBatch, handleOf: (logical: string) => Collection): ProjectionContext {
  const views = new Map<string, Collection>();
  return {
    collection<T extends Document>(logical: string): Collection<T> {
      let view = views.get(logical);
      if (!view) {
        view = batch.collection(handleOf(logical));
        views.set(logical, view);
      }
      return view as unknown as Collection<T>;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
