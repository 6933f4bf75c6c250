import { InvalidMasterKeyError, deriveDevMasterKey, generateMasterKey, masterKeyFromConfig, masterKeyId } from './master-key';

describe('masterKeyFromConfig', () => {
  it('accepts base64 of 32 random bytes, standard or url-safe', () => {
    const configured = generateMasterKey();
    const key = masterKeyFromConfig(configured);
    expect(key).toHaveLength(32);
    const urlSafe = key.toString('base64url');
    expect(masterKeyFromConfig(urlSafe).equals(key)).toBe(true);
    expect(masterKeyFromConfig(`  ${configured}\n`).equals(key)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', '   '],
    ['not base64', 'this is not a key!'],
    ['too short', Buffer.alloc(16, 7).toString('base64')],
    ['too long', Buffer.alloc(48, 7).toString('base64')],
    ['all one byte', Buffer.alloc(32, 0).toString('base64')],
  ])('rejects a %s value', (_label, value) => {
    expect(() => masterKeyFromConfig(value)).toThrow(InvalidMasterKeyError);
  });

  it('generates a different key every time', () => {
    expect(generateMasterKey()).not.toEqual(generateMasterKey());
  });
});

describe('deriveDevMasterKey', () => {
  it('derives the same 32-byte key from the same passphrase, and another from another', () => {
    const key = deriveDevMasterKey('kinship-demo');
    expect(key).toHaveLength(32);
    expect(deriveDevMasterKey('kinship-demo').equals(key)).toBe(true);
    expect(deriveDevMasterKey('kinship-demo-2').equals(key)).toBe(false);
    expect(masterKeyFromConfig(key.toString('base64')).equals(key)).toBe(true);
  });

  it('refuses an empty passphrase', () => {
    expect(() => deriveDevMasterKey('')).toThrow(InvalidMasterKeyError);
  });
});

describe('masterKeyId', () => {
  it('is a stable fingerprint that differs between keys and does not contain the key', () => {
    const key = deriveDevMasterKey('a');
    expect(masterKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(key)).toBe(masterKeyId(Buffer.from(key)));
    expect(masterKeyId(key)).not.toBe(masterKeyId(deriveDevMasterKey('b')));
  });
});
