import { EventEnvelope } from '@kinship/contracts';
import { Consumer, ConsumerSpec, MessageBus } from '@kinship/messaging';
import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * A reaction of the registry to events on the bus: subscribes its group when the application starts and stops with
 * the module. A registry served without a bus (its own HTTP specs may be) runs no reactions.
 */
export abstract class RegistryReaction implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: Consumer | null = null;

  protected constructor(
    private readonly bus: MessageBus | null,
    private readonly subscription: Omit<ConsumerSpec, 'handler'>,
  ) {}

  abstract handle(event: EventEnvelope): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.bus) return;
    this.consumer = await this.bus.subscribe({ ...this.subscription, handler: (event) => this.handle(event) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}
