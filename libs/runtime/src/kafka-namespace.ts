import { Consumer, ConsumerSpec, MessageBus, TopicRouter } from '@kinship/messaging';

/** Puts every topic of the router under `namespace` (`<namespace>.registry.events.v1`); unchanged without one. */
export function namespacedTopics(namespace: string | undefined, router: TopicRouter): TopicRouter {
  return namespace ? (category) => `${namespace}.${router(category)}` : router;
}

/**
 * Puts every consumer group of the bus under `namespace`, so two deployments sharing a cluster never join each
 * other's groups. Dead letters follow the group: they are listed and replayed under the namespaced name.
 */
export function namespacedBus(namespace: string | undefined, bus: MessageBus): MessageBus {
  if (!namespace) return bus;
  return {
    subscribe: (spec: ConsumerSpec): Promise<Consumer> => bus.subscribe({ ...spec, group: `${namespace}.${spec.group}` }),
    close: () => bus.close(),
  };
}
