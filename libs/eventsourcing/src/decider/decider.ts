/** Time, ids and the actor come with the command; a decider never reads a clock or makes an id. */
export interface CommandMetadata {
  now: string;
  actor: { userId: string; role: string };
  correlationId: string;
  tenantId: string;
}

/** A pure aggregate (DESIGN §2): decide what happens, then evolve the state by what happened. */
export interface Decider<Command, State, Event> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** An expected failure of the domain: mapped at the edge to 4xx problem+json with its `code`. */
export class DomainError extends Error {
  constructor(
    /** A stable kebab-case code, e.g. `resident-already-moved-out`. */
    readonly code: string,
    message: string,
    /** 404 not found, 409 conflict with the current state, 422 a rule of the domain. */
    readonly status: 404 | 409 | 422 = 422,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Type-checks that a switch handled every member of a union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
