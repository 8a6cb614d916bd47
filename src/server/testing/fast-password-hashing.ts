import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { PasswordHashing } from '../auth/auth.ts';

const derive = promisify(scrypt) as (
  password: string,
  salt: string,
  length: number,
  options: object,
) => Promise<Buffer>;

/**
 * Tests only. better-auth's scrypt costs about 32 MiB and 50–100 ms of a core per hash (several
 * times more on a busy machine), and the suite registers hundreds of people. This is the same
 * salted scrypt at the lowest cost (N=16, r=1): a wrong password still fails, what tests check about
 * accounts holds, and no production path can reach it (only createTestApp passes it to buildApp).
 */
export const fastPasswordHashing: PasswordHashing = {
  async hash(password) {
    const salt = randomBytes(16).toString('hex');
    const key = await derive(password.normalize('NFKC'), salt, 32, { N: 16, r: 1, p: 1 });
    return `${salt}:${key.toString('hex')}`;
  },
  async verify({ hash, password }) {
    const [salt, key] = hash.split(':');
    if (!salt || !key) return false;
    const expected = Buffer.from(key, 'hex');
    const actual = await derive(password.normalize('NFKC'), salt, expected.length, { N: 16, r: 1, p: 1 });
    return timingSafeEqual(actual, expected);
  },
};
