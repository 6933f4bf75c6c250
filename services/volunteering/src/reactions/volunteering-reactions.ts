import { EventEnvelope } from '@kinship/contracts';
import { Consumer, MessageBus } from '@kinship/messaging';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MESSAGE_BUS, VOLUNTEERING_OPTIONS, VolunteeringOptions } from '../application/volunteering.tokens';
import { ResidentErasureReaction } from './resident-erasure.reaction';
import { ServiceHoursReaction } from './service-hours.reaction';
import { SurplusToAidFundReaction } from './surplus-to-aid-fund.reaction';

interface Reaction {
  readonly group: string;
  readonly categories: readonly string[];
  handle(event: EventEnvelope): Promise<void>;
}

/** Subscribes volunteering's reactions when the application starts, and stops them before the stores close. */
@Injectable()
export class VolunteeringReactions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumers: Consumer[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(VOLUNTEERING_OPTIONS) private readonly options: VolunteeringOptions,
    private readonly surplus: SurplusToAidFundReaction,
    private readonly hours: ServiceHoursReaction,
    private readonly erasure: ResidentErasureReaction,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.reactions === false) return;
    const reactions: Reaction[] = [this.surplus, this.hours, this.erasure];
    for (const reaction of reactions) {
      this.consumers.push(await this.bus.subscribe({ group: reaction.group, categories: reaction.categories, handler: (event) => reaction.handle(event) }));
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const consumer of this.consumers.splice(0)) await consumer.stop();
  }

  /** The consumers running now, for tests and lag checks that wait on a reaction. */
  running(): readonly Consumer[] {
    return this.consumers;
  }
}
