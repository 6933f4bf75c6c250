import { brokerageEventContracts } from '@kinship/contracts';
import { CommandContext, Decider, EventStore, RunOptions, StreamCommands } from '@kinship/eventsourcing';
import { Inject, Injectable } from '@nestjs/common';
import { BROKERAGE_OPTIONS, BrokerageOptions, EVENT_STORE } from './brokerage.tokens';

/** A command as a handler builds it: the metadata comes from the request context when it runs. */
export type WithoutMetadata<C> = C extends { metadata: unknown } ? Omit<C, 'metadata'> : never;

/**
 * For commands whose decision stands whatever else was appended meanwhile (an expense, a posting): on a version
 * conflict the stream is read again and the command decided again, instead of failing. Every posting lands on one
 * ledger stream per station, so without this a clerk's expense would collide with the postings of fees.
 */
export const COMMUTATIVE: RunOptions = { commutative: true, retries: 5 };

/** The brokerage's way to run commands on its streams (`StreamCommands` with the brokerage's contracts). */
@Injectable()
export class BrokerageStreams extends StreamCommands {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(BROKERAGE_OPTIONS) options: BrokerageOptions,
  ) {
    super(store, { source: 'brokerage', schemaVersions: brokerageEventContracts, onAppended: options.onAppended });
  }

  /**
   * Decides a command on the stream's current state without appending anything, so a handler that must write
   * another stream first (claiming the listing a lease lets) learns of a refusal before it writes there.
   */
  async check<C extends { metadata: unknown }, S, E>(
    decider: Decider<C, S, E>,
    streamId: string,
    tenantId: string,
    command: WithoutMetadata<C>,
    context: CommandContext,
  ): Promise<void> {
    const metadata = { now: context.now, actor: context.actor, correlationId: context.correlationId, tenantId };
    decider.decide({ ...command, metadata } as unknown as C, await this.load(decider, streamId));
  }
}
