import { createHash, randomBytes, randomInt } from 'node:crypto';
import { guestCodeAlphabet, guestCodeLength } from '../../../contract/guest.ts';

/** A new code: 8 characters of a 25-letter alphabet (about 37 bits), drawn without bias. */
export function newGuestCode(): string {
  let code = '';
  for (let i = 0; i < guestCodeLength; i++) code += guestCodeAlphabet[randomInt(guestCodeAlphabet.length)];
  return code;
}

/** A guest browser's secret: 32 random bytes, base64url. */
export const newGuestToken = () => randomBytes(32).toString('base64url');

export const isGuestToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const hashGuestToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The join page with the code filled in (what the QR code holds). */
export const guestJoinUrl = (publicUrl: string, code: string) =>
  `${publicUrl.replace(/\/$/, '')}/rejoindre?code=${encodeURIComponent(code)}`;
