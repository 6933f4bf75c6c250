import { createHmac } from 'node:crypto';
import { deriveDevMasterKey } from '../keys/master-key';
import { KeyedHasher, normaliseIdNumber, normaliseName, normalisePhone } from './keyed-hasher';

const hasher = new KeyedHasher(deriveDevMasterKey('hasher-spec'));

describe('KeyedHasher', () => {
  it('gives equal base64url hashes for the same person written differently', () => {
    expect(hasher.hashIdNumber('11010519491231002x')).toBe(hasher.hashIdNumber(' 11010519491231002X '));
    expect(hasher.hashName('  欧阳  娜娜 ')).toBe(hasher.hashName('欧阳 娜娜'));
    expect(hasher.hashName('ＬＩ　Wei')).toBe(hasher.hashName('li wei'));
    expect(hasher.hashPhone('+86 138-1234-5678')).toBe(hasher.hashPhone('13812345678'));
    expect(hasher.hashPhone('13812345678')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('tells different values apart', () => {
    expect(hasher.hashName('张三')).not.toBe(hasher.hashName('张四'));
    expect(hasher.hashPhone('13812345678')).not.toBe(hasher.hashPhone('13812345679'));
  });

  it('uses a separate secret per kind, so the same text hashes differently as a name and as a phone', () => {
    expect(hasher.hash('name', '13812345678')).not.toBe(hasher.hash('phone', '13812345678'));
  });

  it('is keyed: another master key gives other hashes, and none is a bare HMAC under the master key', () => {
    const masterKey = deriveDevMasterKey('hasher-spec');
    const other = new KeyedHasher(deriveDevMasterKey('another'));
    expect(other.hashName('张三')).not.toBe(hasher.hashName('张三'));
    expect(hasher.hashName('张三')).not.toBe(createHmac('sha256', masterKey).update('张三').digest('base64url'));
    expect(new KeyedHasher(masterKey).hashName('张三')).toBe(hasher.hashName('张三'));
  });

  it('refuses to hash a value that normalises to nothing', () => {
    expect(() => hasher.hashName('   ')).toThrow(TypeError);
    expect(() => hasher.hashPhone('n/a')).toThrow(TypeError);
  });
});

describe('normalisation', () => {
  it('upper-cases the ID check character and drops spaces', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x')).toBe('11010519491231002X');
  });

  it('trims names, folds width and case, and collapses whitespace', () => {
    expect(normaliseName('\t Li   Wei \n')).toBe('li wei');
    expect(normaliseName('ＬＩ　ＷＥＩ')).toBe('li wei');
    expect(normaliseName(' 张三 ')).toBe('张三');
  });

  it('keeps phone digits only and drops the mainland country code of mobiles', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    expect(normalisePhone('(0510) 8888-1234')).toBe('051088881234');
    expect(normalisePhone('１３８１２３４５６７８')).toBe('13812345678');
  });
});
