import { streamCategory } from '../envelope/envelope';
import { REGISTRY_CATEGORIES, registryEventContracts, registryStreams, registryUpcasters, ResidentRegistered, residentRegisteredV1ToV2 } from './registry.events';

const v1Data = {
  residentId: 'r-1',
  stationId: 'station1',
  personal: 'ciphertext',
  idNumberHash: 'hash',
  sex: 'male',
  origin: '河南 周口',
  arrivalDate: '2024-09-01',
  compound: 'Lotus Garden',
  childrenNeedingSchool: [{ birthYear: 2017, schoolLevel: 'primary' }],
  consent: { given: true, recordedAt: '2024-09-01T08:00:00+08:00', scope: ['registry'] },
};

describe('resident-registered v1 → v2', () => {
  it('splits the free-text origin into province and city', () => {
    expect(residentRegisteredV1ToV2.upcast(v1Data)).toEqual({ ...v1Data, origin: { province: '河南', city: '周口' } });
  });

  it('keeps every word after the province as the city, ignoring extra spaces', () => {
    expect(residentRegisteredV1ToV2.upcast({ ...v1Data, origin: '  Guangxi   Nanning  City ' })).toMatchObject({
      origin: { province: 'Guangxi', city: 'Nanning City' },
    });
  });

  it('uses the province as the city when only one name was recorded', () => {
    expect(residentRegisteredV1ToV2.upcast({ ...v1Data, origin: '重庆' })).toMatchObject({ origin: { province: '重庆', city: '重庆' } });
  });

  it('lifts from version 1 of the resident-registered type', () => {
    expect(residentRegisteredV1ToV2.type).toBe(ResidentRegistered.type);
    expect(residentRegisteredV1ToV2.fromVersion).toBe(1);
  });
});

describe('registryUpcasters', () => {
  it('reads a version 1 resident-registered event as a valid version 2 event', () => {
    const lifted = registryUpcasters.upcast({ type: ResidentRegistered.type, schemaVersion: 1, data: v1Data });
    expect(lifted.schemaVersion).toBe(ResidentRegistered.schemaVersion);
    expect(ResidentRegistered.schema.parse(lifted.data)).toEqual({ ...v1Data, origin: { province: '河南', city: '周口' } });
  });

  it('leaves a version 2 event as it is', () => {
    const current = { type: ResidentRegistered.type, schemaVersion: 2, data: { ...v1Data, origin: { province: '河南', city: '周口' } } };
    expect(registryUpcasters.upcast(current)).toBe(current);
  });

  it('rejects version 1 data under the version 2 schema, which is why it must be lifted', () => {
    expect(ResidentRegistered.schema.safeParse(v1Data).success).toBe(false);
  });
});

describe('registry contracts', () => {
  it('name every event type once, under the registry prefix', () => {
    const types = registryEventContracts.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^registry\.[a-z-]+$/);
  });

  it('build stream ids whose category is the aggregate', () => {
    expect(registryStreams.resident('station1', 'r-1')).toBe('resident-station1-r-1');
    expect(registryStreams.household('station1', 'h-1')).toBe('household-station1-h-1');
    expect(registryStreams.idNumberClaim('district', 'abc')).toBe('idnumber-district-abc');
    expect(registryStreams.census('guangrui-1')).toBe('census-guangrui-1');
  });

  it('route every stream category the registry writes', () => {
    for (const streamId of [
      registryStreams.resident('s', 'r'),
      registryStreams.household('s', 'h'),
      registryStreams.idNumberClaim('d', 'x'),
      registryStreams.census('guangrui-1'),
    ]) {
      expect(REGISTRY_CATEGORIES).toContain(streamCategory(streamId));
    }
  });
});
