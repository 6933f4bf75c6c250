import { EventStore } from '@kinship/eventsourcing';
import { Consumer, MessageBus } from '@kinship/messaging';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, MESSAGE_BUS } from '../application/brokerage.tokens';
import { InvoicingReaction } from './invoicing.reaction';
import { LedgerPostingReaction } from './ledger-posting.reaction';
import { Reaction } from './reaction';
import { ResidentErasureReaction } from './resident-erasure.reaction';
import { SurplusAllocationReaction } from './surplus-allocation.reaction';

/** Subscribes the brokerage's reactions on the bus when the application starts, and stops them before it closes. */
@Injectable()
export class BrokerageReactions implements OnApplicationBootstrap, OnModuleDestroy {
  /** Invoicing before posting: a lease becomes an invoice, which becomes an entry. */
  private readonly reactions: readonly Reaction[];
  private readonly consumers = new Map<string, Consumer>();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    invoicing: InvoicingReaction,
    posting: LedgerPostingReaction,
    surplus: SurplusAllocationReaction,
    erasure: ResidentErasureReaction,
  ) {
    this.reactions = [invoicing, posting, surplus, erasure];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const reaction of this.reactions) {
      const consumer = await this.bus.subscribe({
        group: reaction.group,
        categories: reaction.categories,
        handler: (event) => reaction.handle(event),
      });
      this.consumers.set(reaction.group, consumer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const consumers = [...this.consumers.values()];
    this.consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }

  /**
   * Resolves once every reaction has handled all that was in the log when it was called, and what the earlier
   * reactions appended in turn (an invoice, then its entry). Rejects after `timeoutMs`.
   */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const reaction of this.reactions) {
      const consumer = this.consumers.get(reaction.group);
      if (!consumer) throw new Error(`The reaction ${reaction.group} is not running`);
      await consumer.waitFor(await this.store.headPosition(), Math.max(1, deadline - Date.now()));
    }
  }
}
