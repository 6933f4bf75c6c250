import { deterministicUuid, isUuid, uuidv7, uuidv7Timestamp } from './uuidv7';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID with the RFC variant', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(uuidv7Timestamp(id)).toBeGreaterThanOrEqual(before);
    expect(uuidv7Timestamp(id)).toBeLessThanOrEqual(after);
  });

  it('makes ids that sort in the order they were made, even many within one millisecond', () => {
    const now = Date.now() + 1;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // More ids than the 12-bit counter holds borrow the next millisecond rather than repeat.
    expect(uuidv7Timestamp(ids[ids.length - 1])).toBeGreaterThan(now);
  });

  it('keeps increasing when the clock steps back', () => {
    const first = uuidv7(Date.now() + 10);
    const second = uuidv7(Date.now() - 60_000);
    expect(second > first).toBe(true);
  });

  it('refuses to read a timestamp from another UUID version', () => {
    expect(() => uuidv7Timestamp('886313e1-3b8a-5372-9b90-0c9aee199e5d')).toThrow(TypeError);
  });
});

describe('deterministicUuid', () => {
  const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

  it('matches the version 5 UUID other implementations derive', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'), and a UTF-8 name under a UUIDv7 namespace.
    expect(deterministicUuid(DNS_NAMESPACE, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(deterministicUuid('01890a5d-ac96-774b-bcce-b302099a8057', '居民-1')).toBe('bd195a48-b908-5d2d-821e-a42473abfbc3');
  });

  it('gives the same id for the same causing event and name, and another for any other', () => {
    const causingEventId = uuidv7();
    const id = deterministicUuid(causingEventId, 'record-new-address');
    expect(deterministicUuid(causingEventId, 'record-new-address')).toBe(id);
    expect(deterministicUuid(causingEventId, 'close-listings')).not.toBe(id);
    expect(deterministicUuid(uuidv7(), 'record-new-address')).not.toBe(id);
    expect(isUuid(id)).toBe(true);
  });

  it('accepts only a UUID as the namespace', () => {
    expect(() => deterministicUuid('not-a-uuid', 'x')).toThrow(TypeError);
  });
});
