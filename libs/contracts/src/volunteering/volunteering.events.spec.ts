import { BROKERAGE_CATEGORIES } from '../brokerage/brokerage.events';
import { CASES_CATEGORIES } from '../cases/cases.events';
import { streamCategory } from '../envelope/envelope';
import { REGISTRY_CATEGORIES } from '../registry/registry.events';
import {
  HoursLogged,
  SURPLUS_ALLOCATION_CATEGORY,
  VOLUNTEERING_CATEGORIES,
  volunteeringEventContracts,
  volunteeringStreams,
  volunteerSubject,
} from './volunteering.events';

describe('volunteering contracts', () => {
  it('name every event type once, under the volunteering prefix', () => {
    const types = volunteeringEventContracts.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^volunteering\.[a-z-]+$/);
  });

  it('build stream ids whose category is the aggregate, distinct from the categories of other contexts', () => {
    const streams = [
      volunteeringStreams.volunteer('guangrui-1', 'v-1'),
      volunteeringStreams.activity('guangrui-1', 'a-1'),
      volunteeringStreams.pairing('guangrui-1', 'p-1'),
      volunteeringStreams.aidFund('guangrui'),
      volunteeringStreams.volunteerRecord('liangxi', 'VR123'),
      volunteeringStreams.residentLinks('liangxi', 'r-1'),
    ];
    expect(streams.map(streamCategory)).toEqual([...VOLUNTEERING_CATEGORIES]);
    expect(volunteeringStreams.aidFund('guangrui')).toBe('aidfund-guangrui-welfare');
    for (const category of [...REGISTRY_CATEGORIES, ...CASES_CATEGORIES, ...BROKERAGE_CATEGORIES]) {
      expect(VOLUNTEERING_CATEGORIES).not.toContain(category);
    }
    expect(BROKERAGE_CATEGORIES).toContain(SURPLUS_ALLOCATION_CATEGORY);
  });

  it('encrypt a volunteer who is a resident under the resident, anyone else under the volunteer', () => {
    expect(volunteerSubject({ volunteerId: 'v-1', residentId: 'r-1' })).toBe('r-1');
    expect(volunteerSubject({ volunteerId: 'v-1' })).toBe('v-1');
  });

  it('refuse hours of no duration', () => {
    const entry = { volunteerId: 'v-1', entryId: 'e-1', source: 'self-reported', servedOn: '2026-03-01', minutes: 0 };
    expect(HoursLogged.schema.safeParse(entry).success).toBe(false);
    expect(HoursLogged.schema.safeParse({ ...entry, minutes: 90 }).success).toBe(true);
  });
});
