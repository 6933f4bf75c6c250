import { EventContract } from '@kinship/contracts';
import { Decider, DomainError } from '@kinship/eventsourcing';

/** What a rejection must also carry, beyond its code. */
export interface ExpectedRejection {
  status?: DomainError['status'];
  /** Matched as a subset: only the keys given are compared. */
  details?: Record<string, unknown>;
}

export interface DeciderSpecOptions {
  /**
   * Event contracts to validate against: every given and every decided event must parse with the
   * schema of its type, so a test cannot pass on an event the rest of the system would refuse.
   */
  contracts?: readonly EventContract[];
}

export interface DeciderThen<State, Event> {
  /** Asserts the decided events (strictly equal, in order) and returns the state after applying them. */
  then(expected: readonly Event[]): State;
  /** Asserts a `DomainError` with this code (and, when given, status and details); returns it. */
  thenRejects(code: string, expected?: ExpectedRejection): DomainError;
}

export interface DeciderWhen<Command, State, Event> {
  when(command: Command): DeciderThen<State, Event>;
}

export interface DeciderSpec<Command, State, Event> {
  given(events: readonly Event[]): DeciderWhen<Command, State, Event>;
}

/**
 * Given/when/then for a decider (DESIGN §7):
 * `deciderSpec(decider).given(events).when(command).then(expectedEvents)` or `.thenRejects(code)`.
 */
export function deciderSpec<Command, State, Event extends { type: string; data?: unknown }>(
  decider: Decider<Command, State, Event>,
  options: DeciderSpecOptions = {},
): DeciderSpec<Command, State, Event> {
  const contracts = new Map((options.contracts ?? []).map((c) => [c.type, c] as const));
  const conform = (event: Event, role: string) => {
    if (contracts.size === 0) return;
    const contract = contracts.get(event.type);
    if (!contract) throw new Error(`${role} event ${event.type} has no contract`);
    const parsed = contract.schema.safeParse(event.data);
    if (!parsed.success) throw new Error(`${role} event ${event.type} breaks its contract: ${parsed.error.message}`);
  };
  const fold = (state: State, events: readonly Event[], role: string) =>
    events.reduce((s, e) => {
      conform(e, role);
      return decider.evolve(s, e);
    }, state);

  return {
    given: (events) => ({
      when: (command) => {
        const before = fold(decider.initialState(), events, 'given');
        return {
          then(expected) {
            const decided = decider.decide(command, before);
            expect(decided).toStrictEqual(expected);
            return fold(before, decided, 'decided');
          },
          thenRejects(code, expected = {}) {
            let decided: Event[] | undefined;
            let error: unknown;
            try {
              decided = decider.decide(command, before);
            } catch (e) {
              error = e;
            }
            if (decided) throw new Error(`Expected a rejection with code ${code}, but the decider decided ${JSON.stringify(decided, null, 2)}`);
            if (!(error instanceof DomainError)) throw error;
            expect({ code: error.code }).toEqual({ code });
            if (expected.status !== undefined) expect({ code, status: error.status }).toEqual({ code, status: expected.status });
            if (expected.details !== undefined) expect(error.details ?? {}).toMatchObject(expected.details);
            return error;
          },
        };
      },
    }),
  };
}

