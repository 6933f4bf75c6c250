import { RegistryEvent } from '@kinship/contracts';
import { assertNever, CommandMetadata, Decider, DomainError } from '@kinship/eventsourcing';
import { IsoDate, isIsoDate, stationDate } from '../permit/calendar-date';

/**
 * The community census (社区人口普查) of one station, on the stream `census-<stationId>`: the station lead's count
 * of every household and resident of the community, new citizens and old residents alike, as of a day. The
 * history only moves forward: a count as of a day already covered would rewrite what the district was told.
 */

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export interface RecordCommunityCensusData {
  stationId: string;
  asOf: IsoDate;
  households: number;
  residents: number;
}

export type RecordCommunityCensus = Command<'RecordCommunityCensus', RecordCommunityCensusData>;

export type CensusCommand = RecordCommunityCensus;

export type CensusEvent = Extract<RegistryEvent, { type: 'registry.community-census-recorded' }>;

export type CensusState = { status: 'none' } | { status: 'recorded'; stationId: string; lastAsOf: IsoDate };

export const censusDecider: Decider<CensusCommand, CensusState, CensusEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};

function decide(command: CensusCommand, state: CensusState): CensusEvent[] {
  switch (command.type) {
    case 'RecordCommunityCensus':
      return recordCensus(command.data, state, stationDate(command.metadata.now));
    default:
      return assertNever(command.type);
  }
}

function recordCensus(data: RecordCommunityCensusData, state: CensusState, today: IsoDate): CensusEvent[] {
  const { stationId, asOf, households, residents } = data;
  if (!isIsoDate(asOf)) throw new DomainError('invalid-date', 'asOf must be a calendar date as YYYY-MM-DD', 422, { field: 'asOf', value: asOf });
  if (asOf > today) throw new DomainError('census-date-in-future', 'A census counts the community as of a day that has come', 422, { asOf, today });
  for (const [field, count] of [['households', households], ['residents', residents]] as const) {
    if (!Number.isInteger(count) || count < 0) {
      throw new DomainError('invalid-count', `${field} must be a whole number, zero or more`, 422, { field, value: count });
    }
  }
  if (households > residents) {
    throw new DomainError('more-households-than-residents', 'Every household counted has at least one resident', 422, { households, residents });
  }
  if (state.status === 'recorded' && asOf <= state.lastAsOf) {
    throw new DomainError('census-not-after-last', 'A census must be as of a later day than the last one recorded', 409, {
      asOf,
      lastAsOf: state.lastAsOf,
    });
  }
  return [{ type: 'registry.community-census-recorded', data: { stationId, asOf, households, residents } }];
}

function evolve(state: CensusState, event: CensusEvent): CensusState {
  switch (event.type) {
    case 'registry.community-census-recorded':
      return { status: 'recorded', stationId: event.data.stationId, lastAsOf: event.data.asOf };
    default:
      return assertNever(event.type);
  }
}
