import { eventMetadataSchema, streamCategory } from './envelope';

describe('streamCategory', () => {
  it('is the part of the stream id before the first dash', () => {
    expect(streamCategory('resident-station1-r-42')).toBe('resident');
    expect(streamCategory('idnumber-district-abc')).toBe('idnumber');
  });

  it('is the whole id when there is no dash', () => {
    expect(streamCategory('ledger')).toBe('ledger');
  });
});

describe('eventMetadataSchema', () => {
  const valid = { correlationId: 'c-1', causationId: null, actor: { userId: 'u-1', role: 'station-lead' }, source: 'registry' };

  it('accepts the metadata of a user’s command and of a process manager', () => {
    expect(eventMetadataSchema.safeParse(valid).success).toBe(true);
    expect(eventMetadataSchema.safeParse({ ...valid, causationId: 'e-1', actor: { userId: 'pm', role: 'system' } }).success).toBe(true);
  });

  it('rejects a role that does not exist and an empty correlation id', () => {
    expect(eventMetadataSchema.safeParse({ ...valid, actor: { userId: 'u-1', role: 'janitor' } }).success).toBe(false);
    expect(eventMetadataSchema.safeParse({ ...valid, correlationId: '' }).success).toBe(false);
  });
});
