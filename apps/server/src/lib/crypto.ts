import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';

const { sm3, sm4 } = smCrypto as unknown as {
  sm3: (msg: string | number[], opts?: { key: string }) => string;
  sm4: {
    encrypt: (data: string | number[], key: string, opts?: { mode?: 'cbc' | 'ecb'; iv?: string; padding?: string; output?: 'string' | 'array' }) => string;
    decrypt: (data: string, key: string, opts?: { mode?: 'cbc' | 'ecb'; iv?: string; output?: 'string' | 'array' }) => string;
  };
};

/** SM3 (GB/T 32905) of a UTF-8 string, as 64 hex characters. */
export function sm3Hex(text: string): string {
  return sm3(text);
}

/**
 * Field encryption for personal data at rest (密评 GB/T 39786: confidentiality of important data).
 * SM4-CBC with a random IV per value; the stored form is `sm4:<iv hex>:<ciphertext hex>`.
 * The keyed hash (HMAC-SM3) lets an exact value be found without decrypting every row.
 */
export class FieldCipher {
  private readonly encKey: string;
  private readonly macKey: string;

  constructor(keyHex: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('field key must be 32 bytes of hex');
    this.encKey = keyHex.slice(0, 32).toLowerCase();
    this.macKey = keyHex.slice(32).toLowerCase();
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16).toString('hex');
    return `sm4:${iv}:${sm4.encrypt(plain, this.encKey, { mode: 'cbc', iv })}`;
  }

  decrypt(stored: string): string {
    const [alg, iv, data] = stored.split(':');
    if (alg !== 'sm4' || !iv || !data) throw new Error('unknown ciphertext format');
    return sm4.decrypt(data, this.encKey, { mode: 'cbc', iv });
  }

  /** HMAC-SM3 of the normalised value. */
  keyedHash(value: string): string {
    return sm3(value.trim(), { key: this.macKey });
  }
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of two strings (tokens, hashes), so timing does not reveal how much of a guess was right. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
