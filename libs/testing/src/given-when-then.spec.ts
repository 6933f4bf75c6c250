import { defineEvent } from '@kinship/contracts';
import { Decider, DomainError } from '@kinship/eventsourcing';
import { z } from 'zod';
import { deciderSpec } from './given-when-then';

type TallyEvent = { type: 'counted'; data: { by: number } };
type TallyCommand = { type: 'Count'; data: { by: number } };

const tally: Decider<TallyCommand, number, TallyEvent> = {
  initialState: () => 0,
  decide(command, total) {
    if (command.data.by <= 0) throw new DomainError('count-must-be-positive', 'Counts only go up', 422, { by: command.data.by });
    if (total + command.data.by > 10) throw new Error('the tally broke');
    return [{ type: 'counted', data: { by: command.data.by } }];
  },
  evolve: (total, event) => total + event.data.by,
};

const counted = defineEvent('counted', 1, z.object({ by: z.number().int() }));
const spec = deciderSpec(tally, { contracts: [counted] });
const count = (by: number): TallyCommand => ({ type: 'Count', data: { by } });

describe('deciderSpec', () => {
  it('passes when the decided events are the expected ones and returns the state after them', () => {
    const state = spec.given([{ type: 'counted', data: { by: 2 } }]).when(count(3)).then([{ type: 'counted', data: { by: 3 } }]);
    expect(state).toBe(5);
  });

  it('fails when the decided events differ from the expected ones', () => {
    expect(() => spec.given([]).when(count(3)).then([{ type: 'counted', data: { by: 4 } }])).toThrow();
  });

  it('passes a rejection with the expected code, status and details and returns the error', () => {
    const error = spec.given([]).when(count(0)).thenRejects('count-must-be-positive', { status: 422, details: { by: 0 } });
    expect(error.message).toBe('Counts only go up');
  });

  it('fails a rejection check when the decider decides events instead', () => {
    expect(() => spec.given([]).when(count(1)).thenRejects('count-must-be-positive')).toThrow(/decided/);
  });

  it('fails a rejection check on another code, another status or other details', () => {
    expect(() => spec.given([]).when(count(0)).thenRejects('count-too-large')).toThrow();
    expect(() => spec.given([]).when(count(0)).thenRejects('count-must-be-positive', { status: 409 })).toThrow();
    expect(() => spec.given([]).when(count(0)).thenRejects('count-must-be-positive', { details: { by: 1 } })).toThrow();
  });

  it('lets an error that is not a domain error through', () => {
    expect(() => spec.given([{ type: 'counted', data: { by: 9 } }]).when(count(2)).thenRejects('count-too-large')).toThrow('the tally broke');
  });

  it('refuses given events that break their contract', () => {
    expect(() => spec.given([{ type: 'counted', data: { by: 1.5 } }]).when(count(1))).toThrow(/given event counted breaks its contract/);
  });

  it('refuses decided events that have no contract', () => {
    const uncontracted = deciderSpec(tally, { contracts: [defineEvent('other', 1, z.object({}))] });
    expect(() => uncontracted.given([]).when(count(1)).then([{ type: 'counted', data: { by: 1 } }])).toThrow(/decided event counted has no contract/);
  });
});
