import { EventHandler } from '../port/bus.port';
import { ConsumerGroupAlreadyActiveError } from '../port/bus.errors';

/**
 * The live handler of each consumer group, shared by the bus (which registers its consumers) and the
 * dead-letter store (which replays through them), so neither has to hold the other.
 */
export class ConsumerHandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();

  register(group: string, handler: EventHandler): void {
    if (this.handlers.has(group)) throw new ConsumerGroupAlreadyActiveError(group);
    this.handlers.set(group, handler);
  }

  /** Removes the group only if `handler` is still the one registered, so a late stop cannot evict a successor. */
  unregister(group: string, handler: EventHandler): void {
    if (this.handlers.get(group) === handler) this.handlers.delete(group);
  }

  handlerFor(group: string): EventHandler | undefined {
    return this.handlers.get(group);
  }
}
