import { Collection, Document } from '@kinship/documents';
import { Projection, ProjectionContext } from '../projection/projection';
import { TestInfrastructure } from '../testing/registry-fixture';

let builds = 0;

/**
 * Applies every event of a projection's categories in the log to fresh collections, by hand; `times: 2` delivers
 * each event twice in a row, as an at-least-once bus may. Returns the collections by logical name.
 */
export async function replay(infra: TestInfrastructure, projection: Projection, options: { times?: 1 | 2 } = {}): Promise<ProjectionContext> {
  builds += 1;
  const collections = new Map<string, Collection>();
  for (const name of Object.keys(projection.collections)) collections.set(name, await infra.documents.collection(`replay-${projection.name}-${builds}.${name}`));
  const ctx: ProjectionContext = { collection: <T extends Document>(name: string) => collections.get(name) as unknown as Collection<T> };
  const events = await infra.events.readAll({ fromPosition: 0, categories: projection.categories, limit: 100_000 });
  for (const event of events) for (let i = 0; i < (options.times ?? 1); i += 1) await projection.apply(event, ctx);
  return ctx;
}

/** Every document of every collection of a projection, without bookkeeping, for comparing two builds. */
export async function contentsOf(projection: Projection, ctx: ProjectionContext): Promise<Record<string, Document[]>> {
  const contents: Record<string, Document[]> = {};
  for (const name of Object.keys(projection.collections)) contents[name] = await ctx.collection(name).find({}, { sort: { _id: 1 } });
  return contents;
}
