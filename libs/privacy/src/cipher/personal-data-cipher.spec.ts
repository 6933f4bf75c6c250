import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubjectErasedError } from '../keys/key-store.port';
import { deriveDevMasterKey } from '../keys/master-key';
import { SqliteKeyStore } from '../keys/sqlite-key-store';
import { PersonalDataCipher, TamperedCiphertextError, isPersonalDataCiphertext } from './personal-data-cipher';

const dir = mkdtempSync(join(tmpdir(), 'kinship-cipher-'));
const keys = new SqliteKeyStore({ database: join(dir, 'keys.sqlite'), masterKey: deriveDevMasterKey('cipher-spec') });
const cipher = new PersonalDataCipher(keys);

afterAll(async () => {
  await keys.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PersonalDataCipher', () => {
  describe('when a value is encrypted for a resident', () => {
    it('decrypts back to the same JSON value', async () => {
      const value = { name: '张三', phone: '13812345678', tags: ['renter', 1, true, null] };
      const ciphertext = await cipher.encrypt('resident-1', value);
      expect(await cipher.decrypt('resident-1', ciphertext)).toEqual(value);
      expect(await cipher.decrypt('resident-1', await cipher.encrypt('resident-1', '欧阳娜娜'))).toBe('欧阳娜娜');
    });

    it('writes the compact v1 form with a 12-byte IV and a 16-byte tag, and no plaintext', async () => {
      const ciphertext = await cipher.encrypt('resident-1', '320211199001011234');
      const [version, iv, tag, body] = ciphertext.split('.');
      expect(version).toBe('v1');
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      expect(body.length).toBeGreaterThan(0);
      expect(ciphertext).not.toContain('320211');
      expect(isPersonalDataCiphertext(ciphertext)).toBe(true);
    });

    it('uses a fresh IV each time, so equal values do not give equal ciphertexts', async () => {
      const first = await cipher.encrypt('resident-1', 'same');
      const second = await cipher.encrypt('resident-1', 'same');
      expect(first).not.toBe(second);
    });
  });

  describe('when the ciphertext is presented for another resident', () => {
    it('fails as tampered instead of decrypting', async () => {
      const ciphertext = await cipher.encrypt('resident-1', { name: '张三' });
      await cipher.encrypt('resident-2', 'makes sure resident-2 has a key');
      await expect(cipher.decrypt('resident-2', ciphertext)).rejects.toBeInstanceOf(TamperedCiphertextError);
    });
  });

  describe('when the ciphertext was altered', () => {
    it('rejects a flipped ciphertext byte', async () => {
      const ciphertext = await cipher.encrypt('resident-1', 'a long enough value');
      const [version, iv, tag, body] = ciphertext.split('.');
      const bytes = Buffer.from(body, 'base64url');
      bytes[0] ^= 0x01;
      const altered = [version, iv, tag, bytes.toString('base64url')].join('.');
      await expect(cipher.decrypt('resident-1', altered)).rejects.toBeInstanceOf(TamperedCiphertextError);
    });

    it.each([
      ['an unknown version', (c: string) => c.replace(/^v1\./, 'v9.')],
      ['a missing part', (c: string) => c.split('.').slice(0, 3).join('.')],
      ['a truncated tag', (c: string) => c.split('.').map((p, i) => (i === 2 ? p.slice(0, 8) : p)).join('.')],
      ['plain text', () => '张三'],
    ])('rejects %s', async (_label, alter) => {
      const ciphertext = await cipher.encrypt('resident-1', 'value');
      await expect(cipher.decrypt('resident-1', alter(ciphertext))).rejects.toBeInstanceOf(TamperedCiphertextError);
    });
  });

  describe('when the resident has been erased', () => {
    it('decrypts their old ciphertexts to null and refuses to encrypt anything new', async () => {
      const ciphertext = await cipher.encrypt('resident-erased', { name: '李四', phone: '13900001111' });
      await keys.erase('resident-erased');

      expect(await cipher.decrypt('resident-erased', ciphertext)).toBeNull();
      await expect(cipher.encrypt('resident-erased', 'again')).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('keeps other residents readable', async () => {
      const kept = await cipher.encrypt('resident-kept', 'still here');
      await cipher.encrypt('resident-gone', 'gone');
      await keys.erase('resident-gone');
      expect(await cipher.decrypt('resident-kept', kept)).toBe('still here');
    });
  });

  it('refuses values JSON cannot represent', async () => {
    await expect(cipher.encrypt('resident-1', undefined as never)).rejects.toThrow(TypeError);
  });
});
