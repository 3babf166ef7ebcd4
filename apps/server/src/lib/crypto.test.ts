import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, NATIVE_SM, sm3Hex, smCryptoReference as ref } from './crypto';

describe('national cryptographic algorithms', () => {
  it('SM3 matches the GB/T 32905-2016 test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM4 matches the GB/T 32907-2016 test vector', () => {
    const hex = '0123456789abcdeffedcba9876543210';
    const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
    const out = (smCrypto as any).sm4.encrypt(bytes, hex, { padding: 'none' });
    expect(out).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('encrypts a phone number so that it round-trips, differs per call, and is found by keyed hash', () => {
    const c = new FieldCipher('00'.repeat(16) + '11'.repeat(16));
    const a = c.encrypt('13812341234');
    const b = c.encrypt('13812341234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812341234');
    expect(c.decrypt(a)).toBe('13812341234');
    expect(c.keyedHash('13812341234')).toBe(c.keyedHash(' 13812341234 '));
    expect(new FieldCipher('22'.repeat(32)).keyedHash('13812341234')).not.toBe(c.keyedHash('13812341234'));
  });

  it.runIf(NATIVE_SM)('the native SM3, HMAC-SM3 and SM4-CBC give the bytes of sm-crypto (stored values stay readable)', () => {
    const key = '0123456789abcdeffedcba9876543210' + '00112233445566778899aabbccddeeff';
    const c = new FieldCipher(key);
    const samples = ['', 'a', '13812341234', '370902198001011234', '张三丰', '泰安市岱岳区某某商贸有限公司 Room 1-2 ✓', 'x'.repeat(16), 'y'.repeat(33), '𠀀🙂'];
    for (const text of samples) {
      expect(sm3Hex(text)).toBe(ref.sm3Hex(text));
      expect(c.keyedHash(text)).toBe(ref.hmacSm3Hex(key.slice(32), text.trim()));
      const stored = c.encrypt(text);
      const [, iv, data] = stored.split(':');
      expect(data).toBe(ref.sm4CbcEncryptHex(text, key.slice(0, 32), iv!));
      expect(c.decrypt(stored)).toBe(text);
      const legacy = `sm4:${iv}:${ref.sm4CbcEncryptHex(text, key.slice(0, 32), iv!)}`;
      expect(c.decrypt(legacy)).toBe(text);
    }
  });
});
