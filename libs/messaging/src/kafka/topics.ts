/** Maps a stream category to the Kafka topic its events travel on; the relay and the consumers share one. */
export type TopicRouter = (category: string) => string;

/** A category that no topic was configured for: a wiring mistake, not something to skip past. */
export class UnroutedCategoryError extends Error {
  override readonly name = 'UnroutedCategoryError';
  constructor(readonly category: string) {
    super(`No Kafka topic is configured for stream category '${category}'`);
  }
}

/** The events topic of a bounded context, `<context>.events.v<major>` (DESIGN §3). */
export function eventsTopic(context: string, major = 1): string {
  if (!/^[a-z][a-z0-9-]*$/.test(context)) throw new RangeError(`A context name is lower-case letters, digits and dashes, got '${context}'`);
  if (!Number.isInteger(major) || major < 1) throw new RangeError(`A topic's major version is a positive integer, got ${major}`);
  return `${context}.events.v${major}`;
}

/**
 * Routes each context's categories to that context's events topic, e.g.
 * `routeByContext({ registry: ['resident', 'household'] })` sends both to `registry.events.v1`.
 */
export function routeByContext(contexts: Readonly<Record<string, readonly string[]>>, major = 1): TopicRouter {
  const topics = new Map<string, string>();
  for (const [context, categories] of Object.entries(contexts)) {
    const topic = eventsTopic(context, major);
    for (const category of categories) {
      const taken = topics.get(category);
      if (taken !== undefined && taken !== topic) throw new RangeError(`Category '${category}' is routed to both ${taken} and ${topic}`);
      topics.set(category, topic);
    }
  }
  return (category) => {
    const topic = topics.get(category);
    if (topic === undefined) throw new UnroutedCategoryError(category);
    return topic;
  };
}

/** Where a consumer group's dead letters go (DESIGN §3). */
export function deadLetterTopic(group: string): string {
  return `${group}.dlq`;
}

/** The compacted topic recording replays of a group's dead letters, keyed by dead-letter id. */
export function replayTopic(group: string): string {
  return `${group}.dlq.replays`;
}

/** The group whose dead letters or replays `topic` holds, or undefined for any other topic. */
export function groupOfDeadLetterTopic(topic: string): { group: string; kind: 'dead-letters' | 'replays' } | undefined {
  if (topic.endsWith('.dlq.replays')) return { group: topic.slice(0, -'.dlq.replays'.length), kind: 'replays' };
  if (topic.endsWith('.dlq')) return { group: topic.slice(0, -'.dlq'.length), kind: 'dead-letters' };
  return undefined;
}
