import { ConsumerSpec, Consumer, MessageBus } from '@kinship/messaging';
import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CaseManagementOptions } from './case-management.tokens';

/**
 * A consumer of the bus that starts with the application (unless the options say not to subscribe) and stops
 * before the stores close. Subclasses say what they consume; tests wait on `waitFor` for them to catch up.
 */
export abstract class BusSubscription implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: Consumer | null = null;

  protected constructor(
    private readonly bus: MessageBus,
    protected readonly options: CaseManagementOptions,
  ) {}

  protected abstract consumerSpec(): ConsumerSpec;

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.subscribe ?? true) await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    this.consumer = await this.bus.subscribe(this.consumerSpec());
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }

  /** Resolves once the consumer has handled the log up to `position`. */
  async waitFor(position: number, timeoutMs: number): Promise<void> {
    if (!this.consumer) throw new Error(`${this.constructor.name} is not subscribed`);
    await this.consumer.waitFor(position, timeoutMs);
  }
}
